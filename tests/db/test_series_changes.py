"""Moving, resizing and reassigning a series on both databases: this date, this and
the following ones (the series split), or all of it still to come; one schedule
change and one audit entry per appointment changed, undone in one step."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import func, select

from scheduler_app.db.engine import Database
from scheduler_app.db.models import AuditEntry
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.services.series_move import SeriesChange
from tests.conftest import Clinic
from tests.db.test_series import TUE_THU, _book_series


def _reschedules(database: Database) -> int:
    with database.read_sessions() as session:
        return session.scalar(select(func.count()).where(AuditEntry.action == "reschedule")) or 0


def _shown(clinic: Clinic, ids: list[int]) -> list[tuple[str, int, int | None]]:
    """Each date's wall-clock start, length in minutes and professional."""
    views = [clinic.booking.get(i) for i in ids]
    return [
        (
            v.start.astimezone(clinic.tz).strftime("%H:%M"),
            int((v.end - v.start).total_seconds() // 60),
            v.professional_id,
        )
        for v in views
    ]


@pytest.mark.parametrize(
    ("scope", "changed"), [(SeriesScope.THIS, 1), (SeriesScope.FOLLOWING, 4), (SeriesScope.ALL, 8)]
)
def test_a_new_length_for_this_the_following_or_all_dates(
    clinic: Clinic, scope: SeriesScope, changed: int
) -> None:
    series_id, ids = _book_series(clinic)  # Tue and Thu 09:00, 45 minutes, 8 times
    (silva,) = [p.id for p in clinic.directory.professionals() if p.name == "Dr Silva"]
    series = clinic.services.series
    database = clinic.services.database
    audited = _reschedules(database)
    before = _shown(clinic, ids)

    done = series.change(clinic.admin, ids[4], 1, scope, SeriesChange(minutes=60))
    assert len(done.after) == changed
    after = _shown(clinic, ids)
    first = {SeriesScope.THIS: 4, SeriesScope.FOLLOWING: 4, SeriesScope.ALL: 0}[scope]
    reached = range(first, first + changed)
    assert after == [("09:00", 60, silva) if i in reached else before[i] for i in range(len(ids))]
    assert _reschedules(database) == audited + changed  # one entry per appointment
    info = series.info(done.split_id or series_id)
    assert info.length_minutes == (45 if scope is SeriesScope.THIS else 60)
    if scope is SeriesScope.FOLLOWING:
        assert done.split_id is not None
        assert {clinic.booking.get(i).series_id for i in ids[4:]} == {done.split_id}
        assert series.info(series_id).length_minutes == 45  # the earlier dates' series

    series.undo_move(clinic.admin, done)  # one step back: every date, the series whole
    assert _shown(clinic, ids) == before
    assert {clinic.booking.get(i).series_id for i in ids} == {series_id}
    info = series.info(series_id)
    assert (info.rule, info.length_minutes) == (TUE_THU, 45)
    assert _reschedules(database) == audited + 2 * changed


def test_all_of_a_series_moves_to_another_time_and_professional(clinic: Clinic) -> None:
    series_id, ids = _book_series(clinic)
    (tom,) = clinic.professionals("Tom Becker")
    series = clinic.services.series
    before = _shown(clinic, ids)
    change = SeriesChange(at=time(10, 30), professional_id=tom, reassign=True)
    done = series.change(clinic.admin, ids[3], 1, SeriesScope.ALL, change)
    assert done.split_id is None and len(done.after) == 8
    assert _shown(clinic, ids) == [("10:30", 45, tom)] * 8
    info = series.info(series_id)
    assert info.first_start.astimezone(clinic.tz).strftime("%H:%M") == "10:30"
    series.undo_move(clinic.admin, done)
    assert _shown(clinic, ids) == before
    assert series.info(series_id).first_start.astimezone(clinic.tz).strftime("%H:%M") == "09:00"


def test_a_longer_length_that_meets_a_taken_time_changes_none(clinic: Clinic) -> None:
    _series_id, ids = _book_series(clinic)
    (silva,) = [p.id for p in clinic.directory.professionals() if p.name == "Dr Silva"]
    clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(24, 10), clinic.at(24, 11), professional_id=silva)
    )
    before = [clinic.booking.get(i) for i in ids]
    with pytest.raises(ConflictError, match="Dr Silva already has 10:00"):
        clinic.services.series.change(
            clinic.admin, ids[1], 1, SeriesScope.ALL, SeriesChange(minutes=90)
        )
    assert [clinic.booking.get(i) for i in ids] == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (SeriesChange(), "Nothing to change"),
        (SeriesChange(minutes=0), "from 1 minute to 12 hours"),
        (SeriesChange(minutes=721), "from 1 minute to 12 hours"),
        (SeriesChange(minutes=45), "Nothing changes"),
        (SeriesChange(at=time(9, 0)), "Nothing changes"),
    ],
)
def test_a_change_that_changes_nothing_or_cannot_be_is_refused(
    clinic: Clinic, change: SeriesChange, words: str
) -> None:
    _series_id, ids = _book_series(clinic)
    before = [clinic.booking.get(i) for i in ids]
    with pytest.raises(ValidationError, match=words):
        clinic.services.series.change(clinic.admin, ids[0], 1, SeriesScope.ALL, change)
    assert [clinic.booking.get(i) for i in ids] == before


def test_a_series_moved_across_the_clocks_change_keeps_the_wall_clock_time(
    clinic: Clinic,
) -> None:
    from scheduler_app.domain.recurrence import SeriesRule, rule_text
    from scheduler_app.services.series_dto import SeriesRequest

    (silva,) = clinic.professionals("Dr Silva")
    rule = rule_text(SeriesRule("WEEKLY", count=6))  # Thursdays 12 March - 16 April
    request = SeriesRequest(rule, clinic.at(12, 9), professional_id=silva, minutes=30)
    series = clinic.services.series
    booked = series.book(clinic.admin, series.report(clinic.admin, request))
    ids = list(booked.appointment_ids)
    done = series.change(
        clinic.admin, ids[1], 1, SeriesScope.FOLLOWING, SeriesChange(at=time(8, 15), minutes=50)
    )
    assert _shown(clinic, ids) == [("09:00", 30, silva)] + [("08:15", 50, silva)] * 5
    offsets = {clinic.booking.get(i).start.astimezone(clinic.tz).utcoffset() for i in ids[1:]}
    assert len(offsets) == 2  # winter and summer time, the same 08:15 on the wall
    assert done.split_id is not None
    moved = series.info(done.split_id)
    assert moved.first_start.astimezone(clinic.tz).strftime("%H:%M") == "08:15"
    assert moved.length_minutes == 50
