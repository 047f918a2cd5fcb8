"""Schedule templates: named working patterns ("Mornings", "Full day with lunch")
that a manager copies into a professional's plan for a period.

A template is a starting point, not a link: copying writes ordinary plan ranges
(weekly and daily templates: every week, or on A or B weeks) or dated days
(monthly, yearly and custom templates, daily ones every N days), and the
professional's minimum notice and maximum horizon as booking rules for the
period, all in one change through `WorkingTimeService.set_period`, decided
exactly like any change that takes working time away. Editing the template
later changes no plan.
Adding, editing, duplicating and (de)activating templates are admin changes:
they add no demand and take no scheduling lock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time
from decimal import Decimal

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import directory
from scheduler_app.db import schedule_templates as template_rows
from scheduler_app.db import working_time as rows
from scheduler_app.db.working_time_models import ScheduleTemplate, TemplateKind
from scheduler_app.domain.rules import MAX_HORIZON_DAYS, MAX_NOTICE_MINUTES
from scheduler_app.domain.template_days import DatesError, TemplateDays, checked, parse_dates
from scheduler_app.domain.template_days import stored as stored_dates
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, template_copy, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.template_copy import outside as outside  # importable here
from scheduler_app.services.working_time import Lowered, WorkingTimeService

#: A range open until midnight, as a plan stores it (its end is within the day).
LAST_MOMENT = time(23, 59, 59)
AUDITED = (
    "name",
    "description",
    "kind",
    "weekdays",
    "starts",
    "ends",
    "slot_minutes",
    "break_starts",
    "break_ends",
    "max_capacity",
    "is_active",
    "is_default",
    "repeat_interval",
    "dates",
    "price",
    "min_notice_minutes",
    "max_horizon_days",
)


@dataclass(frozen=True)
class TemplateDetails:
    """What a manager fills in."""

    name: str
    starts: time
    ends: time
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # 0 Monday
    kind: TemplateKind = TemplateKind.WEEKLY
    description: str = ""
    slot_minutes: int = 30
    break_starts: time | None = None
    break_ends: time | None = None
    max_capacity: int | None = None
    is_active: bool = True
    is_default: bool = False
    #: Every N days (daily) or weeks (weekly: 1 or 2, the plan's A/B weeks).
    interval: int = 1
    #: CUSTOM: the dates it works on.
    dates: tuple[date, ...] = ()
    #: MONTHLY: the days of the month (1-31; a month without the day is skipped).
    month_days: tuple[int, ...] = ()
    #: YEARLY: (month, day) pairs.
    year_days: tuple[tuple[int, int], ...] = ()
    #: What a session in this pattern is quoted at (for reference; bookings keep the
    #: service's price). None: no price.
    price: Decimal | None = None
    #: The professional's booking rules a copy brings for its period (None: none).
    min_notice_minutes: int | None = None
    max_horizon_days: int | None = None

    @property
    def days(self) -> TemplateDays:
        return TemplateDays(
            self.kind, self.interval, self.weekdays, self.dates, self.month_days, self.year_days
        )


@dataclass(frozen=True)
class TemplateView:
    id: int
    details: TemplateDetails

    @property
    def name(self) -> str:
        return self.details.name

    def hours(self) -> list[tuple[time, time]]:
        """(starts, ends) of each working stretch of a day (the break left out)."""
        d = self.details
        if d.break_starts is not None and d.break_ends is not None:
            return [(d.starts, d.break_starts), (d.break_ends, d.ends)]
        return [(d.starts, d.ends)]

    def ranges(self) -> list[tuple[int, time, time]]:
        """(weekday, starts, ends) of each working stretch (the break left out)."""
        return [(day, s, e) for day in sorted(self.details.weekdays) for s, e in self.hours()]


def _snapshot(t: ScheduleTemplate) -> dict[str, object]:
    """What the audit keeps of a template (times as text)."""
    found = snapshot(t, AUDITED)
    return {
        k: v.isoformat() if isinstance(v, time) else str(v) if isinstance(v, Decimal) else v
        for k, v in found.items()
    }


def _view(t: ScheduleTemplate) -> TemplateView:
    kind = TemplateKind(t.kind)
    dates, month_days, year_days = parse_dates(kind, t.dates)
    return TemplateView(
        t.id,
        TemplateDetails(
            name=t.name,
            starts=t.starts,
            ends=t.ends,
            weekdays=tuple(day for day in range(7) if t.weekdays & (1 << day)),
            kind=kind,
            description=t.description,
            slot_minutes=t.slot_minutes,
            break_starts=t.break_starts,
            break_ends=t.break_ends,
            max_capacity=t.max_capacity,
            is_active=t.is_active,
            is_default=t.is_default,
            interval=t.repeat_interval,
            dates=dates,
            month_days=month_days,
            year_days=year_days,
            price=t.price,
            min_notice_minutes=t.min_notice_minutes,
            max_horizon_days=t.max_horizon_days,
        ),
    )


def _checked(d: TemplateDetails) -> dict[str, object]:
    name = d.name.strip()
    if not name:
        raise ValidationError("A template needs a name.", "name")
    try:
        days = checked(d.days)
    except DatesError as exc:
        raise ValidationError(str(exc), exc.field) from None
    if not d.starts < d.ends:
        raise ValidationError("The hours must end after they start.", "ends")
    if (d.break_starts is None) != (d.break_ends is None):
        raise ValidationError("A break needs a start and an end.", "break_ends")
    if (
        d.break_starts is not None
        and d.break_ends is not None
        and not d.starts < d.break_starts < d.break_ends < d.ends
    ):
        raise ValidationError("The break must lie within the hours.", "break_starts")
    if not 1 <= d.slot_minutes <= 1440:
        raise ValidationError("The default length is from 1 to 1440 minutes.", "slot_minutes")
    if d.max_capacity is not None and d.max_capacity < 1:
        raise ValidationError("The capacity is at least 1.", "max_capacity")
    price = None if d.price is None else entry_checks.price(d.price)
    notice, horizon = d.min_notice_minutes, d.max_horizon_days
    if notice is not None and not 1 <= notice <= MAX_NOTICE_MINUTES:
        raise ValidationError(
            "The minimum notice is from 1 minute to 60 days (or none).", "min_notice_minutes"
        )
    if horizon is not None and not 1 <= horizon <= MAX_HORIZON_DAYS:
        raise ValidationError(
            f"The maximum advance is from 1 to {MAX_HORIZON_DAYS} days (or none).",
            "max_horizon_days",
        )
    if notice is not None and horizon is not None and horizon * 1440 < notice:
        raise ValidationError(
            "The maximum advance must be at least the minimum notice.", "max_horizon_days"
        )
    return {
        "name": name,
        "description": d.description.strip(),
        "kind": d.kind,
        "weekdays": sum(1 << day for day in days.weekdays),
        "starts": d.starts,
        "ends": d.ends,
        "slot_minutes": d.slot_minutes,
        "break_starts": d.break_starts,
        "break_ends": d.break_ends,
        "max_capacity": d.max_capacity,
        "is_active": d.is_active,
        "is_default": d.is_default,
        "repeat_interval": days.interval,
        "dates": stored_dates(days),
        "price": price,
        "min_notice_minutes": notice,
        "max_horizon_days": horizon,
    }


@guarded
class ScheduleTemplateService:
    def __init__(self, ctx: ServiceContext, working_time: WorkingTimeService) -> None:
        self.ctx = ctx
        self._working_time = working_time

    @readers
    def templates(self, *, include_inactive: bool = True) -> list[TemplateView]:
        """By name (the default first among equals is not special-cased)."""

        def work(session: Session) -> list[TemplateView]:
            found = template_rows.templates(
                session, self.ctx.organization_id, include_inactive=include_inactive
            )
            return [_view(t) for t in found]

        return reading.read(self.ctx, work)

    @writes(*MANAGERS)
    def save(
        self, actor_id: int, template_id: int | None, details: TemplateDetails
    ) -> TemplateView:
        """A new template (``template_id`` None) or the changes to one."""
        values = _checked(details)

        def work(session: Session) -> TemplateView:
            self._manager(session, actor_id)
            template = None if template_id is None else self._template(session, template_id)
            self._unique(session, str(values["name"]), template_id)
            before = _snapshot(template) if template is not None else None
            if template is None:
                template = ScheduleTemplate(organization_id=self.ctx.organization_id)
                session.add(template)
            for attr, value in values.items():
                setattr(template, attr, value)
            session.flush()
            if template.is_default:
                self._only_default(session, template.id)
            self._audit(session, actor_id, "add" if before is None else "update", template, before)
            return _view(template)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def duplicate(self, actor_id: int, template_id: int) -> TemplateView:
        """A copy named "<name> (copy)" (not the default)."""
        found = next((t for t in self.templates() if t.id == template_id), None)
        if found is None:
            raise NotFoundError("That template no longer exists.")
        names = {t.name for t in self.templates()}
        name, n = f"{found.name} (copy)", 2
        while name in names:
            name, n = f"{found.name} (copy {n})", n + 1
        return self.save(actor_id, None, replace(found.details, name=name, is_default=False))

    @writes(*MANAGERS)
    def set_active(self, actor_id: int, template_id: int, active: bool) -> TemplateView:
        found = next((t for t in self.templates() if t.id == template_id), None)
        if found is None:
            raise NotFoundError("That template no longer exists.")
        return self.save(actor_id, template_id, replace(found.details, is_active=active))

    @writes(*MANAGERS)
    def copy_into_plan(
        self,
        actor_id: int,
        template_id: int,
        professional_id: int,
        first: date,
        last: date | None = None,
        *,
        week_parity: int | None = None,
        force_reason: str = "",
    ) -> Lowered:
        """``professional_id`` works as the template says from ``first`` to ``last``
        (None: from then on); their plan before and after the period is kept. A
        template every other week fills the A weeks (``week_parity`` 0) or the B weeks
        (1); None: the weeks like the period's first one. Its notice and horizon
        become the professional's booking rules for the period."""
        if last is not None and last < first:
            raise ValidationError("The period must end on or after its first day.", "last")
        if week_parity not in (None, 0, 1):
            raise ValidationError("Choose the A weeks or the B weeks.", "week_parity")
        found = next((t for t in self.templates() if t.id == template_id), None)
        if found is None:
            raise NotFoundError("That template no longer exists.")
        if not found.details.is_active:
            raise ValidationError(f"The template {found.name!r} is not active.")
        copy = template_copy.plan_copy(found, professional_id, first, last, week_parity)
        ranges = None
        if copy.ranges is not None:
            plan = self._working_time.weekly_plan(professional_id) or self._clinic_hours()
            ranges = template_copy.around(plan, copy.ranges, first, last)
        return self._working_time.set_period(
            actor_id,
            professional_id,
            ranges,
            copy.days,
            rules=copy.rules,
            cause=f"The template {found.name!r} from {first:%d %b %Y}",
            force_reason=force_reason,
        )

    # -- helpers ---------------------------------------------------------------

    def _clinic_hours(self) -> list[WeeklyRange]:
        """The opening hours as a plan: what a professional without a plan of their own
        works (kept around the period a template is copied into)."""

        def work(conn: Connection) -> list[WeeklyRange]:
            _version, roster = rows.load_roster(conn, self.ctx.organization_id, self.ctx.timezone)
            return [
                WeeklyRange(day, opens, closes if closes > opens else LAST_MOMENT)
                for day, hours in sorted(roster.opening.items())
                for opens, closes in hours
            ]

        return reading.read_connection(self.ctx, work)

    def _manager(self, session: Session, actor_id: int) -> None:
        check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id), *MANAGERS)

    def _template(self, session: Session, template_id: int) -> ScheduleTemplate:
        template = session.get(ScheduleTemplate, template_id)
        if template is None or template.organization_id != self.ctx.organization_id:
            raise NotFoundError("That template no longer exists.")
        return template

    def _unique(self, session: Session, name: str, template_id: int | None) -> None:
        same = template_rows.named(session, self.ctx.organization_id, name)
        if same is not None and same != template_id:
            raise ValidationError(f"There is already a template called {name!r}.", "name")

    def _only_default(self, session: Session, template_id: int) -> None:
        for other in template_rows.other_defaults(session, self.ctx.organization_id, template_id):
            other.is_default = False
        session.flush()

    def _audit(
        self,
        session: Session,
        actor_id: int,
        action: str,
        template: ScheduleTemplate,
        before: object,
    ) -> None:
        record(
            session.connection(),
            self.ctx,
            actor_id,
            action,
            "schedule_template",
            template.id,
            before=before,  # type: ignore[arg-type]
            after=_snapshot(template),
        )
