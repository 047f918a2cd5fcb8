"""Repeating appointments through the services, on both databases: the report, the
booking in one transaction, "changed since the report", cancelling, bad input."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from scheduler_app.db.engine import Database, open_database
from scheduler_app.db.models import Appointment, AuditEntry
from scheduler_app.db.series_models import Series
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.series_dto import (
    Alternative,
    ChosenAlternative,
    SeriesChangedError,
    SeriesRequest,
    SeriesScope,
)
from tests.conftest import Clinic

TUE_THU = rule_text(SeriesRule("WEEKLY", weekdays=(1, 3), count=8))


def _stored(database: Database) -> tuple[int, int, int]:
    with database.read_sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Appointment)) or 0,
            session.scalar(select(func.count()).where(AuditEntry.entity == "appointment")) or 0,
            session.scalar(select(func.count()).select_from(Series)) or 0,
        )


@pytest.fixture
def other_desk(clinic: Clinic) -> Iterator[BookingService]:
    """A second desk on the same database, with its own connections."""
    ctx = clinic.services.context
    url = ctx.database.engine.url.render_as_string(hide_password=False)
    database = open_database(url)
    yield BookingService(
        ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk)
    )
    database.dispose()


def _request(clinic: Clinic, prof: int, rule: str = TUE_THU, **kw: object) -> SeriesRequest:
    # Tue 3 Mar 2026 09:00 in Lisbon; the clocks go forward on Sun 29 Mar.
    values: dict = {"minutes": 45, **kw}
    return SeriesRequest(rule=rule, first_start=clinic.at(3, 9), professional_id=prof, **values)


def test_the_report_says_which_occurrences_are_free_and_why_not(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    joana = clinic.client("Joana Costa")
    clinic.booking.book(
        clinic.admin,
        BookingRequest(clinic.at(12, 9), clinic.at(12, 10), professional_id=silva, client_id=joana),
    )
    ten = rule_text(SeriesRule("WEEKLY", weekdays=(1, 3), count=10))
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva, ten))
    days = [o.day for o in report.occurrences]
    assert days[:4] == [date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 10), date(2026, 3, 12)]
    assert days[-1] == date(2026, 4, 2) and len(days) == 10
    refused = report.refused
    assert [o.day for o in refused] == [date(2026, 3, 12)]
    assert "Dr Silva already has 09:00" in refused[0].reason
    alternative = refused[0].alternative
    assert alternative is not None
    assert alternative.start.astimezone(clinic.tz).date() == date(2026, 3, 12)
    assert alternative.start.astimezone(clinic.tz).hour == 8  # nearest free (a tie: earlier)
    # After the clocks change, 09:00 stays 09:00 on the wall and lasts 45 real minutes.
    late = report.occurrences[-1]
    assert late.start is not None and late.end is not None
    assert (late.start.hour, late.start.minute, late.start.utcoffset()) == (
        9,
        0,
        timedelta(hours=1),
    )
    assert late.end - late.start == timedelta(minutes=45)


def test_booking_books_the_free_ones_and_the_chosen_alternative_at_once(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(12, 9), clinic.at(12, 10), professional_id=silva)
    )
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva))
    (refused,) = report.refused
    assert refused.alternative is not None
    before = _stored(clinic.services.database)
    booked = clinic.services.series.book(
        clinic.admin, report, (ChosenAlternative(refused.index, refused.alternative),)
    )
    assert len(booked.appointment_ids) == 8
    after = _stored(clinic.services.database)
    assert after == (before[0] + 8, before[1] + 8, before[2] + 1)
    info = clinic.services.series.info(booked.series_id)
    assert [a for a, _s, _st in info.appointments] == sorted(booked.appointment_ids)
    views = [clinic.booking.get(i) for i in booked.appointment_ids]
    assert {v.series_id for v in views} == {booked.series_id}
    assert {v.start.astimezone(clinic.tz).strftime("%H:%M") for v in views} == {"09:00", "08:00"}


def test_nothing_is_booked_when_another_desk_took_a_slot_since_the_report(
    clinic: Clinic, other_desk: BookingService
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva))
    assert not report.refused
    other_desk.book(
        clinic.admin, BookingRequest(clinic.at(10, 9), clinic.at(10, 9, 30), professional_id=silva)
    )
    before = _stored(clinic.services.database)
    with pytest.raises(SeriesChangedError, match="changed since the report") as caught:
        clinic.services.series.book(clinic.admin, report)
    assert _stored(clinic.services.database) == before
    now = caught.value.report
    assert [o.day for o in now.refused] == [date(2026, 3, 10)]
    assert "Dr Silva already has 09:00" in now.refused[0].reason
    booked = clinic.services.series.book(clinic.admin, now)  # the updated report books
    assert len(booked.appointment_ids) == 7


def test_a_desk_booking_while_the_series_is_decided_waits_for_it_and_is_refused(
    pg_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A series is decided under the scheduling lock from its first date to its last:
    another desk booking one of its times meanwhile waits for the lock, and is then
    decided after it (refused: the time is the series' now). Nothing is decided twice."""
    clinic = pg_clinic
    (silva,) = clinic.professionals("Dr Silva")
    ctx = clinic.services.context
    database = open_database(ctx.database.engine.url.render_as_string(hide_password=False))
    other = BookingService(
        ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk)
    )
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva))
    finish = unit_of_work.ScheduleChange.finish
    outcome: list[object] = []
    started = threading.Event()

    def book_meanwhile() -> None:
        started.set()
        try:
            other.book(
                clinic.admin,
                BookingRequest(clinic.at(19, 9), clinic.at(19, 10), professional_id=silva),
            )
        except ConflictError as exc:
            outcome.append(exc)
        else:
            outcome.append("booked")

    desk = threading.Thread(target=book_meanwhile)

    def finish_after(tx: unit_of_work.ScheduleChange) -> None:
        if not desk.is_alive() and not outcome:
            desk.start()
            started.wait(5)
        finish(tx)

    monkeypatch.setattr(unit_of_work.ScheduleChange, "finish", finish_after)
    before = _stored(clinic.services.database)
    try:
        booked = clinic.services.series.book(clinic.admin, report)
        desk.join(10)
    finally:
        database.dispose()
    assert len(booked.appointment_ids) == len(report.free)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
    assert "Dr Silva already has" in str(outcome[0])
    assert _stored(clinic.services.database)[0] == before[0] + len(report.free)


