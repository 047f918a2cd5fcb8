"""All services for one desk account, wired together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from scheduler_app.db.engine import Database
from scheduler_app.domain.localtime import zone
from scheduler_app.services.audit_trail import AuditTrailService
from scheduler_app.services.booking import BookingService
from scheduler_app.services.calendar_sync import CalendarSyncService
from scheduler_app.services.catalog import CatalogService
from scheduler_app.services.client_record import ClientRecordService
from scheduler_app.services.clients import ClientService
from scheduler_app.services.clinic_settings import ClinicSettingsService
from scheduler_app.services.conflicts import ConflictService
from scheduler_app.services.context import ServiceContext, utc_now
from scheduler_app.services.directory import DirectoryService
from scheduler_app.services.exports import ExportService
from scheduler_app.services.free_times import FreeTimeService
from scheduler_app.services.imports import ImportService
from scheduler_app.services.lifecycle import LifecycleService
from scheduler_app.services.professionals import ProfessionalService
from scheduler_app.services.reports import ReportService
from scheduler_app.services.resources import ResourceService
from scheduler_app.services.rules import RulesService
from scheduler_app.services.schedule_templates import ScheduleTemplateService
from scheduler_app.services.series import SeriesService
from scheduler_app.services.setup import ensure_identity
from scheduler_app.services.skills import SkillService
from scheduler_app.services.staff import StaffService
from scheduler_app.services.teams import TeamService
from scheduler_app.services.today import TodayService
from scheduler_app.services.waitlist import WaitlistService
from scheduler_app.services.working_time import WorkingTimeService


@dataclass(frozen=True)
class Services:
    """Everything the GUI may call, built once."""

    database: Database
    context: ServiceContext
    booking: BookingService
    lifecycle: LifecycleService
    directory: DirectoryService
    professionals: ProfessionalService
    conflicts: ConflictService
    working_time: WorkingTimeService
    free_times: FreeTimeService
    clients: ClientService
    catalog: CatalogService
    settings: ClinicSettingsService
    today: TodayService
    imports: ImportService
    exports: ExportService
    reports: ReportService
    schedule_templates: ScheduleTemplateService
    staff: StaffService
    audit: AuditTrailService

    @property
    def actor_id(self) -> int:
        """The staff member signed in at this desk (0 when nobody is)."""
        return self.context.desk.actor_id or 0

    client_record: ClientRecordService
    rules: RulesService
    series: SeriesService
    waitlist: WaitlistService
    resources: ResourceService
    skills: SkillService
    teams: TeamService
    calendars: CalendarSyncService


def build_services(
    database: Database, *, clock: Callable[[], datetime] = utc_now, **clinic: str
) -> Services:
    """Wire the services of one desk, with nobody signed in yet (`services.staff`
    signs a person in).

    The database must already be at the current schema (`app.open_services` sees to it).
    ``clinic`` (clinic_name, timezone) only matters when the database is new.
    """
    identity = ensure_identity(database, **clinic)
    ctx = ServiceContext(database, identity.organization_id, zone(identity.timezone), clock)
    working_time = WorkingTimeService(ctx)
    return Services(
        database=database,
        context=ctx,
        booking=BookingService(ctx),
        lifecycle=LifecycleService(ctx),
        directory=DirectoryService(ctx),
        professionals=ProfessionalService(ctx),
        conflicts=ConflictService(ctx),
        working_time=working_time,
        free_times=FreeTimeService(ctx),
        clients=ClientService(ctx),
        catalog=CatalogService(ctx),
        settings=ClinicSettingsService(ctx),
        today=TodayService(ctx),
        imports=ImportService(ctx),
        exports=ExportService(ctx),
        reports=ReportService(ctx),
        schedule_templates=ScheduleTemplateService(ctx, working_time),
        staff=StaffService(ctx),
        audit=AuditTrailService(ctx),
        client_record=ClientRecordService(ctx),
        rules=RulesService(ctx),
        series=SeriesService(ctx),
        waitlist=WaitlistService(ctx),
        resources=ResourceService(ctx),
        skills=SkillService(ctx),
        teams=TeamService(ctx),
        calendars=CalendarSyncService(ctx),
    )
