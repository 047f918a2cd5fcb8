"""Shared fixtures: real SQLite files and a real PostgreSQL server, a fixed clock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from scheduler_app.db import migrate
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.models import Role, StaffUser
from scheduler_app.services.booking import BookingService
from scheduler_app.services.bundle import Services, build_services
from scheduler_app.services.directory import DirectoryService
from scheduler_app.services.lifecycle import LifecycleService
from tests.db.caldav_server import CalDavServer
from tests.db.smtp_server import SmtpServer
from tests.memory_keyring import MemoryKeyring

#: Server used for the PostgreSQL half of the suite; a throwaway database is made on it.
PG_ADMIN_URL = os.environ.get(
    "SCHEDULER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

#: "Now" for the services in tests: Monday 2 March 2026, 07:00 UTC.
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
TABLES = "audit_entry, appointment, service, client, professional, staff_user, organization"


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _postgres_unavailable_reason() -> str | None:
    try:
        with psycopg.connect(_libpq(PG_ADMIN_URL), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_URL} ({exc.__class__.__name__}: {exc})"


@pytest.fixture(autouse=True)
def own_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Per-user data, log and settings folders of the test's own (backups, logs and
    first-start files never land in the real ones)."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    return home


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session."""
    reason = _postgres_unavailable_reason()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests.")
        pytest.skip(f"{reason}; set SCHEDULER_TEST_POSTGRES_URL to run them.")
    name = f"scheduler_test_{uuid.uuid4().hex[:10]}"
    admin = _libpq(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    database = open_database(url)
    migrate.upgrade(database)
    database.dispose()
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def blank_postgres(postgres_url: str) -> Iterator[str]:
    """An empty database of its own on the test server."""
    name = f"scheduler_blank_{uuid.uuid4().hex[:10]}"
    admin = _libpq(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database = open_database(sqlite_url(path))
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_database")
    else:
        yield request.getfixturevalue("postgres_database")


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[Database]:
    """The PostgreSQL database alone, for what only a server has (connections to lose,
    NOTIFY payloads)."""
    database = open_database(postgres_url)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A migrated SQLite file of this test's own."""
    path = tmp_path / "schedule.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(sqlite_url(path))
    try:
        yield database
    finally:
        database.dispose()


class Clock:
    """A settable clock for the services."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Clinic:
    """A small clinic in Europe/Lisbon with an admin desk account."""

    services: Services
    clock: Clock
    tz: ZoneInfo
    admin: int

    @property
    def booking(self) -> BookingService:
        return self.services.booking

    @property
    def lifecycle(self) -> LifecycleService:
        return self.services.lifecycle

    @property
    def directory(self) -> DirectoryService:
        return self.services.directory

    def at(self, day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
        """A local time in March 2026 (day of month, hour, minute)."""
        return datetime(2026, month, day, hour, minute, tzinfo=self.tz)

    def professionals(self, *names: str) -> list[int]:
        return [self.directory.add_professional(self.admin, n).id for n in names]

    def client(self, name: str = "Joana Costa") -> int:
        return self.directory.add_client(self.admin, name, "+351 912 345 678").id

    def add_staff(self, username: str, role: Role = Role.RECEPTION) -> int:
        return add_account(self.services, username, role)

    def sign_in(self, actor_id: int) -> int:
        """``actor_id`` is the person signed in at the desk from now on."""
        self.services.context.desk.become(actor_id)
        return actor_id


def add_account(
    services: Services, username: str, role: Role = Role.RECEPTION, password_hash: str | None = None
) -> int:
    """A staff account written straight into the database (no password unless given)."""
    with services.database.write_sessions() as session, session.begin():
        user = StaffUser(
            organization_id=services.context.organization_id,
            username=username,
            display_name=username,
            role=role,
            password_hash=password_hash,
        )
        session.add(user)
        session.flush()
        return user.id


@dataclass(frozen=True)
class Identity:
    """A clinic and an account in it, for code that builds its own contexts."""

    organization_id: int
    staff_user_id: int
    timezone: str


def identity_with_account(database: Database, username: str, timezone: str) -> Identity:
    """The clinic (made if missing) and an administrator ``username`` in it."""
    from scheduler_app.services.setup import ensure_identity

    clinic = ensure_identity(database, timezone=timezone)
    with database.write_sessions() as session, session.begin():
        found = session.scalar(
            select(StaffUser.id).where(
                StaffUser.organization_id == clinic.organization_id,
                StaffUser.username == username,
            )
        )
        if found is None:
            user = StaffUser(
                organization_id=clinic.organization_id,
                username=username,
                display_name=username,
                role=Role.ADMIN,
            )
            session.add(user)
            session.flush()
            found = user.id
    return Identity(clinic.organization_id, found, clinic.timezone)


def signed_in(services: Services, username: str, role: Role = Role.ADMIN) -> Services:
    """``services`` with the account ``username`` (made if missing) signed in."""
    with services.database.read_sessions() as session:
        found = session.scalar(
            select(StaffUser.id).where(
                StaffUser.organization_id == services.context.organization_id,
                StaffUser.username == username,
            )
        )
    services.context.desk.become(found or add_account(services, username, role))
    return services


def make_clinic(
    database: Database, tz_name: str = "Europe/Lisbon", *, around_the_clock: bool = True
) -> Clinic:
    """The test clinic; open around the clock unless its hours are what a test is about."""
    clock = Clock(NOW)
    services = signed_in(
        build_services(database, clock=clock, clinic_name="Test clinic", timezone=tz_name),
        "admin",
    )
    if around_the_clock:
        services.working_time.set_opening_hours(
            services.actor_id, {day: [(time(0), time(0))] for day in range(7)}
        )
    return Clinic(services, clock, services.context.timezone, services.actor_id)


@pytest.fixture
def clinic(database: Database) -> Clinic:
    return make_clinic(database)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server on localhost, collecting what it receives."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_clinic(postgres_database: Database) -> Clinic:
    return make_clinic(postgres_database)


@pytest.fixture
def sqlite_clinic(sqlite_database: Database) -> Clinic:
    return make_clinic(sqlite_database)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A working keyring for the test (passwords in memory), the machine's after it."""
    import keyring

    previous = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(previous)


@pytest.fixture
def caldav_server(tmp_path: Path) -> Iterator[CalDavServer]:
    """A real CalDAV server (Radicale) on a free localhost port, storage in tmp_path."""
    folder = tmp_path / "radicale"
    folder.mkdir()
    server = CalDavServer(folder)
    yield server
    server.stop()
