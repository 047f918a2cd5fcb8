"""The permission matrix: every service method, called as every role, on both databases.

Each public method of every service declares who may call it (see
`services.permissions`). Called by nobody, by a disabled account, or by a role
it does not allow, it is refused with `PermissionDeniedError` before it reads or
writes anything; called by a role it allows, it is never refused for
permission (it may still refuse its made-up arguments).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from scheduler_app.db.models import AuditEntry, Role
from scheduler_app.errors import PermissionDeniedError
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.directory import DirectoryService
from scheduler_app.services.permissions import Access, Desk, at_least, permission_of
from scheduler_app.services.schedule_templates import ScheduleTemplateService
from scheduler_app.services.staff import SignInSettings, StaffService
from scheduler_app.services.working_time import WorkingTimeService
from tests.conftest import Clinic
from tests.db.test_audit_completeness import service_classes

#: Whoever the desk holds, by name: nobody, a disabled account, each role.
PEOPLE = ("nobody", "disabled", "reception", "manager", "admin")


def all_methods() -> list[tuple[type, str, Callable[..., Any]]]:
    return [
        (cls, name, fn)
        for cls in service_classes()
        for name, fn in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    ]


def test_every_public_service_method_declares_who_may_call_it() -> None:
    undeclared = [f"{c.__name__}.{n}" for c, n, fn in all_methods() if permission_of(fn) is None]
    assert undeclared == []
    assert len(all_methods()) > 90


def _made_up(name: str, annotation: Any, clinic: Clinic, actor: int) -> Any:
    """An argument of the right kind (its value hardly matters: the door is checked
    before it is used)."""
    text = str(annotation)
    if name == "actor_id":
        return actor
    if "datetime" in text:
        return clinic.at(3, 10)
    if "date" in text:
        return date(2026, 3, 3)
    if "bool" in text:
        return False
    if "int" in text and "list" not in text and "tuple" not in text and "dict" not in text:
        return 1
    if "Decimal" in text:
        return Decimal(0)
    if "time" in text:
        return time(9)
    if "list" in text or "Sequence" in text:
        return []
    if "tuple" in text:
        return ()
    if "dict" in text or "Mapping" in text:
        return {}
    if "bytes" in text:
        return b""
    if "SignInSettings" in text:
        return SignInSettings()
    if "str" in text:
        return "x"
    return None


def _call(clinic: Clinic, cls: type, fn: Callable[..., Any], actor: int) -> BaseException | None:
    ctx = clinic.services.context
    service = cls(ctx, WorkingTimeService(ctx)) if cls is ScheduleTemplateService else cls(ctx)
    signature = inspect.signature(fn)
    args = [
        _made_up(p.name, p.annotation, clinic, actor)
        for p in list(signature.parameters.values())[1:]
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    kwargs = {
        p.name: _made_up(p.name, p.annotation, clinic, actor)
        for p in signature.parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    }
    try:
        getattr(service, fn.__name__)(*args, **kwargs)
    except Exception as exc:
        return exc
    return None


def _people(clinic: Clinic) -> dict[str, int | None]:
    disabled = clinic.add_staff("gone", Role.MANAGER)
    staff = clinic.services.staff
    staff.set_active(clinic.admin, disabled, False)
    return {
        "nobody": None,
        "disabled": disabled,
        "reception": clinic.add_staff("desk", Role.RECEPTION),
        "manager": clinic.add_staff("boss", Role.MANAGER),
        "admin": clinic.admin,
    }


def _allowed(permission: Any, who: str) -> bool:
    if permission.access in (Access.BEFORE_SIGN_IN, Access.DESK_WORKERS):
        return True
    if who in ("nobody", "disabled"):
        return False
    roles = at_least(Role.RECEPTION) if permission.setting else permission.roles
    return roles is None or Role(who) in roles


def test_every_method_as_every_role(clinic: Clinic) -> None:
    people = _people(clinic)
    clinic.professionals("Dr Ana")
    clinic.client("Joana")
    wrong: list[str] = []
    counted = {"allowed": 0, "refused": 0}
    for cls, name, fn in all_methods():
        permission = permission_of(fn)
        assert permission is not None
        if permission.access in (Access.BEFORE_SIGN_IN, Access.DESK_WORKERS):
            continue  # not about a person (signing in; sending reminders)
        for who in PEOPLE:
            actor = people[who]
            clinic.services.context.desk.become(actor)
            before = _audit_count(clinic)
            outcome = _call(clinic, cls, fn, actor if actor is not None else clinic.admin)
            refused = isinstance(outcome, PermissionDeniedError)
            expected = not _allowed(permission, who)
            counted["refused" if expected else "allowed"] += 1
            if refused != expected:
                wrong.append(f"{cls.__name__}.{name} as {who}: {outcome!r}")
            if refused and _audit_count(clinic) != before:
                wrong.append(f"{cls.__name__}.{name} as {who}: wrote before refusing")
    assert wrong == []
    assert counted["refused"] > 200 and counted["allowed"] > 150


def _audit_count(clinic: Clinic) -> int:
    with clinic.services.database.read_sessions() as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


def test_a_change_names_the_person_signed_in(clinic: Clinic) -> None:
    other = clinic.add_staff("desk", Role.RECEPTION)
    with pytest.raises(PermissionDeniedError, match="signed in at this desk"):
        clinic.directory.add_client(other, "Joana")


def test_who_may_assign_and_confirm_is_the_clinics_choice(clinic: Clinic) -> None:
    from scheduler_app.services.dto import BookingRequest

    (prof,) = clinic.professionals("Dr Ana")
    desk = clinic.add_staff("desk", Role.RECEPTION)
    unassigned = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 10), end=clinic.at(3, 10, 30))
    )
    assigned = clinic.booking.assign(clinic.admin, unassigned.id, unassigned.version, prof)
    clinic.services.staff.save_sign_in_settings(
        clinic.admin, SignInSettings(assign_role="manager", confirm_role="manager")
    )
    clinic.sign_in(desk)
    with pytest.raises(PermissionDeniedError, match="manager or admin"):
        clinic.services.lifecycle.confirm(desk, assigned.id, assigned.version)
    with pytest.raises(PermissionDeniedError, match="manager or admin"):
        clinic.booking.assign(desk, assigned.id, assigned.version, None)
    clinic.sign_in(clinic.admin)
    clinic.services.staff.save_sign_in_settings(clinic.admin, SignInSettings())
    clinic.sign_in(desk)
    assert clinic.services.lifecycle.confirm(desk, assigned.id, assigned.version).status


def test_a_disabled_account_stops_within_seconds(clinic: Clinic) -> None:
    """Disabled at another desk, the account stops working here at the next re-read
    (every `Desk.recheck_seconds`)."""
    ctx = clinic.services.context
    ticks = [0.0]
    here = Desk(lambda: ticks[0])
    here.become(clinic.add_staff("desk", Role.RECEPTION))
    directory = DirectoryService(
        ServiceContext(ctx.database, ctx.organization_id, ctx.timezone, ctx.clock, desk=here)
    )
    assert directory.professionals() == []
    admin_desk = Desk()
    admin_desk.become(clinic.admin)
    other = ServiceContext(ctx.database, ctx.organization_id, ctx.timezone, desk=admin_desk)
    StaffService(other).set_active(clinic.admin, here.actor_id or 0, False)
    ticks[0] = 1.0
    assert directory.professionals() == []  # read a second ago: still trusted
    ticks[0] = Desk.recheck_seconds + 0.5
    with pytest.raises(PermissionDeniedError, match="disabled"):
        directory.professionals()
    assert here.actor_id is None  # signed out


def test_delivery_worker_methods_need_no_person(clinic: Clinic) -> None:
    clinic.services.context.desk.sign_out()
    delivery = DeliveryService(clinic.services.context)
    assert delivery.claim_due("worker") == []
    assert isinstance(delivery.counts(), dict)
    when: datetime = clinic.at(3, 10)
    assert when.tzinfo is not None


def test_the_desk_keeps_the_waitlist_and_a_signed_out_desk_sees_nothing(clinic: Clinic) -> None:
    """Reception adds, books and removes waitlist entries; with nobody signed in, even
    the list is refused."""
    from scheduler_app.services.dto import ServiceDetails
    from scheduler_app.services.waitlist_dto import WaitlistRequest

    (prof,) = clinic.professionals("Dr Ana")
    client = clinic.client("Joana")
    details = ServiceDetails("Check", 30, Decimal(20), "EUR", "#3366cc")
    service = clinic.services.catalog.add(clinic.admin, details).id
    desk = clinic.sign_in(clinic.add_staff("desk", Role.RECEPTION))
    waitlist = clinic.services.waitlist
    day = clinic.at(3, 0).date()
    first = waitlist.add(desk, WaitlistRequest(client, service, day, day)).id
    second = waitlist.add(desk, WaitlistRequest(client, service, day, day)).id
    assert waitlist.book(desk, first, clinic.at(3, 10), prof).client_id == client
    waitlist.remove(desk, second)
    assert [e.status for e in waitlist.entries()] == ["booked"]
    clinic.services.context.desk.sign_out()
    with pytest.raises(PermissionDeniedError):
        waitlist.entries()
    with pytest.raises(PermissionDeniedError):
        waitlist.freed(clinic.at(3, 11), clinic.at(3, 12), prof)