def test_an_occurrence_the_clocks_skip_is_refused_with_its_own_reason(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    rule = rule_text(SeriesRule("DAILY", count=3))
    request = SeriesRequest(rule, clinic.at(28, 1, 30), professional_id=silva, minutes=30)
    report = clinic.services.series.report(clinic.admin, request)
    assert [o.free for o in report.occurrences] == [True, False, True]
    gap = report.occurrences[1]
    assert gap.start is None
    assert gap.reason == (
        "01:30 does not exist on 29 Mar 2026 in Europe/Lisbon: the clocks go forward then."
    )
    assert gap.alternative is not None and gap.alternative.start.astimezone(clinic.tz).day == 29
    booked = clinic.services.series.book(clinic.admin, report)
    assert len(booked.appointment_ids) == 2


def _book_series(clinic: Clinic) -> tuple[int, list[int]]:
    (silva,) = clinic.professionals("Dr Silva")
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva))
    booked = clinic.services.series.book(clinic.admin, report)
    return booked.series_id, list(booked.appointment_ids)


def _cancel_entries(database: Database) -> int:
    with database.read_sessions() as session:
        return (
            session.scalar(select(func.count()).where(AuditEntry.action == "status:cancelled")) or 0
        )


@pytest.mark.parametrize(
    ("scope", "cancelled"),
    [(SeriesScope.THIS, 1), (SeriesScope.FOLLOWING, 5), (SeriesScope.ALL, 8)],
)
def test_cancel_this_following_or_all_writes_one_audit_entry_each(
    clinic: Clinic, scope: SeriesScope, cancelled: int
) -> None:
    series_id, ids = _book_series(clinic)
    database = clinic.services.database
    # An exception first: the 2nd occurrence was cancelled on its own.
    series = clinic.services.series
    series.cancel(clinic.admin, ids[1], 1, SeriesScope.THIS)
    entries = _cancel_entries(database)
    target = ids[3]
    done = series.cancel(clinic.admin, target, 1, scope, "Client moved away")
    expected = cancelled - (1 if scope is SeriesScope.ALL else 0)
    assert len(done.cancelled) == expected
    assert _cancel_entries(database) == entries + expected
    statuses = [clinic.booking.get(i).status for i in ids]
    assert statuses.count(AppointmentStatus.CANCELLED) == expected + 1
    if scope is SeriesScope.FOLLOWING:
        assert done.split_id is not None
        assert {clinic.booking.get(i).series_id for i in ids[3:]} == {done.split_id}
        assert {clinic.booking.get(i).series_id for i in ids[:3]} == {series_id}
        old = series.info(series_id)
        assert "UNTIL=20260311" in old.rule and "COUNT" not in old.rule
        assert "COUNT=5" in series.info(done.split_id).rule
        assert clinic.booking.get(ids[1]).status is AppointmentStatus.CANCELLED  # kept
    # Undo is one step: every one of them back, the series whole again.
    back = series.undo_cancel(clinic.admin, done)
    assert len(back.cancelled) == expected
    assert [clinic.booking.get(i).status for i in ids].count(AppointmentStatus.CANCELLED) == 1
    assert {clinic.booking.get(i).series_id for i in ids} == {series_id}
    assert series.info(series_id).rule == TUE_THU


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("RRULE:FREQ=WEEKLY;BYDAY=TU", "needs an end"),
        ("RRULE:FREQ=WEEKLY;UNTIL=20280101", "at most 366 days ahead"),
        ("RRULE:FREQ=DAILY;COUNT=501", "at most 500 appointments"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX;COUNT=3", "not a weekday"),
        ("RRULE:FREQ=SECONDLY;COUNT=3", "daily, weekly or monthly"),
        ("hello", "cannot be read"),
    ],
)
def test_bad_rules_are_refused_and_nothing_is_written(
    clinic: Clinic, rule: str, words: str
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    before = _stored(clinic.services.database)
    request = _request(clinic, silva, rule)
    with pytest.raises(ValidationError, match=words):
        clinic.services.series.report(clinic.admin, request)
    assert _stored(clinic.services.database) == before


def test_move_this_and_following_to_another_time_splits_the_series(clinic: Clinic) -> None:
    series_id, ids = _book_series(clinic)
    tom = clinic.professionals("Tom Becker")[0]
    series = clinic.services.series
    database = clinic.services.database
    with database.read_sessions() as session:
        moves = session.scalar(select(func.count()).where(AuditEntry.action == "reschedule"))
    moved = series.move_following(clinic.admin, ids[4], 1, time(10, 30), tom)
    assert moved.split_id is not None and len(moved.after) == 4
    views = [clinic.booking.get(i) for i in ids]
    assert [v.start.astimezone(clinic.tz).strftime("%H:%M") for v in views] == (
        ["09:00"] * 4 + ["10:30"] * 4
    )
    assert {v.professional_id for v in views[4:]} == {tom}
    assert {v.series_id for v in views[4:]} == {moved.split_id}
    with database.read_sessions() as session:
        assert (
            session.scalar(select(func.count()).where(AuditEntry.action == "reschedule"))
            == (moves or 0) + 4
        )
    series.undo_move(clinic.admin, moved)
    back = [clinic.booking.get(i) for i in ids]
    assert [(v.start, v.professional_id, v.series_id) for v in back] == [
        (v.start, v.professional_id, series_id) for v in views[:4]
    ] + [(p.start, p.professional_id, series_id) for p in moved.before]
    assert series.info(series_id).rule == TUE_THU


def test_a_move_of_the_following_dates_onto_a_taken_time_moves_none(clinic: Clinic) -> None:
    _series_id, ids = _book_series(clinic)
    (silva,) = [p.id for p in clinic.directory.professionals() if p.name == "Dr Silva"]
    clinic.booking.book(
        clinic.admin,
        BookingRequest(clinic.at(24, 10), clinic.at(24, 11), professional_id=silva),
    )
    before = [clinic.booking.get(i) for i in ids]
    with pytest.raises(ConflictError, match="Dr Silva already has 10:00"):
        clinic.services.series.move_following(clinic.admin, ids[2], 1, time(10, 0), silva)
    assert [clinic.booking.get(i) for i in ids] == before


def test_a_series_tells_the_client_once_and_undoing_its_booking_withdraws_that(
    clinic: Clinic,
) -> None:
    from scheduler_app.db.notification_models import Notification
    from scheduler_app.domain.notifications import NotificationStatus

    (silva,) = clinic.professionals("Dr Silva")
    joana = clinic.directory.add_client(clinic.admin, "Joana", "", "joana@example.org").id
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva, client_id=joana))
    booked = clinic.services.series.book(clinic.admin, report)

    def messages() -> list[tuple[str, str]]:
        with clinic.services.database.read_sessions() as session:
            rows = session.execute(
                select(Notification.kind, Notification.status).where(
                    Notification.appointment_id.in_(booked.appointment_ids)
                )
            ).all()
        return sorted((str(k), str(s)) for k, s in rows)

    planned = messages()
    created = [m for m in planned if m[0] == "appointment_created"]
    assert len(created) == 1  # one "booked" message, not one per date
    with clinic.services.database.read_sessions() as session:
        reminded = session.scalars(
            select(Notification.appointment_id).where(Notification.kind == "appointment_reminder")
        ).all()
    assert set(reminded) == set(booked.appointment_ids)  # every date is reminded
    first = clinic.booking.get(booked.appointment_ids[0])
    clinic.services.series.cancel(
        clinic.admin, first.id, first.version, SeriesScope.ALL, "Booking undone", undoing=True
    )
    after = messages()
    assert all(status == NotificationStatus.CANCELLED for _kind, status in after)
    assert len(after) == len(planned)  # nothing new: no "cancelled" messages sent


