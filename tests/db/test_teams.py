"""Teams on both databases: a service given by a team goes only to its members (with
the skills it needs), changes to members or teams are refused while appointments to
come need them, and going past a member's hours a week is a warning."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from tests.conftest import Clinic


def _service(clinic: Clinic, name: str = "Physiotherapy") -> int:
    details = ServiceDetails(name, 60, Decimal("50.00"), "EUR", "#3366cc")
    return clinic.services.catalog.add(clinic.admin, details).id


def _book(clinic: Clinic, hour: int, prof: int | None, service: int | None) -> object:
    start = clinic.at(3, hour)
    request = BookingRequest(
        start, start + timedelta(hours=1), professional_id=prof, service_id=service
    )
    return clinic.booking.book(clinic.admin, request)


def test_a_teams_service_goes_only_to_its_members(clinic: Clinic) -> None:
    silva, costa, lima = clinic.professionals("Dr Silva", "Dr Costa", "Dr Lima")
    physio = _service(clinic)
    teams = clinic.services.teams
    rehab = teams.add(clinic.admin, "Rehabilitation", "Physio and sports")
    teams.set_member(clinic.admin, rehab, costa, "lead", "BLS", 30)
    teams.set_member(clinic.admin, rehab, lima)
    teams.set_service_team(clinic.admin, physio, rehab)
    assert teams.service_teams() == {physio: rehab}
    with pytest.raises(ConflictError, match="Dr Silva does not have the skills"):
        _book(clinic, 10, silva, physio)
    _book(clinic, 10, costa, physio)
    _book(clinic, 10, None, physio)  # Dr Lima
    with pytest.raises(ConflictError):
        _book(clinic, 10, None, physio)  # both members busy; Dr Silva is not one
    # Skills and team together: members who also have the skill. Dr Lima has not,
    # so the unassigned one would have nobody: refused.
    clinic.services.skills.set_for_professional(clinic.admin, costa, ["Manual therapy"])
    clinic.services.skills.set_for_professional(clinic.admin, silva, ["Manual therapy"])
    with pytest.raises(ConflictError, match="Not saved: an unassigned appointment"):
        clinic.services.skills.set_for_service(clinic.admin, physio, ["Manual therapy"])


def test_members_leave_and_teams_retire_only_when_nothing_is_left_without_them(
    clinic: Clinic,
) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio = _service(clinic)
    teams = clinic.services.teams
    rehab = teams.add(clinic.admin, "Rehabilitation")
    teams.set_member(clinic.admin, rehab, costa)
    teams.set_service_team(clinic.admin, physio, rehab)
    _book(clinic, 10, None, physio)
    with pytest.raises(ConflictError, match="Not saved: an unassigned appointment"):
        teams.remove_member(clinic.admin, rehab, costa)
    teams.set_member(clinic.admin, rehab, silva)
    teams.remove_member(clinic.admin, rehab, costa)  # Dr Silva can take it
    teams.update(clinic.admin, rehab, "Rehab", "", active=False)  # retired: anyone again
    _book(clinic, 11, costa, physio)
    assert [t.name for t in teams.teams()] == ["Rehab"]
    assert not teams.teams()[0].is_active


def test_hours_a_week_past_the_limit_are_a_warning(clinic: Clinic) -> None:
    (costa,) = clinic.professionals("Dr Costa")
    teams = clinic.services.teams
    rehab = teams.add(clinic.admin, "Rehabilitation")
    teams.set_member(clinic.admin, rehab, costa, "member", "", 1)
    _book(clinic, 10, costa, None)  # Tuesday 3 March, this week
    (member,) = teams.teams()[0].members
    assert (member.booked_minutes, member.over) == (60, False)
    _book(clinic, 11, costa, None)
    (member,) = teams.teams()[0].members
    assert (member.booked_minutes, member.over) == (120, True)  # booked all the same
    clinic.clock.now += timedelta(days=7)
    assert teams.teams()[0].members[0].booked_minutes == 0  # next week


def test_bad_team_input_is_refused_with_reasons(clinic: Clinic) -> None:
    (costa,) = clinic.professionals("Dr Costa")
    teams = clinic.services.teams
    with pytest.raises(ValidationError, match="needs a name"):
        teams.add(clinic.admin, "  ")
    rehab = teams.add(clinic.admin, "Rehabilitation")
    with pytest.raises(ValidationError, match="member, lead"):
        teams.set_member(clinic.admin, rehab, costa, "boss")
    with pytest.raises(ValidationError, match="from 1 to 168"):
        teams.set_member(clinic.admin, rehab, costa, "member", "", 200)
    assert teams.teams()[0].members == ()
