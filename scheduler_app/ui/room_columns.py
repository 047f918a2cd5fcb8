"""The day by room (View > Day columns > By room): a column per room or piece of
equipment in use, in the clinic's order, and "No room" for appointments that hold
none.

A block stands in the column of each resource its appointment holds; a drag to
another room's column moves it there (and to the time dropped at), keeping its
professional, decided again by the server at the drop. The columns shade the
clinic's closures and holidays and each room's maintenance; the professionals'
own working time is shown in the day by professional.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from scheduler_app.domain.working_time import TimeOffKind
from scheduler_app.services import local_check
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, Availability
from scheduler_app.services.resources import PeriodRooms
from scheduler_app.ui.calendar.resource_grid import Column
from scheduler_app.ui.calendar.shading import TIME_OFF, UNAVAILABLE, OffTime
from scheduler_app.ui.i18n import translate

#: The colour of a room column's header mark.
ROOM_COLOR = "#607d8b"


@dataclass(frozen=True, slots=True)
class RoomOff:
    """A room's maintenance as the calendar shades it (`shading.OffTime`): the shading
    keys a column by `Column.key`, the room's id in a room column."""

    start: datetime
    end: datetime
    why: str
    detail: str
    professional_id: int | None


def no_room() -> str:
    return translate("RoomColumns", "No room")


def columns(rooms: PeriodRooms) -> list[Column]:
    """A column per room or equipment in use, then "No room"."""
    return [
        *(Column(None, name, ROOM_COLOR, room_id=key, by_room=True) for key, name in rooms.columns),
        Column(None, no_room(), by_room=True),
    ]


def off_times(off: Iterable[OffTime], rooms: PeriodRooms) -> list[OffTime]:
    """The clinic's closed times (every column), each room's maintenance and the time
    outside its own hours (its own column)."""
    return [
        *(o for o in off if o.professional_id is None),
        *(
            RoomOff(
                m.start, m.end, TIME_OFF, f"{TimeOffKind.MAINTENANCE}: {m.reason}", m.resource_id
            )
            for m in rooms.maintenance
        ),
        *(
            RoomOff(_moment(start), _moment(end), UNAVAILABLE, "", key)
            for key, _name in rooms.columns
            for start, end in rooms.known[key].resource.closed
        ),
    ]


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def check(
    rooms: PeriodRooms | None,
    ctx: ServiceContext,
    appointments: Sequence[AppointmentView],
    start: datetime,
    end: datetime,
    room_id: int,
    appointment_id: int,
) -> Availability:
    """Would the appointment go into ``room_id`` then? Decided on the desk from the day
    loaded (the server decides again at the drop)."""
    if rooms is None:
        return Availability(False, translate("MainWindow", "The calendar is still loading."))
    return local_check.check_room(rooms, ctx, appointments, start, end, room_id, appointment_id)
