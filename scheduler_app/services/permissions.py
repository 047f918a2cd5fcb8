"""Who may call each service method: the person signed in at the desk.

Every public method of a service class carries one of these declarations, and
the permission matrix test (tests/db/test_permissions.py) calls every one of
them as every role:

- `before_sign_in`: allowed with nobody signed in (signing in, the first
  account, the sign-in settings);
- `desk_workers`: the desk's own background work (sending reminders), which
  acts for the clinic rather than for a person;
- `readers` / `reads(*roles)`: reads of clinic data, by a signed-in person (of
  one of ``roles`` when given);
- `writers` / `writes(*roles)`: changes, by a signed-in person who must be the
  ``actor_id`` the change names (so the audit trail names who really did it), of
  one of ``roles`` when given; `writes(setting=...)` takes the least role from
  a clinic setting (who may assign professionals, confirm appointments).

The desk re-reads the signed-in account at most every `Desk.recheck_seconds`:
an account disabled (or re-roled) on another desk stops working within them.
Writes check the account again inside their own transaction as well.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from scheduler_app.db.models import Role
from scheduler_app.errors import PermissionDeniedError

if TYPE_CHECKING:
    from scheduler_app.services.context import ServiceContext

#: Roles in increasing order of what they may do.
ROLE_ORDER = (Role.RECEPTION, Role.MANAGER, Role.ADMIN)
MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


def at_least(role: Role) -> frozenset[Role]:
    """``role`` and every role above it."""
    return frozenset(ROLE_ORDER[ROLE_ORDER.index(role) :])


class Access(StrEnum):
    BEFORE_SIGN_IN = "before sign-in"
    DESK_WORKERS = "desk workers"
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Permission:
    access: Access
    #: Who may, when not everyone signed in may (None: any role).
    roles: frozenset[Role] | None = None
    #: The clinic setting holding the least role that may (overrides ``roles``).
    setting: str | None = None


@dataclass(frozen=True)
class Person:
    """Who is signed in at the desk."""

    id: int
    username: str
    display_name: str
    role: Role


class Desk:
    """The person signed in at this desk (shared by all its services)."""

    recheck_seconds = 5.0

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._person: Person | None = None
        self._actor_id: int | None = None
        self._checked_at = float("-inf")

    @property
    def actor_id(self) -> int | None:
        return self._actor_id

    @property
    def person(self) -> Person | None:
        return self._person

    def become(self, actor_id: int | None, person: Person | None = None) -> None:
        """``actor_id`` is signed in (its account is read at the next call unless
        ``person`` is given, fresh)."""
        self._actor_id = actor_id
        self._person = person
        self._checked_at = self._monotonic() if person is not None else float("-inf")

    def sign_out(self) -> None:
        self.become(None)

    def current(self, ctx: ServiceContext) -> Person:
        """The signed-in person, still active (re-read when the last read is old)."""
        actor_id = self._actor_id
        if actor_id is None:
            raise PermissionDeniedError("Nobody is signed in at this desk. Please sign in.")
        now = self._monotonic()
        person = self._person
        if person is None or now - self._checked_at >= self.recheck_seconds:
            from scheduler_app.services.staff import signed_in_account

            person = signed_in_account(ctx, actor_id)
            if person is None:
                if self._actor_id == actor_id:
                    self.sign_out()
                raise PermissionDeniedError(
                    "Your staff account is unknown or disabled. Please ask an administrator."
                )
            if self._actor_id == actor_id:
                self._person, self._checked_at = person, now
        return person


F = TypeVar("F", bound=Callable[..., Any])


def permission_of(method: Callable[..., Any]) -> Permission | None:
    found = getattr(method, "permission", None)
    return found if isinstance(found, Permission) else None


def _declare(permission: Permission) -> Callable[[F], F]:
    def wrap(method: F) -> F:
        if permission.access in (Access.BEFORE_SIGN_IN, Access.DESK_WORKERS):
            method.permission = permission  # type: ignore[attr-defined]
            return method

        @functools.wraps(method)
        def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
            allow(self.ctx, permission, args[0] if args else kwargs.get("actor_id"))
            return method(self, *args, **kwargs)

        checked.permission = permission  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return wrap


def allow(ctx: ServiceContext, permission: Permission, actor: Any = None) -> Person:
    """The signed-in person, if ``permission`` lets them (else `PermissionDeniedError`)."""
    person = ctx.desk.current(ctx)
    if permission.access is Access.WRITE and actor != person.id:
        raise PermissionDeniedError(
            "A change can only be made in the name of the person signed in at this desk."
        )
    roles = permission.roles
    if permission.setting is not None:
        from scheduler_app.services.staff import least_role

        roles = at_least(least_role(ctx, permission.setting))
    if roles is not None and person.role not in roles:
        names = " or ".join(r.value for r in ROLE_ORDER if r in roles)
        raise PermissionDeniedError(f"Only a {names} can do that.")
    return person


def before_sign_in(method: F) -> F:
    return _declare(Permission(Access.BEFORE_SIGN_IN))(method)


def desk_workers(method: F) -> F:
    return _declare(Permission(Access.DESK_WORKERS))(method)


def reads(*roles: Role) -> Callable[[F], F]:
    return _declare(Permission(Access.READ, frozenset(roles) if roles else None))


def writes(*roles: Role, setting: str | None = None) -> Callable[[F], F]:
    return _declare(Permission(Access.WRITE, frozenset(roles) if roles else None, setting))


def readers(method: F) -> F:
    return reads()(method)


def writers(method: F) -> F:
    return writes()(method)
