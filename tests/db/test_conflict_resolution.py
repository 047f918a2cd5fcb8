"""Conflicts to resolve: what is listed, the engine's suggestions (each checked against
the brute-force oracle), accepting one through the one path, ignoring, escalating."""

from __future__ import annotations

import contextlib
import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from scheduler_app.db.models import AuditEntry, Conflict, Role
from scheduler_app.db.notification_models import Channel, Notification, NotificationKind
from scheduler_app.errors import ConflictError, PermissionDeniedError, ValidationError
from scheduler_app.services.availability import demand
from scheduler_app.services.conflicts import Suggestion
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest, ServiceDetails
from scheduler_app.services.resources import ResourceDetails
from tests.conftest import Clinic
from tests.unit.domain.test_capacity import feasible


def _book(clinic: Clinic, start: datetime, end: datetime, prof: int | None) -> AppointmentView:
    return clinic.booking.book(
        clinic.admin, BookingRequest(start=start, end=end, professional_id=prof)
    )


def _placed_by_oracle(clinic: Clinic, suggestion: Suggestion, staying: list[int]) -> bool:
    """Whether, with the appointment at ``suggestion``, every active appointment of
    those days can be given one of ``staying`` (brute force)."""
    first = suggestion.start.astimezone(clinic.tz).date() - timedelta(days=1)
    slots = []
    for offset in range(3):
        for appt in clinic.booking.appointments_on(first + timedelta(days=offset)):
            if not appt.status.is_active or appt.id == suggestion.appointment_id:
                continue
            if appt.conflict_id is not None:
                continue  # set aside: the decision leaves it out until it is resolved
            slots.append(demand(appt.id, appt.start, appt.end, appt.professional_id))
    moved = demand(
        suggestion.appointment_id, suggestion.start, suggestion.end, suggestion.professional_id
    )
    slots = [s for s in {s.key: s for s in slots}.values()]
    return feasible([*slots, moved], staying, [moved])


def _stranding_day(clinic: Clinic) -> tuple[list[int], int, AppointmentView]:
    """Three professionals busy 10-11 on Tue 10 Mar, the first also 11-12; the third
    leaves (forced) and their 10-11 is set aside. Returns (staying, leaving, it)."""
    a, b, c = clinic.professionals("Ana Silva", "Bruno Reis", "Carla Dias")
    _book(clinic, clinic.at(10, 10), clinic.at(10, 11), a)
    _book(clinic, clinic.at(10, 10), clinic.at(10, 11), b)
    _book(clinic, clinic.at(10, 11), clinic.at(10, 12), a)
    hers = _book(clinic, clinic.at(10, 10), clinic.at(10, 11), c)
    departure = clinic.services.professionals.leave(
        clinic.admin, c, on=clinic.at(9, 0), force_reason="Moving abroad"
    )
    assert departure.set_aside == 1
    return [a, b], c, clinic.booking.get(hers.id)


def test_a_conflict_is_listed_with_its_kind_impact_and_appointments(clinic: Clinic) -> None:
    _staying, _c, hers = _stranding_day(clinic)
    (conflict,) = clinic.services.conflicts.unresolved()
    assert (conflict.kind, conflict.status, conflict.impact) == (
        "capacity_exceeded",
        "open",
        "medium",  # in 8 days
    )
    assert conflict.reason == "Moving abroad"
    assert [a.id for a in conflict.appointments] == [hers.id]
    with clinic.services.database.engine.connect() as conn:
        told = conn.execute(
            select(Notification.recipient, Notification.channel, Notification.message).where(
                Notification.kind.in_(
                    [NotificationKind.CONFLICT_DETECTED, NotificationKind.TEAM_MEMBER_UNAVAILABLE]
                )
            )
        ).all()
    assert told == [  # her leaving: every desk is told she is unavailable, once
        (
            "desk",
            Channel.IN_APP,
            "Carla Dias will not be there for booked appointments. 1 appointment waits "
            "for a professional since a forced change (Carla Dias "
            "leaving on Mon 09 Mar 2026 00:00). Click the red count of open conflicts in the "
            "status bar to resolve them.",
        )
    ]
    clinic.clock.now = clinic.at(9, 12)
    clinic.services.professionals.come_back(clinic.admin, _c)
    clinic.services.professionals.leave(clinic.admin, _c, on=clinic.at(9, 13), force_reason="Again")
    assert clinic.services.conflicts.open_count() == 1  # nothing more to set aside


