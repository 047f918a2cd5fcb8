"""User-facing errors.

Everything derived from `SchedulerError` is a user or environment problem whose
message is shown as it is. Any other exception is a bug.
"""

from __future__ import annotations

from datetime import datetime


class SchedulerError(Exception):
    """An error the user can understand and act on; `str(err)` is the message."""

    title = "Cannot do that"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(SchedulerError):
    """Input refused; ``field`` names the one at fault when there is one (a dialog
    shows the message next to it)."""

    title = "Please check the input"

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(SchedulerError):
    title = "Not found"


class ConflictError(SchedulerError):
    """The schedule has no room for the change (R1 or R2). ``overridable``: refused
    by a rule a manager may book past with a reason (notice, horizon, or outside the
    professional's working time); ``refused_by``: the schedule's rule that refused it."""

    title = "Time not available"

    def __init__(self, message: str, *, overridable: bool = False, refused_by: str = "") -> None:
        super().__init__(message)
        self.overridable = overridable
        #: Which rule of the schedule refused it ("professional_busy", "off_duty",
        #: "capacity", ... as `domain.capacity.Refusal.kind`; "" for the others).
        self.refused_by = refused_by


class ClientClashError(ConflictError):
    """The change would give a client two active appointments at the same time. The
    desk (any role) may confirm it: the change is then saved and the overlap recorded
    as a time conflict. What the other appointment is, for the question asked."""

    title = "Client already booked"

    def __init__(
        self,
        message: str,
        *,
        client_name: str,
        other_start: datetime,
        other_end: datetime,
        other_professional: str,
        others: int = 1,
    ) -> None:
        super().__init__(message)
        self.client_name = client_name
        self.other_start = other_start
        self.other_end = other_end
        #: The other appointment's professional ("" when it has none yet).
        self.other_professional = other_professional
        #: How many other appointments of the client overlap.
        self.others = others


class TransitionError(SchedulerError):
    title = "Status change not allowed"


class StaleDataError(SchedulerError):
    """Somebody else changed the record since it was loaded."""

    title = "Changed by someone else"


#: What a desk is told when its change lost the race for an appointment.
CHANGED_MEANWHILE = "Someone else changed this appointment a moment ago. Reload it and try again."


class PermissionDeniedError(SchedulerError):
    title = "Not allowed"


class BusyError(SchedulerError):
    """The database stayed busy through every retry."""

    title = "Schedule busy"


class DatabaseUnavailableError(SchedulerError):
    title = "Database unreachable"


class PasswordRequiredError(DatabaseUnavailableError):
    """The server wants a (different) password: the desk may ask for one."""


class DatabaseFileError(SchedulerError):
    """The database named is not one this desk may use as it is (it is left untouched)."""

    title = "Cannot open the clinic's database"


class NoClinicError(DatabaseFileError):
    """Nothing there yet: a missing or empty file, an empty database.

    Only an explicit act creates a clinic there (`db upgrade`, the first start of
    the default file, or the person answering "create a new clinic").
    """

    title = "No clinic there"

    def __init__(self, message: str, where: str, *, missing: bool) -> None:
        super().__init__(message)
        self.where = where
        self.missing = missing


class NewerSchemaError(DatabaseFileError):
    title = "Update this desk"


class DamagedDatabaseError(DatabaseFileError):
    title = "Database damaged"


class ReadOnlyDatabaseError(SchedulerError):
    """A change was asked of a database this desk may only read."""

    title = "Read-only database"
