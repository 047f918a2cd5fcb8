"""Exporting appointments as an iCalendar (.ics) file (see `ics_files`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection

from scheduler_app.db import imports as store
from scheduler_app.db import resources as resource_rows
from scheduler_app.db import series as series_rows
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ValidationError
from scheduler_app.services import reading
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.guard import guarded
from scheduler_app.services.ics_files import calendar_bytes
from scheduler_app.services.ics_series import SeriesExport, Whose
from scheduler_app.services.permissions import readers
from scheduler_app.services.views import appointment_view

#: Not in an exported calendar: they no longer take place.
LEFT_OUT = frozenset({AppointmentStatus.CANCELLED})
#: The longest range one export covers.
MAX_RANGE = timedelta(days=3 * 366)


@guarded
class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def ics(
        self,
        start: datetime,
        end: datetime,
        professional_id: int | None = None,
        resource_id: int | None = None,
    ) -> bytes:
        """The clinic's (or one professional's, or one room's or piece of equipment's)
        appointments overlapping ``[start, end)`` as an .ics file; cancelled ones are
        left out. A series with an appointment in the range goes out whole, as one
        repeating event (see `ics_series`), its dates not in that calendar excluded."""
        if end <= start:
            raise ValidationError("The range must end after it starts.")
        if end - start > MAX_RANGE:
            raise ValidationError("Export at most three years at once.")
        org = self.ctx.organization_id
        whose = Whose(professional_id, resource_id)

        def work(conn: Connection) -> bytes:
            clinic = store.clinic(conn, org)
            name = clinic.name
            if professional_id is not None:
                names = {p.id: p.name for p in store.professionals(conn, org)}
                if professional_id not in names:
                    raise ValidationError("That professional does not exist.")
                name = f"{clinic.name} — {names[professional_id]}"
            if resource_id is not None:
                rooms = {r.id: r.name for r in resource_rows.listed(conn, org)}
                if resource_id not in rooms:
                    raise ValidationError("That room or equipment does not exist.")
                name = f"{clinic.name} — {rooms[resource_id]}"
            rows = store.export_rows(conn, org, start, end, professional_id, resource_id)
            appointments = [
                (appointment_view(row, their), email)
                for row, their, email in rows
                if row.status not in LEFT_OUT and row.series_id is None
            ]
            series = _series(conn, org, {row.series_id for row, _t, _e in rows})
            return calendar_bytes(
                clinic.clinic_id, name, appointments, self.ctx.now(), series, whose
            )

        return reading.read_connection(self.ctx, work)


def _series(conn: Connection, org: int, ids: set[int | None]) -> list[SeriesExport]:
    """The series ``ids`` with all their appointments."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return []
    theirs: dict[int, list[tuple[AppointmentView, str, datetime | None]]] = {}
    for row, names, email in store.series_export_rows(conn, org, wanted):
        assert row.series_id is not None
        view = appointment_view(row, names)
        theirs.setdefault(row.series_id, []).append((view, email, row.occurrence_start))
    return [
        SeriesExport(row, tuple(theirs.get(row.id, ())))
        for row in series_rows.series_rows_of(conn, org, wanted)
    ]