def test_accepting_a_suggestion_moves_through_the_one_path_and_resolves(
    clinic: Clinic,
) -> None:
    staying, _c, hers = _stranding_day(clinic)
    (conflict,) = clinic.services.conflicts.unresolved()
    suggestions = clinic.services.conflicts.suggestions(conflict.appointments[0].id)
    assert [s.moved for s in suggestions] == [True, True]  # nobody is free at 10:00
    assert {s.start for s in suggestions} == {clinic.at(10, 9), clinic.at(10, 11)}
    assert all(_placed_by_oracle(clinic, s, staying) for s in suggestions)
    first = suggestions[0]
    moved = clinic.booking.move(
        clinic.admin, first.appointment_id, first.version, first.start, first.professional_id
    )
    assert (moved.start, moved.professional_id, moved.conflict_id) == (
        first.start,
        first.professional_id,
        None,
    )
    assert clinic.services.conflicts.unresolved() == []
    assert clinic.services.conflicts.open_count() == 0
    with clinic.services.database.engine.connect() as conn:
        status = conn.execute(select(Conflict.status)).scalar_one()
    assert status == "resolved"
    assert hers.conflict_id == conflict.id


def test_a_professional_freed_since_is_suggested_at_the_same_time(clinic: Clinic) -> None:
    staying, _c, hers = _stranding_day(clinic)
    bruno = next(
        a
        for a in clinic.booking.appointments_on(clinic.at(10, 0).date())
        if a.professional_id == staying[1]
    )
    clinic.lifecycle.cancel(clinic.admin, bruno.id, bruno.version, "Ill")
    (conflict,) = clinic.services.conflicts.unresolved()
    suggestions = clinic.services.conflicts.suggestions(conflict.appointments[0].id)
    assert (suggestions[0].moved, suggestions[0].professional_name) == (False, "Bruno Reis")
    assert suggestions[0].start == hers.start
    assert all(_placed_by_oracle(clinic, s, staying) for s in suggestions)
    s = suggestions[0]
    clinic.booking.move(clinic.admin, s.appointment_id, s.version, s.start, s.professional_id)
    assert clinic.services.conflicts.open_count() == 0


@pytest.mark.parametrize("seed", range(6))
def test_every_suggestion_is_feasible_by_brute_force(clinic: Clinic, seed: int) -> None:
    rng = random.Random(seed)
    a, b, c = clinic.professionals("Ana Silva", "Bruno Reis", "Carla Dias")
    for prof in (a, b, c):
        hour = 8
        while hour < 15:
            hour += rng.choice((0, 1, 2))
            length = rng.choice((30, 60, 90))
            start = clinic.at(10, hour, rng.choice((0, 30)))
            with contextlib.suppress(ConflictError):  # a random clash: the next one
                _book(clinic, start, start + timedelta(minutes=length), prof)
            hour += 1
    clinic.services.professionals.leave(clinic.admin, c, on=clinic.at(9, 0), force_reason="Random")
    for conflict in clinic.services.conflicts.unresolved():
        for waiting in conflict.appointments:
            suggestions = clinic.services.conflicts.suggestions(waiting.id)
            assert suggestions, "a place is always suggested within two weeks"
            for suggestion in suggestions:
                assert _placed_by_oracle(clinic, suggestion, [a, b]), suggestion
            s = suggestions[0]
            clinic.booking.move(
                clinic.admin, s.appointment_id, s.version, s.start, s.professional_id
            )
    assert clinic.services.conflicts.open_count() == 0


def test_ignoring_needs_a_reason_and_a_manager(clinic: Clinic) -> None:
    _staying, _c, hers = _stranding_day(clinic)
    (conflict,) = clinic.services.conflicts.unresolved()
    desk = clinic.add_staff("reception", Role.RECEPTION)
    with pytest.raises(ValidationError, match="Say why"):
        clinic.services.conflicts.ignore(clinic.admin, conflict.id, "  ")
    with pytest.raises(PermissionDeniedError):
        clinic.services.conflicts.ignore(desk, conflict.id, "Client will call")
    clinic.services.conflicts.ignore(clinic.admin, conflict.id, "Client will call")
    assert clinic.services.conflicts.open_count() == 0
    assert clinic.booking.get(hers.id).conflict_id == conflict.id  # still set aside
    with clinic.services.database.engine.connect() as conn:
        row = conn.execute(
            select(Conflict.status, Conflict.resolution_notes, Conflict.resolved_by_id)
        ).one()
        actions = conn.execute(
            select(AuditEntry.action).where(AuditEntry.entity == "conflict")
        ).scalars()
        assert list(actions) == ["force", "ignored"]
    assert tuple(row) == ("ignored", "Client will call", clinic.admin)
    with pytest.raises(ValidationError, match="already dealt with"):
        clinic.services.conflicts.escalate(clinic.admin, conflict.id)


