"""Clinic > Settings, and the first start's set-up.

Name, time zone, grid step, default length, currency, opening hours per weekday
(several ranges a day) and reminder lead times; managers and administrators
only. Admin changes: they add no demand and take no scheduling lock. Changing
the time zone keeps every appointment at its instant; the desk shows them at the
new zone's wall-clock times (`ZoneChange` says how many that concerns).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import time

from sqlalchemy.orm import Session

from scheduler_app.db import clinic_settings as rows
from scheduler_app.db import directory
from scheduler_app.db.models import Organization
from scheduler_app.domain.durations import storable_lead_times, stored_lead_times
from scheduler_app.domain.localtime import is_known_zone, zone
from scheduler_app.domain.opening_hours import HoursError, check_day, format_day
from scheduler_app.domain.recurrence import MAX_SERIES_HORIZON_DAYS
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import ClinicSettings, OpeningRange, ZoneChange
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.working_time import WorkingTimeService

WEEKDAYS = range(7)


@guarded
class ClinicSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def current(self) -> ClinicSettings:
        def work(session: Session) -> ClinicSettings:
            return _settings(_organization(session, self.ctx.organization_id), session)

        return reading.read(self.ctx, work)

    @writes(*MANAGERS)
    def save(
        self, actor_id: int, settings: ClinicSettings, *, force_reason: str = ""
    ) -> ClinicSettings:
        """Save ``settings``; a refused field is named (`ValidationError.field`).

        New opening hours that take time away are decided like any such change
        (`WorkingTimeService.set_opening_hours`): refused with the appointments they
        would strand, unless forced with ``force_reason``; they are saved first."""
        name = entry_checks.name(settings.name, "The clinic")
        if not is_known_zone(settings.timezone):
            raise ValidationError(
                f"Unknown time zone {settings.timezone!r}; use a name like Europe/Lisbon.",
                "timezone",
            )
        if settings.slot_minutes not in entry_checks.SLOT_MINUTES:
            raise ValidationError(
                "The grid step must be 5, 10, 15, 20, 30 or 60 minutes.", "slot_minutes"
            )
        minutes = entry_checks.length(
            settings.default_duration_minutes, "An appointment", "default_duration_minutes"
        )
        currency = entry_checks.currency(settings.currency)
        if not 7 <= settings.series_horizon_days <= MAX_SERIES_HORIZON_DAYS:
            raise ValidationError(
                f"A series may reach from 7 to {MAX_SERIES_HORIZON_DAYS} days ahead.",
                "series_horizon_days",
            )
        week = _week(settings.opening_hours)
        leads = entry_checks.lead_times(settings.reminder_minutes)
        if week != _week(self.current().opening_hours):
            WorkingTimeService(self.ctx).set_opening_hours(
                actor_id, week, force_reason=force_reason
            )

        def work(session: Session) -> ClinicSettings:
            self._manager(session, actor_id)
            org = _organization(session, self.ctx.organization_id)
            before = _audited(_settings(org, session))
            org.name, org.timezone, org.currency = name, settings.timezone, currency
            org.slot_minutes, org.default_duration_minutes = settings.slot_minutes, minutes
            org.reminder_minutes = storable_lead_times(leads)
            org.series_horizon_days = settings.series_horizon_days
            session.flush()
            saved = _settings(org, session)
            record(
                session.connection(),
                self.ctx,
                actor_id,
                "settings",
                "organization",
                org.id,
                before=before,
                after=_audited(saved),
            )
            return saved

        saved = unit_of_work.admin(self.ctx, work)
        self.ctx.timezone = zone(saved.timezone)  # this desk shows the new zone at once
        return saved

    @readers
    def zone_change(self) -> ZoneChange:
        """What is booked from now on: it keeps its instants if the zone changes."""

        def work(session: Session) -> ZoneChange:
            count, first = rows.upcoming(session, self.ctx.organization_id, self.ctx.now())
            return ZoneChange(count, first)

        return reading.read(self.ctx, work)

    def _manager(self, session: Session, actor_id: int) -> None:
        check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id), *MANAGERS)

    @readers
    def needs_setup(self) -> bool:
        """A new clinic: never set up, without professionals or services yet."""

        def work(session: Session) -> bool:
            org = _organization(session, self.ctx.organization_id)
            if org.set_up_at is not None:
                return False
            return not rows.has_professionals_or_services(session, org.id)

        return reading.read(self.ctx, work)

    @writes(*MANAGERS)
    def finish_setup(self, actor_id: int) -> None:
        """The first start's set-up is done (or skipped): it is not offered again."""

        def work(session: Session) -> None:
            self._manager(session, actor_id)
            org = _organization(session, self.ctx.organization_id)
            if org.set_up_at is None:
                org.set_up_at = self.ctx.now()
                record(
                    session.connection(),
                    self.ctx,
                    actor_id,
                    "set up",
                    "organization",
                    org.id,
                    after={"set_up_at": org.set_up_at.isoformat()},
                )

        unit_of_work.admin(self.ctx, work)


def _organization(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError("The clinic's settings are missing from the database.")
    return org


def _settings(org: Organization, session: Session) -> ClinicSettings:
    hours = tuple(
        OpeningRange(h.weekday, h.opens, h.closes) for h in rows.opening_hours(session, org.id)
    )
    return ClinicSettings(
        name=org.name,
        timezone=org.timezone,
        slot_minutes=org.slot_minutes,
        default_duration_minutes=org.default_duration_minutes,
        currency=org.currency,
        opening_hours=hours,
        reminder_minutes=stored_lead_times(org.reminder_minutes),
        series_horizon_days=org.series_horizon_days,
    )


def _week(ranges: tuple[OpeningRange, ...]) -> dict[int, list[tuple[time, time]]]:
    """The ranges by weekday, each day checked (a refusal names the day's field)."""
    week: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for item in ranges:
        if item.weekday not in WEEKDAYS:
            raise ValidationError("A weekday is from Monday (0) to Sunday (6).", "opening_hours")
        week[item.weekday].append((item.opens, item.closes))
    for day, day_ranges in week.items():
        try:
            week[day] = check_day(day_ranges)
        except HoursError as exc:
            raise ValidationError(str(exc), f"opening_hours.{day}") from exc
    return dict(sorted(week.items()))


def _audited(settings: ClinicSettings) -> dict[str, object]:
    by_day: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for item in settings.opening_hours:
        by_day[item.weekday].append((item.opens, item.closes))
    return {
        "name": settings.name,
        "timezone": settings.timezone,
        "slot_minutes": settings.slot_minutes,
        "default_duration_minutes": settings.default_duration_minutes,
        "currency": settings.currency,
        "opening_hours": {str(day): format_day(r) for day, r in sorted(by_day.items())},
        "reminder_minutes": list(settings.reminder_minutes),
        "series_horizon_days": settings.series_horizon_days,
    }
