"""Appointment status lifecycle."""

from __future__ import annotations

from enum import StrEnum


class AppointmentStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_active(self) -> bool:
        """Whether an appointment in this status holds its professional and capacity."""
        return self in ACTIVE_STATUSES


_LABELS = {
    AppointmentStatus.PENDING: "Pending",
    AppointmentStatus.CONFIRMED: "Confirmed",
    AppointmentStatus.CHECKED_IN: "Checked in",
    AppointmentStatus.COMPLETED: "Completed",
    AppointmentStatus.NO_SHOW: "No-show",
    AppointmentStatus.CANCELLED: "Cancelled",
}

#: The cancellation reason of a booking the desk took back (Edit > Undo): its own
#: mistake, not the client's cancellation.
BOOKING_UNDONE = "Booking undone"

ACTIVE_STATUSES = frozenset(
    {AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN}
)

S = AppointmentStatus
#: Allowed transitions. Backward steps exist so a desk can correct a slip
#: (check-in undone, no-show turned up late, cancellation restored).
TRANSITIONS: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    S.PENDING: frozenset({S.CONFIRMED, S.CHECKED_IN, S.CANCELLED, S.NO_SHOW}),
    S.CONFIRMED: frozenset({S.PENDING, S.CHECKED_IN, S.CANCELLED, S.NO_SHOW}),
    S.CHECKED_IN: frozenset({S.COMPLETED, S.CONFIRMED, S.PENDING}),
    S.COMPLETED: frozenset({S.CHECKED_IN}),
    S.NO_SHOW: frozenset({S.PENDING, S.CONFIRMED}),
    S.CANCELLED: frozenset({S.PENDING, S.CONFIRMED}),
}


def can_transition(current: AppointmentStatus, target: AppointmentStatus) -> bool:
    return target in TRANSITIONS[current]


def transition_refusal(current: AppointmentStatus, target: AppointmentStatus) -> str:
    """The message a desk sees when `current -> target` is not allowed."""
    if current == target:
        return f"The appointment is already {current.label.lower()}."
    allowed = sorted(s.label.lower() for s in TRANSITIONS[current])
    if not allowed:
        return f"A {current.label.lower()} appointment can no longer change status."
    return (
        f"A {current.label.lower()} appointment cannot become {target.label.lower()}; "
        f"it can become: {', '.join(allowed)}."
    )
