"""Every write leaves an audit entry naming who made it, on both databases.

The test calls every write method of every service (the permission declarations
list them: see `services.permissions`) once, successfully, and checks that the
audit trail grew with an entry by the person signed in. A new write method
without a step here fails the test until one is added.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from scheduler_app.db.models import AuditEntry, Role
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.domain.rules import RuleKind
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.bundle import Services
from scheduler_app.services.caldav_client import store_calendar_password
from scheduler_app.services.calendar_dto import IntegrationSettings
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import (
    BookingRequest,
    ClientDetails,
    MoveRequest,
    ProfessionalDetails,
    ServiceDetails,
)
from scheduler_app.services.permissions import Access, permission_of
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.services.rules import RuleDetails
from scheduler_app.services.schedule_templates import TemplateDetails
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.services.staff import SignInSettings
from scheduler_app.services.waitlist_dto import WaitlistRequest
from tests.conftest import Clinic
from tests.db.caldav_server import PASSWORD, USER, CalDavServer
from tests.db.test_imports import read
from tests.memory_keyring import MemoryKeyring


def service_classes() -> list[type]:
    hints = typing.get_type_hints(Services)
    return [hints[n] for n in hints if n not in ("database", "context")] + [DeliveryService]


def methods(access: Access) -> set[str]:
    found = set()
    for cls in service_classes():
        for name, fn in inspect.getmembers(cls, inspect.isfunction):
            permission = permission_of(fn)
            if not name.startswith("_") and permission is not None and permission.access is access:
                found.add(f"{cls.__name__}.{name}")
    return found


def entries(clinic: Clinic) -> tuple[int, int | None]:
    with clinic.services.database.read_sessions() as session:
        count = session.scalar(select(func.count(AuditEntry.id))) or 0
        last = session.scalar(select(AuditEntry.actor_id).order_by(AuditEntry.id.desc()).limit(1))
    return count, last


def test_every_write_is_audited(
    clinic: Clinic, caldav_server: CalDavServer, memory_keyring: MemoryKeyring
) -> None:
    s, admin = clinic.services, clinic.admin
    delivery = DeliveryService(s.context)
    p1, p2 = clinic.professionals("Dr Ana", "Dr Rui")
    client = s.directory.add_client(admin, "Joana", "+351 912 000 000", "joana@example.org").id
    service = s.catalog.add(admin, ServiceDetails("Check", 30, Decimal(20), "EUR", "#3366cc"))

    def booked(hour: int, prof: int | None = p1, day: int = 3) -> tuple[int, int]:
        view = s.booking.book(
            admin,
            BookingRequest(
                start=clinic.at(day, hour), end=clinic.at(day, hour, 30), professional_id=prof
            ),
        )
        return view.id, view.version

    state: dict[str, Any] = {}

    def time_off() -> None:
        s.working_time.add_time_off(admin, clinic.at(20, 9), clinic.at(20, 12), professional_id=p2)

    def remove_time_off() -> None:
        from scheduler_app.db.working_time_models import TimeOff

        with s.database.read_sessions() as session:
            off = session.scalar(select(TimeOff.id).order_by(TimeOff.id.desc()).limit(1))
        assert off is not None
        s.working_time.remove_time_off(admin, off)

    def notification(status: str) -> int:
        found = [n for n in delivery.recent() if n.status == status]
        assert found, delivery.recent()
        return found[0].id

    def conflict() -> int:
        """A conflict: a forced closure over an appointment of day 24."""
        if "conflict" not in state:
            booked(9, day=24)
            s.working_time.add_time_off(
                admin,
                clinic.at(24, 8),
                clinic.at(24, 11),
                kind=TimeOffKind.CLOSURE,
                force_reason="burst pipe",
            )
            state["conflict"] = s.conflicts.unresolved()[0].id
        return int(state["conflict"])

    staff: dict[str, int] = {}

    def integration() -> int:
        """A calendar integration of Dr Ana's on a real CalDAV server."""
        if "calendar" not in state:
            url = caldav_server.make_calendar("Ana")
            store_calendar_password(USER, url, PASSWORD)
            state["calendar"] = s.calendars.save_integration(
                admin, None, IntegrationSettings(p1, url, USER, "Radicale")
            ).id
        return int(state["calendar"])

    def sync_due() -> None:
        booked(9, day=30)  # something new to send
        clinic.clock.now += timedelta(hours=1)
        (result,) = s.calendars.sync_due(admin, "desk")
        assert result.status == "ok", result.text

    def staff_id(name: str) -> int:
        if name not in staff:
            staff[name] = s.staff.create(admin, name, name.title(), "reception", "temporary1").id
        return staff[name]

    steps: dict[str, Callable[[], object]] = {
        "BookingService.book": lambda: state.update(a=booked(10)),
        "BookingService.move": lambda: s.booking.move(admin, *booked(11), clinic.at(4, 11)),
        "BookingService.resize": lambda: s.booking.resize(admin, *booked(12), clinic.at(3, 12, 45)),
        "BookingService.reschedule": lambda: s.booking.reschedule(
            admin, *booked(13), clinic.at(5, 13), clinic.at(5, 13, 20)
        ),
        "BookingService.assign": lambda: s.booking.assign(admin, *booked(14, None), p2),
        "BookingService.edit_details": lambda: s.booking.edit_details(
            admin, *booked(15), {"title": "Knee"}
        ),
        "BookingService.move_together": lambda: s.booking.move_together(
            admin,
            [MoveRequest(i, v, clinic.at(6, 9), clinic.at(6, 9, 30), p1) for i, v in [booked(16)]],
        ),
        "LifecycleService.confirm": lambda: s.lifecycle.confirm(admin, *booked(8)),
        "LifecycleService.check_in": lambda: s.lifecycle.check_in(admin, *booked(9, day=2)),
        "LifecycleService.set_status": lambda: s.lifecycle.set_status(
            admin, *booked(17), AppointmentStatus.CONFIRMED
        ),
        "LifecycleService.cancel": lambda: state.update(c=s.lifecycle.cancel(admin, *booked(18))),
        "LifecycleService.restore": lambda: s.lifecycle.restore(
            admin, state["c"].id, state["c"].version
        ),
        "LifecycleService.mark_no_show": lambda: _no_show(clinic, booked(7)),
        "LifecycleService.complete": lambda: _complete(clinic, booked(10, day=2)),
        "LifecycleService.undo_booking": lambda: s.lifecycle.undo_booking(admin, *booked(19)),
        "SeriesService.book": lambda: state.update(series=_series(clinic, p1)),
        "SeriesService.cancel": lambda: state.update(
            cancelled=s.series.cancel(
                admin, state["series"].appointment_ids[1], 1, SeriesScope.FOLLOWING
            )
        ),
        "SeriesService.undo_cancel": lambda: s.series.undo_cancel(admin, state["cancelled"]),
        "SeriesService.move_following": lambda: state.update(
            moved=_move_following(clinic, state["series"].appointment_ids[1], p1)
        ),
        "SeriesService.undo_move": lambda: s.series.undo_move(admin, state["moved"]),
        "SeriesService.change": lambda: _resize_all(clinic, state["series"].appointment_ids[0]),
        "DirectoryService.add_client": lambda: s.directory.add_client(admin, "Rui"),
        "DirectoryService.add_professional": lambda: s.directory.add_professional(admin, "Dr X"),
        "DirectoryService.add_service": lambda: s.directory.add_service(admin, "Scan", 20),
        "DirectoryService.update_professional": lambda: s.directory.update_professional(
            admin, p2, ProfessionalDetails("Dr Rui Costa")
        ),
        "DirectoryService.reorder_professionals": lambda: s.directory.reorder_professionals(
            admin, [p.id for p in reversed(s.directory.professionals(include_inactive=True))]
        ),
        "DirectoryService.save_template": lambda: s.directory.save_template(
            admin, "appointment_reminder", "email", "See you", "Hello {client}"
        ),
        "DirectoryService.update_mail_settings": lambda: s.directory.update_mail_settings(
            admin, host="mail.example.org", port=587, security="starttls", user="", sender=""
        ),
        "DirectoryService.update_sms_settings": lambda: s.directory.update_sms_settings(
            admin, url="https://sms.example.org/send?to={to}&text={text}", user="clinic"
        ),
        "ProfessionalService.leave": lambda: s.professionals.leave(
            admin, s.directory.add_professional(admin, "Dr Leaving").id
        ),
        "ProfessionalService.come_back": lambda: s.professionals.come_back(
            admin,
            next(
                p.id
                for p in s.directory.professionals(include_inactive=True)
                if p.name == "Dr Leaving"
            ),
        ),
        "WorkingTimeService.set_weekly_plan": lambda: s.working_time.set_weekly_plan(
            admin, p2, [WeeklyRange(d, time(8), time(20)) for d in range(7)]
        ),
        "WorkingTimeService.set_day": lambda: s.working_time.set_day(
            admin, p2, date(2026, 3, 25), [(time(8), time(20))]
        ),
        "WorkingTimeService.set_period": lambda: s.working_time.set_period(
            admin, p2, None, {date(2026, 3, 26): [(time(8), time(20))]}
        ),
        "WorkingTimeService.add_time_off": time_off,
        "WorkingTimeService.remove_time_off": remove_time_off,
        "WorkingTimeService.set_holidays": lambda: s.working_time.set_holidays(admin, "PT"),
        "WorkingTimeService.set_holiday_open": lambda: s.working_time.set_holiday_open(
            admin, date(2026, 4, 25), True
        ),
        "ScheduleTemplateService.save": lambda: state.update(
            t=s.schedule_templates.save(
                admin, None, TemplateDetails("Mornings", time(8), time(13), (0, 1, 2, 3, 4))
            )
        ),
        "ScheduleTemplateService.duplicate": lambda: s.schedule_templates.duplicate(
            admin, state["t"].id
        ),
        "ScheduleTemplateService.copy_into_plan": lambda: s.schedule_templates.copy_into_plan(
            admin, state["t"].id, p2, date(2026, 4, 1), date(2026, 4, 30)
        ),
        "ScheduleTemplateService.set_active": lambda: s.schedule_templates.set_active(
            admin, state["t"].id, False
        ),
        "WorkingTimeService.set_opening_hours": lambda: s.working_time.set_opening_hours(
            admin, {day: [(time(0), time(0))] for day in range(7)}
        ),
        "ClientService.add": lambda: s.clients.add(admin, ClientDetails("Ana")),
        "ClientRecordService.merge": lambda: s.client_record.merge(
            admin, client, s.clients.add(admin, ClientDetails("Joana Dup")).id
        ),
        "ClientRecordService.erase": lambda: s.client_record.erase(
            admin, s.clients.add(admin, ClientDetails("Gone")).id
        ),
        "TeamService.add": lambda: state.update(team=s.teams.add(admin, "Rehabilitation")),
        "TeamService.set_member": lambda: s.teams.set_member(admin, state["team"], p2),
        "TeamService.update": lambda: s.teams.update(
            admin, state["team"], "Rehab", "Physio and sports", True
        ),
        "TeamService.set_service_team": lambda: s.teams.set_service_team(
            admin, service.id, state["team"]
        ),
        "TeamService.remove_member": lambda: (
            s.teams.set_service_team(admin, service.id, None),
            s.teams.remove_member(admin, state["team"], p2),
        ),
        "SkillService.set_for_professional": lambda: s.skills.set_for_professional(
            admin, p2, ["Manual therapy"]
        ),
        "SkillService.set_for_service": lambda: s.skills.set_for_service(
            admin, service.id, ["Manual therapy"]
        ),
        "ResourceService.add": lambda: state.update(
            room=s.resources.add(admin, ResourceDetails("Room 9", "Treatment room"))
        ),
        "ResourceService.update": lambda: s.resources.update(
            admin, state["room"].id, ResourceDetails("Room 9", "Treatment room", capacity=2)
        ),
        "ResourceService.set_needs": lambda: s.resources.set_needs(
            admin, service.id, [("Treatment room", 1)]
        ),
        "ResourceService.add_maintenance": lambda: s.resources.add_maintenance(
            admin, state["room"].id, clinic.at(30, 8), clinic.at(30, 9), "Cleaning"
        ),
        "ResourceService.set_active": lambda: s.resources.set_active(
            admin, state["room"].id, False
        ),
        "RulesService.add": lambda: state.update(
            rule=s.rules.add(admin, RuleDetails(RuleKind.MAX_HORIZON, horizon_days=1800))
        ),
        "RulesService.edit": lambda: s.rules.edit(
            admin, state["rule"].id, RuleDetails(RuleKind.MAX_HORIZON, horizon_days=1500)
        ),
        "RulesService.set_active": lambda: s.rules.set_active(admin, state["rule"].id, False),
        "ConflictService.escalate": lambda: s.conflicts.escalate(admin, conflict(), "please"),
        "ConflictService.ignore": lambda: s.conflicts.ignore(admin, conflict(), "known"),
        "ClientService.update": lambda: s.clients.update(admin, client, ClientDetails("Joana C")),
        "ClientService.set_archived": lambda: s.clients.set_archived(
            admin, s.clients.add(admin, ClientDetails("Old")).id, True
        ),
        "CatalogService.add": lambda: s.catalog.add(
            admin, ServiceDetails("Massage", 60, Decimal(40), "EUR", "#aa3366")
        ),
        "CatalogService.update": lambda: s.catalog.update(
            admin, service.id, ServiceDetails("Check-up", 30, Decimal(25), "EUR", "#3366cc")
        ),
        "CatalogService.set_active": lambda: s.catalog.set_active(admin, service.id, False),
        "CatalogService.reorder": lambda: s.catalog.reorder(
            admin, [v.id for v in reversed(s.catalog.services(include_retired=True))]
        ),
        "ClinicSettingsService.save": lambda: s.settings.save(
            admin, _renamed(s.settings.current())
        ),
        "ClinicSettingsService.finish_setup": lambda: s.settings.finish_setup(admin),
        "ImportService.run": lambda: s.imports.run(
            admin, read(clinic, "Date,Start,Duration\n2026-03-10,10:00,30\n")
        ),
        "DeliveryService.cancel": lambda: delivery.cancel(admin, notification("pending")),
        "DeliveryService.resend": lambda: _resend(delivery, admin),
        "DeliveryService.withdraw_outgoing": lambda: delivery.withdraw_outgoing(admin),
        "StaffService.create": lambda: staff_id("rita"),
        "StaffService.set_role": lambda: s.staff.set_role(admin, staff_id("rita"), "manager"),
        "StaffService.set_active": lambda: s.staff.set_active(admin, staff_id("old"), False),
        "StaffService.reset_password": lambda: s.staff.reset_password(
            admin, staff_id("rita"), "temporary2"
        ),
        "StaffService.unlock": lambda: s.staff.unlock(admin, staff_id("rita")),
        "StaffService.link_professional": lambda: s.staff.link_professional(
            admin, staff_id("rita"), p1
        ),
        "StaffService.save_sign_in_settings": lambda: s.staff.save_sign_in_settings(
            admin, SignInSettings(idle_lock_minutes=5)
        ),
        "StaffService.change_password": lambda: _change_password(clinic),
        "WaitlistService.add": lambda: state.update(
            waiting=s.waitlist.add(admin, _waiting(clinic, client, 27)).id
        ),
        "WaitlistService.book": lambda: state.update(
            from_waitlist=s.waitlist.book(admin, state["waiting"], clinic.at(27, 16), p1)
        ),
        "WaitlistService.undo_book": lambda: state.update(
            undone=s.waitlist.undo_book(
                admin, state["waiting"], state["from_waitlist"].id, state["from_waitlist"].version
            )
        ),
        "WaitlistService.redo_book": lambda: s.waitlist.redo_book(
            admin, state["waiting"], state["undone"].id, state["undone"].version
        ),
        "WaitlistService.hold": lambda: _hold(clinic, state, p1),
        "WaitlistService.settle_holds": lambda: _settle_holds(clinic, state),
        "CalendarSyncService.save_integration": integration,
        "CalendarSyncService.sync_now": lambda: s.calendars.sync_now(admin, integration(), "desk"),
        "CalendarSyncService.sync_due": sync_due,
        "CalendarSyncService.remove_integration": lambda: s.calendars.remove_integration(
            admin, integration()
        ),
        "WaitlistService.remove": lambda: s.waitlist.remove(
            admin,
            s.waitlist.add(admin, _waiting(clinic, client, 28)).id,
        ),
    }
    # The booking that the client's reminders hang on (pending e-mails to cancel).
    s.booking.book(
        admin,
        BookingRequest(start=clinic.at(9, 10), end=clinic.at(9, 10, 30), client_id=client),
    )
    s.booking.book(
        admin,
        BookingRequest(start=clinic.at(9, 11), end=clinic.at(9, 11, 30), client_id=client),
    )
    assert set(steps) == methods(Access.WRITE), "every write method needs a step here"
    silent = []
    for name, step in steps.items():
        before, _ = entries(clinic)
        step()
        after, actor = entries(clinic)
        if after <= before or actor != clinic.services.actor_id:
            silent.append(name)
    assert silent == []