def test_escalating_tells_every_manager_and_keeps_it_open(clinic: Clinic) -> None:
    _staying, _c, hers = _stranding_day(clinic)
    (conflict,) = clinic.services.conflicts.unresolved()
    desk = clinic.add_staff("reception", Role.RECEPTION)
    clinic.add_staff("boss", Role.MANAGER)
    clinic.sign_in(desk)  # reception escalates
    told = clinic.services.conflicts.escalate(desk, conflict.id, "Client is a VIP")
    assert told == 2  # the admin and the manager
    (still,) = clinic.services.conflicts.unresolved()
    assert (still.status, still.notes) == ("escalated", "Client is a VIP")
    assert clinic.services.conflicts.open_count() == 1
    with clinic.services.database.engine.connect() as conn:
        rows = conn.execute(
            select(Notification.recipient, Notification.channel, Notification.message).where(
                Notification.kind == NotificationKind.CONFLICT_DETECTED,
                Notification.recipient != "desk",  # the desks were told when it arose
            )
        ).all()
    assert sorted(r[0] for r in rows) == ["admin", "boss"]
    assert {r[1] for r in rows} == {Channel.IN_APP}
    assert "Client is a VIP" in rows[0][2]
    with pytest.raises(ValidationError, match="already escalated"):
        clinic.services.conflicts.escalate(desk, conflict.id)
    s = clinic.services.conflicts.suggestions(still.appointments[0].id)[0]
    clinic.sign_in(clinic.admin)
    clinic.booking.move(clinic.admin, s.appointment_id, s.version, s.start, s.professional_id)
    assert clinic.services.conflicts.open_count() == 0  # an escalated one resolves too
    assert clinic.booking.get(hers.id).conflict_id is None


def test_suggested_times_have_the_room_the_service_needs(clinic: Clinic) -> None:
    """Carla's physiotherapy 10-11 on Tue 10 Mar needs the only treatment room; she
    leaves and it is set aside. At 09:00 Ana is free but the room is Bruno's session:
    that time is not suggested (its move would be refused); each suggestion is."""
    a, b, c = clinic.professionals("Ana Silva", "Bruno Reis", "Carla Dias")
    resources = clinic.services.resources
    room = resources.add(clinic.admin, ResourceDetails("Room 1", "Treatment room")).id
    physio = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    ).id
    resources.set_needs(clinic.admin, physio, [("Treatment room", 1)])

    def session(hour: int, prof: int) -> AppointmentView:
        return clinic.booking.book(
            clinic.admin,
            BookingRequest(clinic.at(10, hour), professional_id=prof, service_id=physio),
        )

    session(9, b)
    _book(clinic, clinic.at(10, 10), clinic.at(10, 11), a)
    _book(clinic, clinic.at(10, 10), clinic.at(10, 11), b)
    _book(clinic, clinic.at(10, 11), clinic.at(10, 12), a)
    hers = session(10, c)
    assert hers.resource_ids == (room,)
    clinic.services.professionals.leave(
        clinic.admin, c, on=clinic.at(9, 0), force_reason="Moving abroad"
    )
    suggestions = clinic.services.conflicts.suggestions(hers.id)
    assert suggestions and all(s.start != clinic.at(10, 9) for s in suggestions)
    for suggestion in suggestions:
        verdict = clinic.booking.check_moves(
            [
                MoveRequest(
                    suggestion.appointment_id,
                    suggestion.version,
                    suggestion.start,
                    suggestion.end,
                    suggestion.professional_id,
                )
            ]
        )
        assert verdict.ok, (suggestion, verdict.reason)
    first = suggestions[0]
    moved = clinic.booking.move(
        clinic.admin, first.appointment_id, first.version, first.start, first.professional_id
    )
    assert moved.start == first.start and moved.conflict_id is None
