"""First start: make sure the database holds a clinic and a desk account."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from scheduler_app.db import directory
from scheduler_app.db.engine import Database
from scheduler_app.db.errors import translate
from scheduler_app.db.models import OpeningHours, Organization, Role, StaffUser
from scheduler_app.domain.localtime import is_known_zone, zone
from scheduler_app.errors import NoClinicError


@dataclass(frozen=True)
class Identity:
    """The clinic a desk opens (its staff member signs in afterwards)."""

    organization_id: int
    timezone: str


def guess_zone() -> str:
    """The computer's IANA zone (TZ, then /etc/localtime), or UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and is_known_zone(name):
            return name
    return "UTC"


def ensure_identity(
    database: Database, *, clinic_name: str = "My clinic", timezone: str | None = None
) -> Identity:
    """The clinic, created if missing (with no staff account: the first start's
    set-up makes its administrator, see `services.staff`)."""
    if database.read_only:
        return _existing_identity(database)
    try:
        with database.write_sessions() as session, session.begin():
            org = directory.first_organization(session)
            now = datetime.now(UTC)
            if org is None:
                tz = timezone or guess_zone()
                zone(tz)
                org = Organization(
                    name=clinic_name,
                    timezone=tz,
                    slot_minutes=15,
                    default_duration_minutes=90,
                    opens_at=time(8, 0),
                    closes_at=time(19, 0),
                    currency="EUR",
                    created_at=now,
                )
                session.add(org)
                session.flush()
                session.add_all(  # Monday to Friday; Clinic > Settings changes them
                    OpeningHours(
                        organization_id=org.id,
                        weekday=day,
                        opens=org.opens_at,
                        closes=org.closes_at,
                    )
                    for day in range(5)
                )
            return Identity(org.id, org.timezone)
    except DBAPIError as exc:
        raise translate(exc) from exc


def _existing_identity(database: Database) -> Identity:
    """The clinic, read only (nothing can be created in a read-only database)."""
    try:
        with database.read_sessions() as session, session.begin():
            org = directory.first_organization(session)
            if org is None:
                where = str(database.path)
                raise NoClinicError(
                    f"{where} holds no clinic yet, and this computer's user cannot write to it.",
                    where,
                    missing=False,
                )
            return Identity(org.id, org.timezone)
    except DBAPIError as exc:
        raise translate(exc) from exc


def single_user_admin(database: Database, organization_id: int, username: str) -> int:
    """The clinic in single-user mode with its administrator ``username`` (made if
    missing, without a password): the desk opens with no sign-in (the demo clinic)."""
    try:
        with database.write_sessions() as session, session.begin():
            org = session.get(Organization, organization_id)
            assert org is not None
            org.single_user = True
            user = directory.staff_user_named(session, organization_id, username)
            if user is None:
                user = StaffUser(
                    organization_id=organization_id,
                    username=username,
                    display_name=username,
                    role=Role.ADMIN,
                )
                session.add(user)
                session.flush()
            return user.id
    except DBAPIError as exc:
        raise translate(exc) from exc