def _hold(clinic: Clinic, state: dict[str, Any], professional: int) -> None:
    """A time held for a waiting client (a new entry on 26 March)."""
    client = clinic.client("Held Client")
    entry = clinic.services.waitlist.add(clinic.admin, _waiting(clinic, client, 26)).id
    state["held"] = clinic.services.waitlist.hold(
        clinic.admin, entry, clinic.at(26, 16), professional
    )


def _settle_holds(clinic: Clinic, state: dict[str, Any]) -> None:
    """The held time confirmed: settling books the entry."""
    held = state["held"]
    clinic.services.lifecycle.confirm(clinic.admin, held.id, held.version)
    assert clinic.services.waitlist.settle_holds(clinic.admin) == 1


def _waiting(clinic: Clinic, client: int, day: int) -> WaitlistRequest:
    """A wait for a new service on day ``day`` of March."""
    details = ServiceDetails(f"Wait {day}", 30, Decimal(20), "EUR", "#3366cc")
    service = clinic.services.catalog.add(clinic.admin, details).id
    return WaitlistRequest(client, service, date(2026, 3, day), date(2026, 3, day))


def _series(clinic: Clinic, professional: int) -> Any:
    """A weekly series of three at 07:00 from Monday 16 March."""
    rule = rule_text(SeriesRule("WEEKLY", count=3))
    request = SeriesRequest(rule, clinic.at(16, 7), professional_id=professional, minutes=30)
    report = clinic.services.series.report(clinic.admin, request)
    return clinic.services.series.book(clinic.admin, report)