def test_bad_requests_are_refused_before_anything_is_written(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    series = clinic.services.series
    before = _stored(clinic.services.database)
    naive = SeriesRequest(TUE_THU, clinic.at(3, 9).replace(tzinfo=None), professional_id=silva)
    with pytest.raises(ValidationError, match="no time zone"):
        series.report(clinic.admin, naive)
    with pytest.raises(ValidationError, match="1 minute to 12 hours"):
        series.report(clinic.admin, _request(clinic, silva, minutes=0))
    report = series.report(clinic.admin, _request(clinic, silva))
    free = report.occurrences[0]
    assert free.start is not None and free.end is not None
    fake = ChosenAlternative(free.index, Alternative(free.start, free.end, silva))
    with pytest.raises(ValidationError, match="only replace a refused"):
        series.book(clinic.admin, report, (fake,))
    assert _stored(clinic.services.database) == before


def test_a_series_on_the_last_friday_of_each_month_is_booked_and_split(clinic: Clinic) -> None:
    """FREQ=MONTHLY;BYDAY=-1FR: wall-clock 09:00 across the spring change, and a
    "this and following" cancel that leaves the rest of the count to the new series."""
    (silva,) = clinic.professionals("Dr Silva")
    rule = "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"
    request = SeriesRequest(rule, clinic.at(27, 9), professional_id=silva, minutes=30)
    series = clinic.services.series
    report = series.report(clinic.admin, request)
    assert [o.day for o in report.occurrences] == [
        date(2026, 3, 27),
        date(2026, 4, 24),
        date(2026, 5, 29),
        date(2026, 6, 26),
    ]
    booked = series.book(clinic.admin, report)
    starts = [clinic.booking.get(i).start.astimezone(clinic.tz) for i in booked.appointment_ids]
    assert {s.strftime("%H:%M") for s in starts} == {"09:00"}
    assert {s.utcoffset() for s in starts} == {timedelta(0), timedelta(hours=1)}
    done = series.cancel(clinic.admin, booked.appointment_ids[2], 1, SeriesScope.FOLLOWING)
    assert done.split_id is not None and len(done.cancelled) == 2
    assert "BYDAY=-1FR;COUNT=2" in series.info(done.split_id).rule
    assert "BYDAY=-1FR;UNTIL=20260528" in series.info(booked.series_id).rule


def test_the_clinic_sets_how_far_ahead_a_series_may_reach(clinic: Clinic) -> None:
    from dataclasses import replace as changed

    (silva,) = clinic.professionals("Dr Silva")
    settings = clinic.services.settings
    with pytest.raises(ValidationError, match="from 7 to 1830 days"):
        settings.save(clinic.admin, changed(settings.current(), series_horizon_days=3))
    settings.save(clinic.admin, changed(settings.current(), series_horizon_days=30))
    assert settings.current().series_horizon_days == 30
    weekly = rule_text(SeriesRule("WEEKLY", count=8))
    with pytest.raises(ValidationError, match="at most 30 days ahead"):
        clinic.services.series.report(clinic.admin, _request(clinic, silva, weekly))
    four = rule_text(SeriesRule("WEEKLY", count=4))
    report = clinic.services.series.report(clinic.admin, _request(clinic, silva, four))
    assert len(report.occurrences) == 4
