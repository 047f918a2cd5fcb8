from __future__ import annotations

import pytest

from scheduler_app.domain.status import (
    ACTIVE_STATUSES,
    TRANSITIONS,
    AppointmentStatus,
    can_transition,
    transition_refusal,
)

S = AppointmentStatus


def test_only_booked_and_arrived_appointments_hold_time() -> None:
    assert {S.PENDING, S.CONFIRMED, S.CHECKED_IN} == ACTIVE_STATUSES


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.PENDING, S.CONFIRMED),
        (S.CONFIRMED, S.CHECKED_IN),
        (S.CHECKED_IN, S.COMPLETED),
        (S.CONFIRMED, S.CANCELLED),
        (S.CANCELLED, S.PENDING),
        (S.NO_SHOW, S.CONFIRMED),
    ],
)
def test_the_desk_flow_is_allowed(current: AppointmentStatus, target: AppointmentStatus) -> None:
    assert can_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [(S.COMPLETED, S.CANCELLED), (S.CANCELLED, S.COMPLETED), (S.PENDING, S.COMPLETED)],
)
def test_impossible_steps_are_refused_with_the_allowed_ones(
    current: AppointmentStatus, target: AppointmentStatus
) -> None:
    assert not can_transition(current, target)
    message = transition_refusal(current, target)
    assert current.label.lower() in message and "it can become" in message


def test_every_forward_step_can_be_taken_back() -> None:
    """Undo needs the reverse of each step."""
    for current, targets in TRANSITIONS.items():
        for target in targets:
            assert can_transition(target, current), (current, target)