def _move_following(clinic: Clinic, appointment_id: int, professional: int) -> Any:
    version = clinic.booking.get(appointment_id).version
    return clinic.services.series.move_following(
        clinic.admin, appointment_id, version, time(7, 30), professional
    )


def _resize_all(clinic: Clinic, appointment_id: int) -> Any:
    from scheduler_app.services.series_move import SeriesChange

    version = clinic.booking.get(appointment_id).version
    return clinic.services.series.change(
        clinic.admin, appointment_id, version, SeriesScope.ALL, SeriesChange(minutes=20)
    )


def _renamed(current: Any) -> Any:
    from dataclasses import replace

    return replace(current, name="Renamed clinic")


def _no_show(clinic: Clinic, appt: tuple[int, int]) -> None:
    clinic.clock.now += timedelta(days=1, hours=6)
    try:
        clinic.services.lifecycle.mark_no_show(clinic.admin, *appt)
    finally:
        clinic.clock.now -= timedelta(days=1, hours=6)


def _complete(clinic: Clinic, appt: tuple[int, int]) -> None:
    life = clinic.services.lifecycle
    version = life.check_in(clinic.admin, *appt).version
    clinic.clock.now += timedelta(hours=6)
    try:
        life.complete(clinic.admin, appt[0], version, rating=5)
    finally:
        clinic.clock.now -= timedelta(hours=6)


def _resend(delivery: DeliveryService, admin: int) -> None:
    pending = [n for n in delivery.recent() if n.status == "pending"]
    delivery.cancel(admin, pending[0].id)
    delivery.resend(admin, pending[0].id)


def _change_password(clinic: Clinic) -> None:
    staff = clinic.services.staff
    staff.reset_password(clinic.admin, clinic.admin, "first password")
    staff.change_password(clinic.admin, "first password", "second password")


def test_opening_a_clients_record_is_logged(clinic: Clinic) -> None:
    client = clinic.client("Joana Costa")
    desk = clinic.sign_in(clinic.add_staff("desk", Role.RECEPTION))
    clinic.services.clients.history(client)
    with clinic.services.database.read_sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (entry.action, entry.entity, entry.entity_id, entry.actor_id) == (
        "viewed",
        "client",
        client,
        desk,
    )
