"""A realistic demo clinic: six professionals, 200 clients, two weeks of appointments.

Everything goes through the same services the desk uses, so the demo data obeys
every rule (no professional double-booked, unassigned ones still assignable).

The demo shows every status whatever day it is made: the day it is made always
has appointments (a weekend gets a morning on duty), and one of them is checked
in. It sends nothing real: its clients' addresses are under ``example.invalid``
(a domain reserved never to exist) and their phone numbers in the range kept
for fiction (+44 7700 900xxx), and the e-mails and SMS its made-up history
queued are withdrawn, so setting up a mail server on the demo file sends none.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from scheduler_app.db import directory as directory_rows
from scheduler_app.db.engine import Database
from scheduler_app.domain.localtime import zone
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.clinic_settings import ClinicSettingsService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.directory import DirectoryService
from scheduler_app.services.dto import AppointmentView, BookingRequest, OpeningRange
from scheduler_app.services.lifecycle import LifecycleService
from scheduler_app.services.resources import ResourceDetails, ResourceService
from scheduler_app.services.setup import ensure_identity, single_user_admin

PROFESSIONALS = [
    ("Dr Ana Silva", "General practice", "#3f7fbf"),
    ("Dr Marco Rossi", "Cardiology", "#c0504d"),
    ("Dr Leila Haddad", "Dermatology", "#8064a2"),
    ("Tom Becker", "Physiotherapy", "#4bacc6"),
    ("Sofia Costa", "Nutrition", "#9bbb59"),
    ("Dr James Okafor", "Paediatrics", "#f79646"),
]
SERVICES = [
    ("Consultation", 30, "45.00", "#5b9bd5"),
    ("First visit", 60, "80.00", "#ed7d31"),
    ("Follow-up", 20, "30.00", "#70ad47"),
    ("Physiotherapy session", 45, "50.00", "#4bacc6"),
    ("Extended assessment", 90, "120.00", "#a5a5a5"),
]
#: Rooms (name, what they are), and the services that need one of them.
ROOMS = [("Treatment room 1", "Treatment room"), ("Treatment room 2", "Treatment room")]
NEEDS = {"Physiotherapy session": "Treatment room"}
FIRST = [
    "Maria",
    "João",
    "Pedro",
    "Ana",
    "Luís",
    "Inês",
    "Carlos",
    "Sara",
    "Miguel",
    "Rita",
    "Tiago",
    "Beatriz",
    "Rui",
    "Marta",
    "Nuno",
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Hugo",
    "Lea",
    "Paul",
    "Nora",
    "Felix",
    "Clara",
    "Omar",
    "Yara",
    "Ivan",
    "Zoe",
]
LAST = [
    "Costa",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Martins",
    "Sousa",
    "Fernandes",
    "Gomes",
    "Lopes",
    "Marques",
    "Almeida",
    "Ribeiro",
    "Pinto",
    "Carvalho",
    "Teixeira",
    "Moreau",
    "Schmidt",
    "Novak",
    "Kowalski",
    "Jensen",
    "Dubois",
    "Rossi",
    "Müller",
    "Haddad",
    "Nakamura",
    "Okafor",
    "Silva",
    "Byrne",
    "Larsen",
]


DEMO_USER = "demo-admin"


class DemoRefusedError(ValidationError):
    """The database is not empty."""


def load_demo_clinic(
    database: Database,
    *,
    today: date | None = None,
    timezone: str = "Europe/Lisbon",
    seed: int = 7,
    now: datetime | None = None,
) -> int:
    """Fill an empty database with the demo clinic; returns the number of appointments.

    ``now`` (default: the clock) decides what is past; ``today`` (default: now's day)
    is the middle of the two weeks.
    """
    identity = ensure_identity(database, clinic_name="Riverside Clinic", timezone=timezone)
    with database.read_sessions() as session:
        if directory_rows.appointment_count(session):
            raise DemoRefusedError(
                "This database already holds appointments; the demo clinic goes into an "
                "empty one. Choose another database with --database."
            )
    tz = zone(identity.timezone)
    rng = random.Random(seed)
    moment = now or datetime.now(tz)
    today = today or moment.astimezone(tz).date()
    actor = single_user_admin(database, identity.organization_id, DEMO_USER)
    setup_ctx = ServiceContext(database, identity.organization_id, tz, clock=lambda: moment)
    setup_ctx.desk.become(actor)
    directory = DirectoryService(setup_ctx)
    profs = [directory.add_professional(actor, n, t, c).id for n, t, c in PROFESSIONALS]
    types = [directory.add_service(actor, n, m, Decimal(p), c) for n, m, p, c in SERVICES]
    rooms = ResourceService(setup_ctx)
    for name, category in ROOMS:
        rooms.add(actor, ResourceDetails(name, category))
    for service in types:
        if service.name in NEEDS:
            rooms.set_needs(actor, service.id, [(NEEDS[service.name], 1)])
    if today.weekday() >= 5:  # the weekend morning on duty is opening time too
        settings = ClinicSettingsService(setup_ctx)
        hours = settings.current().opening_hours
        duty = OpeningRange(today.weekday(), time(9), time(13))
        settings.save(actor, replace(settings.current(), opening_hours=(*hours, duty)))
    clients = []
    for i in range(200):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"+44 7700 900{i:03d}"  # Ofcom's numbers for fiction: nobody's phone
        email = _ascii(f"{first.lower()}.{last.lower()}{i}@example.invalid")
        clients.append(directory.add_client(actor, f"{first} {last}", phone, email).id)

    booked: list[AppointmentView] = []
    for offset in range(-7, 8):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5 and day != today:
            continue
        who: list[int | None] = [*profs, None, None]
        opens, closes = time(8, 30), time(18, 30)
        if day.weekday() >= 5:  # a weekend morning on duty
            who, opens, closes = list(profs[:2]), time(9), time(13)
        for prof in who:
            cursor = datetime.combine(day, opens, tzinfo=tz)
            closing = datetime.combine(day, closes, tzinfo=tz)
            while True:
                cursor += timedelta(minutes=rng.choice((0, 0, 15, 30, 60)))
                service = rng.choice(types)
                end = cursor + timedelta(minutes=service.duration_minutes)
                if end > closing:
                    break
                made = _book(setup_ctx, actor, cursor, end, prof, service.id, rng.choice(clients))
                if made is not None:
                    booked.append(made)
                cursor = end if prof is not None else end + timedelta(hours=rng.randint(1, 4))
    arrived = _arrived(booked, today, moment, tz)
    for appt in booked:
        if appt is arrived:
            _check_in(setup_ctx, actor, appt)
        else:
            _age(setup_ctx, actor, appt, rng)
    _withdraw_messages(setup_ctx, actor)
    return len(booked)


def _arrived(
    booked: list[AppointmentView], today: date, now: datetime, tz: ZoneInfo
) -> AppointmentView | None:
    """Today's appointment shown as checked in: the last one to have started, else the
    first one to come (so the status shows whatever the time the demo is made)."""
    todays = [
        a
        for a in booked
        if a.professional_id is not None and a.start.astimezone(tz).date() == today
    ]
    started = [a for a in todays if a.start <= now]
    if started:
        return max(started, key=lambda a: a.start)
    return min(todays, key=lambda a: a.start, default=None)


def _check_in(ctx: ServiceContext, actor: int, appt: AppointmentView) -> None:
    life = _life(ctx, min(ctx.now(), appt.start))
    version = life.confirm(actor, appt.id, appt.version).version
    _life(ctx, ctx.now()).check_in(actor, appt.id, version)


def _withdraw_messages(ctx: ServiceContext, actor: int) -> None:
    """Withdraw the e-mails and SMS the made-up history queued (the desk's own
    reminders stay: they reach nobody outside)."""
    DeliveryService(ctx).withdraw_outgoing(actor)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _at(ctx: ServiceContext, moment: datetime) -> ServiceContext:
    return replace(ctx, clock=lambda: moment)


def _book(
    ctx: ServiceContext,
    actor: int,
    start: datetime,
    end: datetime,
    prof: int | None,
    type_id: int,
    client: int,
) -> AppointmentView | None:
    request = BookingRequest(
        start=start,
        end=end,
        client_id=client,
        professional_id=prof,
        service_id=type_id,
        confirmed=False,
    )
    try:
        return BookingService(_at(ctx, start - timedelta(days=10))).book(actor, request)
    except ConflictError:
        return None  # an unassigned one that would not fit: the desk would be refused too


def _age(ctx: ServiceContext, actor: int, appt: AppointmentView, rng: random.Random) -> None:
    """Walk the appointment through the statuses its time calls for."""
    now = ctx.now()
    roll = rng.random()
    if appt.end <= now:
        if appt.professional_id is None:
            _life(ctx, appt.start).cancel(actor, appt.id, appt.version, "Client rescheduled")
            return
        if roll < 0.08:
            _life(ctx, appt.start + timedelta(minutes=15)).mark_no_show(
                actor, appt.id, appt.version
            )
        elif roll < 0.18:
            _life(ctx, appt.start - timedelta(days=1)).cancel(
                actor, appt.id, appt.version, "Client called to cancel"
            )
        else:
            life = _life(ctx, appt.start - timedelta(minutes=5))
            v = life.confirm(actor, appt.id, appt.version).version
            v = life.check_in(actor, appt.id, v).version
            _life(ctx, appt.end).complete(actor, appt.id, v, rating=rng.choice((4, 5, 5)))
    elif appt.start <= now:
        if appt.professional_id is not None:
            life = _life(ctx, appt.start)
            v = life.confirm(actor, appt.id, appt.version).version
            life.check_in(actor, appt.id, v)
    elif appt.professional_id is not None and roll < 0.6:
        _life(ctx, now).confirm(actor, appt.id, appt.version)
    elif roll > 0.93:
        _life(ctx, now).cancel(actor, appt.id, appt.version, "Clinic closed that afternoon")


def _life(ctx: ServiceContext, moment: datetime) -> LifecycleService:
    return LifecycleService(_at(ctx, moment))
