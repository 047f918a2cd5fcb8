"""Clinic > Rooms and equipment: the clinic's resources, what services need, and
maintenance windows.

Managers and administrators add, edit, retire and bring back resources. A
resource is retired only when no active appointment holds it from now on, and a
maintenance window is set only where no active appointment holds it: the desk is
told which to move first. Admin changes: they add no demand to professionals and
take no scheduling lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import directory
from scheduler_app.db import resources as rows_of
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.opening_hours import HoursError, check_day, english_problem
from scheduler_app.domain.resources import MAX_CAPACITY, MAX_QUANTITY, ResourceKind
from scheduler_app.domain.working_time import outside_hours
from scheduler_app.errors import ConflictError, NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.availability import local
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import OpeningRange
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes

AUDITED = (
    "name",
    "kind",
    "category",
    "capacity",
    "location",
    "cost_per_hour",
    "cost_per_use",
    "specifications",
    "is_active",
)


@dataclass(frozen=True, slots=True)
class ResourceDetails:
    """What a manager fills in for a room or a piece of equipment."""

    name: str
    category: str
    kind: str = ResourceKind.ROOM.value
    capacity: int = 1
    location: str = ""
    cost_per_hour: Decimal | None = None
    cost_per_use: Decimal | None = None
    specifications: str = ""
    #: The hours it can be used each week (none: whenever the clinic is open).
    hours: tuple[OpeningRange, ...] = ()


@dataclass(frozen=True, slots=True)
class ResourceView(ResourceDetails):
    id: int = 0
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class MaintenanceView:
    id: int
    resource_id: int
    reason: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class PeriodRooms:
    """The rooms and equipment of a period, for the calendar's columns by room: those
    in use, in the clinic's order, their maintenance in it, and what the desk's
    hover checks decide on (`local_check.check_room`)."""

    columns: list[tuple[int, str]]
    maintenance: list[MaintenanceView]
    known: Mapping[int, rows_of.Known]


@dataclass(frozen=True, slots=True)
class HeldTime:
    """A time a resource is held or down, as the planner shows it."""

    start: datetime
    end: datetime
    #: "Physiotherapy · Joana Costa · Dr Silva", or the maintenance's reason.
    what: str
    maintenance: bool = False


@dataclass(frozen=True, slots=True)
class ResourceWeek:
    """A week of the clinic's resources: per active resource, per day (0 Monday), what
    holds it, by start."""

    first_day: date
    resources: tuple[ResourceView, ...]
    days: dict[int, tuple[tuple[HeldTime, ...], ...]]


@guarded
class ResourceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def resources(self, *, include_retired: bool = False) -> list[ResourceView]:
        """In the clinic's order; retired ones too when asked."""

        def work(conn: Connection) -> list[ResourceView]:
            org = self.ctx.organization_id
            hours = rows_of.hours_of(conn, org)
            found = rows_of.listed(conn, org, active_only=not include_retired)
            return [_view(r, hours.get(r.id, {})) for r in found]

        return reading.read_connection(self.ctx, work)

    @readers
    def week(self, first_day: date) -> ResourceWeek:
        """The 7 days from ``first_day`` (local) for every active resource."""
        tz = self.ctx.timezone
        bounds = [localize(first_day + timedelta(days=n), time(0), tz) for n in range(8)]

        def work(conn: Connection) -> ResourceWeek:
            org = self.ctx.organization_id
            hours = rows_of.hours_of(conn, org)
            listed = rows_of.listed(conn, org, active_only=True)
            found = tuple(_view(r, hours.get(r.id, {})) for r in listed)
            days: dict[int, list[list[HeldTime]]] = {r.id: [[] for _ in range(7)] for r in found}

            def put(resource: int, held: HeldTime) -> None:
                for n in range(7):
                    if held.start < bounds[n + 1] and held.end > bounds[n] and resource in days:
                        days[resource][n].append(held)

            for row in rows_of.holds_between(conn, org, bounds[0], bounds[7]):
                what = " · ".join(t for t in (row.service, row.client, row.professional) if t)
                put(row.resource_id, HeldTime(row.start_at, row.end_at, what))
            for window in rows_of.maintenance_from(conn, org, bounds[0]):
                if window.start_at < bounds[7]:
                    put(
                        window.resource_id,
                        HeldTime(window.start_at, window.end_at, window.reason, True),
                    )
            return ResourceWeek(
                first_day,
                found,
                {
                    r: tuple(tuple(sorted(d, key=lambda h: h.start)) for d in ds)
                    for r, ds in days.items()
                },
            )

        return reading.read_connection(self.ctx, work)

    @readers
    def needs(self) -> dict[int, list[tuple[str, int]]]:
        """Per service: the (category, quantity) of resources it needs."""

        def work(conn: Connection) -> dict[int, list[tuple[str, int]]]:
            services = rows_of.service_ids(conn, self.ctx.organization_id)
            return rows_of.needs_of(conn, services)

        return reading.read_connection(self.ctx, work)

    @writes(*MANAGERS)
    def add(self, actor_id: int, details: ResourceDetails) -> ResourceView:
        """A new resource, listed last; from now on changes check what appointments hold."""
        values = _checked(details)
        week = _week(details.hours)

        def work(session: Session) -> ResourceView:
            conn = self._manager(session, actor_id)
            found = rows_of.add_resource(conn, self.ctx.organization_id, values)
            rows_of.set_hours(conn, self.ctx.organization_id, found.id, week)
            rows_of.mark_in_use(conn, self.ctx.organization_id)
            self._audit(conn, actor_id, "add", found, None)
            return _view(found, week)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def update(self, actor_id: int, resource_id: int, details: ResourceDetails) -> ResourceView:
        """New details; a lower capacity, or hours that leave out an appointment held
        from now on, only when none would be left out (else the desk is told to move
        them first)."""
        return self._change(
            actor_id, resource_id, _checked(details), "update", _week(details.hours)
        )

    @writes(*MANAGERS)
    def set_active(self, actor_id: int, resource_id: int, active: bool) -> ResourceView:
        """Retire a resource (no longer offered or picked) or bring it back."""
        return self._change(
            actor_id, resource_id, {"is_active": active}, "offer" if active else "retire"
        )

    def _change(
        self,
        actor_id: int,
        resource_id: int,
        values: dict[str, object],
        action: str,
        week: rows_of.Week | None = None,
    ) -> ResourceView:
        """Change the resource (and its hours, unless ``week`` is None)."""

        def work(session: Session) -> ResourceView:
            conn = self._manager(session, actor_id)
            found = self._resource(conn, resource_id)
            if values.get("is_active") is False:
                self._no_future_holds(conn, found, "retire it")
            elif "capacity" in values and values["capacity"] != found.capacity:
                self._no_future_holds(conn, found, "change its capacity")
            hours = rows_of.hours_of(conn, self.ctx.organization_id).get(resource_id, {})
            if week is not None and week != hours:
                self._none_outside(conn, found, week)
                rows_of.set_hours(conn, self.ctx.organization_id, resource_id, week)
                hours = week
            org = self.ctx.organization_id
            changed = rows_of.update_resource(conn, org, resource_id, values)
            self._audit(conn, actor_id, action, changed, snapshot(found, AUDITED))
            return _view(changed, hours)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def set_needs(self, actor_id: int, service_id: int, needs: list[tuple[str, int]]) -> None:
        """What ``service_id`` needs from now on ((category, quantity); empty: nothing).
        Bookings made before keep what they hold."""
        clean: dict[str, int] = {}
        for category, quantity in needs:
            name = category.strip()
            if not name:
                continue
            if not 1 <= quantity <= MAX_QUANTITY:
                raise ValidationError(
                    f"A service needs from 1 to {MAX_QUANTITY} of a kind of room or equipment.",
                    "needs",
                )
            clean[name] = quantity

        def work(session: Session) -> None:
            conn = self._manager(session, actor_id)
            if service_id not in rows_of.service_ids(conn, self.ctx.organization_id):
                raise NotFoundError("That service no longer exists.")
            rows_of.set_needs(conn, self.ctx.organization_id, service_id, sorted(clean.items()))
            record(
                conn,
                self.ctx,
                actor_id,
                "needs",
                "service",
                service_id,
                after={"needs": sorted(clean.items())},
            )

        unit_of_work.admin(self.ctx, work)

    @readers
    def period_rooms(self, start: datetime, end: datetime) -> PeriodRooms:
        """The rooms and equipment in use with their maintenance within ``[start, end)``."""

        def work(conn: Connection) -> PeriodRooms:
            org = self.ctx.organization_id
            known = rows_of.decision_resources(conn, org, start, end, self.ctx.timezone)
            down = [
                MaintenanceView(r.id, r.resource_id, r.reason, r.start_at, r.end_at)
                for r in rows_of.maintenance_from(conn, org, start, end)
            ]
            columns = [(i, k.name) for i, k in known.items() if k.active]
            return PeriodRooms(columns, down, known)

        return reading.read_connection(self.ctx, work)

    @readers
    def maintenance(self, since: datetime) -> list[MaintenanceView]:
        """Maintenance windows ending after ``since``, by start."""

        def work(conn: Connection) -> list[MaintenanceView]:
            return [
                MaintenanceView(r.id, r.resource_id, r.reason, r.start_at, r.end_at)
                for r in rows_of.maintenance_from(conn, self.ctx.organization_id, since)
            ]

        return reading.read_connection(self.ctx, work)

    @writes(*MANAGERS)
    def add_maintenance(
        self, actor_id: int, resource_id: int, start: datetime, end: datetime, reason: str
    ) -> MaintenanceView:
        """The resource cannot be used within ``[start, end)``; refused while an active
        appointment holds it then."""
        if not start < end:
            raise ValidationError("Maintenance must end after it starts.", "end")

        def work(session: Session) -> MaintenanceView:
            conn = self._manager(session, actor_id)
            found = self._resource(conn, resource_id)
            held = rows_of.holds_around(conn, [(start, end)], (), [found.id])
            clashing = sum(1 for h in held if h.resource == found.id)
            if clashing:
                raise ConflictError(
                    f"{found.name} holds {clashing} appointment{'s' if clashing != 1 else ''} "
                    "then. Move them to another room or time first."
                )
            why = reason.strip()
            off = rows_of.add_maintenance(
                conn,
                self.ctx.organization_id,
                {
                    "resource_id": found.id,
                    "reason": why,
                    "start_at": start,
                    "end_at": end,
                    "created_by_id": actor_id,
                    "created_at": self.ctx.now(),
                },
            )
            record(
                conn,
                self.ctx,
                actor_id,
                "maintenance",
                "resource",
                found.id,
                after={"start": start.isoformat(), "end": end.isoformat(), "reason": why},
            )
            return MaintenanceView(off, found.id, why, start, end)

        return unit_of_work.admin(self.ctx, work)

    def _manager(self, session: Session, actor_id: int) -> Connection:
        """The session's connection, once ``actor_id`` is known to be a manager."""
        check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id), *MANAGERS)
        return session.connection()

    def _resource(self, conn: Connection, resource_id: int) -> Any:
        found = rows_of.resource(conn, self.ctx.organization_id, resource_id)
        if found is None:
            raise NotFoundError("That room or equipment no longer exists.")
        return found

    def _no_future_holds(self, conn: Connection, found: Any, doing: str) -> None:
        count = rows_of.future_holds(conn, found.id, self.ctx.now())
        if count:
            raise ConflictError(
                f"{found.name} holds {count} appointment{'s' if count != 1 else ''} from now "
                f"on. Move them to another room first, then {doing}."
            )

    def _none_outside(self, conn: Connection, found: Any, week: rows_of.Week) -> None:
        """Refuse hours that would leave out an appointment it holds from now on."""
        if not week:
            return  # whenever the clinic is open: nothing left out
        held = rows_of.future_hold_times(conn, found.id, self.ctx.now())
        if not held:
            return
        tz = self.ctx.timezone
        closed = outside_hours(week, held[0][0], max(e for _s, e in held), tz)
        out = [(s, e) for s, e in held if any(a < e and s < b for a, b in closed)]
        if out:
            first = local(datetime.fromtimestamp(out[0][0], UTC), tz)
            raise ConflictError(
                f"{found.name} holds {len(out)} appointment{'s' if len(out) != 1 else ''} "
                f"outside those hours from now on (the first at {first:%H:%M} on "
                f"{first:%a %d %b}). Move them to another room or time first."
            )

    def _audit(
        self, conn: Connection, actor_id: int, action: str, found: Any, before: object
    ) -> None:
        record(
            conn,
            self.ctx,
            actor_id,
            action,
            "resource",
            found.id,
            before=before if isinstance(before, dict) else None,
            after=snapshot(found, AUDITED),
        )


def _view(row: object, week: rows_of.Week) -> ResourceView:
    return ResourceView(
        name=row.name,  # type: ignore[attr-defined]
        category=row.category,  # type: ignore[attr-defined]
        kind=row.kind,  # type: ignore[attr-defined]
        capacity=row.capacity,  # type: ignore[attr-defined]
        location=row.location,  # type: ignore[attr-defined]
        cost_per_hour=row.cost_per_hour,  # type: ignore[attr-defined]
        cost_per_use=row.cost_per_use,  # type: ignore[attr-defined]
        specifications=row.specifications,  # type: ignore[attr-defined]
        id=row.id,  # type: ignore[attr-defined]
        is_active=bool(row.is_active),  # type: ignore[attr-defined]
        hours=tuple(
            OpeningRange(day, opens, closes)
            for day, ranges in sorted(week.items())
            for opens, closes in ranges
        ),
    )


def _week(hours: tuple[OpeningRange, ...]) -> rows_of.Week:
    """The hours by weekday, each day checked (a refusal names the day's field)."""
    by_day: rows_of.Week = {}
    for item in hours:
        if not 0 <= item.weekday <= 6:
            raise ValidationError("A weekday from Monday to Sunday, please.", "hours")
        by_day.setdefault(item.weekday, []).append((item.opens, item.closes))
    for day, ranges in by_day.items():
        try:
            by_day[day] = check_day(ranges)
        except HoursError as exc:
            raise ValidationError(english_problem(exc), f"hours.{day}") from exc
    return by_day


def _checked(details: ResourceDetails) -> dict[str, object]:
    """The columns of a resource, each checked (a refusal names its field)."""
    category = details.category.strip()
    if not category:
        raise ValidationError(
            "Say what kind of room or equipment it is (such as Treatment room).", "category"
        )
    if len(category) > 100:
        raise ValidationError("The kind is too long (100 characters at most).", "category")
    if details.kind not in {k.value for k in ResourceKind}:
        raise ValidationError("Choose room, equipment, vehicle or other.", "kind")
    if not 1 <= details.capacity <= MAX_CAPACITY:
        raise ValidationError(
            f"Capacity is how many appointments it holds at once: 1 to {MAX_CAPACITY}.",
            "capacity",
        )
    return {
        "name": entry_checks.name(details.name, "The room or equipment"),
        "category": category,
        "kind": details.kind,
        "capacity": details.capacity,
        "location": details.location.strip()[:200],
        "cost_per_hour": None
        if details.cost_per_hour is None
        else entry_checks.price(details.cost_per_hour, "cost_per_hour"),
        "cost_per_use": None
        if details.cost_per_use is None
        else entry_checks.price(details.cost_per_use, "cost_per_use"),
        "specifications": details.specifications.strip(),
    }
