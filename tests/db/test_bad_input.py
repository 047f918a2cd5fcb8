"""Bad input gets the project's own errors, the same on both databases, and writes nothing.

First the edge values found by fuzzing (each its own case), then a hypothesis fuzz
of every public method of every service: whatever it is given, it answers or
refuses with a `SchedulerError`; a refusal leaves the database as it was.
"""

from __future__ import annotations

import inspect
import os
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from scheduler_app.domain.notifications import Channel, NotificationKind, NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.booking import KEEP
from scheduler_app.services.delivery import Job
from scheduler_app.services.details import EDITABLE
from scheduler_app.services.dto import (
    BookingRequest,
    ClientDetails,
    ClinicSettings,
    MoveRequest,
    OpeningRange,
    ProfessionalDetails,
    ServiceDetails,
)
from tests.conftest import Clinic

COUNTED = (
    "appointment",
    "audit_entry",
    "notification",
    "client",
    "professional",
    "service",
    "organization",
    "message_template",
    "conflict",
    "opening_hours",
)


def fingerprint(clinic: Clinic) -> tuple[Any, ...]:
    """What a refused change must leave untouched."""
    counts = ", ".join(f"(SELECT count(*) FROM {t})" for t in COUNTED)
    with clinic.services.database.engine.connect() as conn:
        row = conn.execute(
            text(
                f"SELECT {counts}, (SELECT coalesce(sum(version), 0) FROM appointment), "
                "(SELECT coalesce(sum(length(name)), 0) FROM organization)"
            )
        ).one()
    return tuple(row)


@pytest.fixture
def busy(clinic: Clinic) -> Clinic:
    """A clinic with someone to book, a client, a service and an appointment."""
    (prof,) = clinic.professionals("Dr Silva")
    client = clinic.client("Joana Costa")
    clinic.directory.add_service(clinic.admin, "Consultation", 30)
    clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 10), end=clinic.at(3, 11), professional_id=prof, client_id=client
        ),
    )
    return clinic


EDGE_CASES: list[tuple[str, Callable[[Clinic], object], str]] = [
    (
        "an unpaired surrogate in a title",
        lambda c: c.booking.book(c.admin, BookingRequest(start=c.at(3, 12), title="x\ud800")),
        "Title contains characters that cannot be stored",
    ),
    (
        "an unpaired surrogate in a client's name",
        lambda c: c.directory.add_client(c.admin, "Ana \udcff"),
        "Name contains characters that cannot be stored",
    ),
    (
        "a NUL character in notes",
        lambda c: c.booking.book(c.admin, BookingRequest(start=c.at(3, 12), description="a\x00b")),
        "Description contains a NUL character",
    ),
    (
        "a title longer than its column",
        lambda c: c.booking.book(c.admin, BookingRequest(start=c.at(3, 12), title="x" * 201)),
        "Title is too long",
    ),
    (
        "an over-long e-mail address",
        lambda c: c.directory.add_client(c.admin, "Ana", email="a" * 250 + "@b.pt"),
        "Email is too long",
    ),
    (
        "a naive time to read a period",
        lambda c: c.booking.appointments_between(datetime(2026, 3, 3), datetime(2026, 3, 4)),
        "Start has no time zone",
    ),
    (
        "a booking in the year 9999",
        lambda c: c.booking.book(
            c.admin, BookingRequest(start=datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
        ),
        "must be between 1900 and 2199",
    ),
    (
        "a move to the year 9999",
        lambda c: c.booking.move(c.admin, 1, 1, datetime(9999, 12, 31, 23, 0, tzinfo=UTC)),
        "must be between 1900 and 2199",
    ),
    (
        "an appointment number beyond 2^63",
        lambda c: c.booking.get(2**63),
        "There is no appointment with that number",
    ),
    (
        "an appointment number beyond 2^31",
        lambda c: c.lifecycle.cancel(c.admin, 2**31, 1),
        "There is no appointment with that number",
    ),
    (
        "a desk account number beyond 2^31",
        lambda c: c.booking.book(2**31, BookingRequest(start=c.at(3, 12))),
        "There is no actor with that number",
    ),
    (
        "a professional number beyond 2^63 in a request",
        lambda c: c.booking.book(c.admin, BookingRequest(start=c.at(3, 12), professional_id=2**63)),
        "There is no professional with that number",
    ),
    (
        "an over-long search",
        lambda c: c.directory.find_clients("x" * 5000),
        "Text is too long",
    ),
]


@pytest.mark.parametrize("case", EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_edge_values_are_refused_plainly_and_write_nothing(
    busy: Clinic, case: tuple[str, Callable[[Clinic], object], str]
) -> None:
    _what, call, message = case
    before = fingerprint(busy)
    with pytest.raises(ValidationError, match=message):
        call(busy)
    assert fingerprint(busy) == before


# -- the fuzz ----------------------------------------------------------------

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
IDS = st.one_of(
    st.integers(0, 4),
    st.sampled_from([-1, 2**31 - 1, 2**31, 2**63, -(2**63), 10**20]),
)
TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "\ud800", "a\x00b", "x" * 250, "x" * 20_000, "Joana", "#3366cc"]),
)
MOMENTS = st.one_of(
    st.integers(-3 * 24 * 60, 30 * 24 * 60).map(lambda m: NOW + timedelta(minutes=m)),
    st.datetimes(min_value=datetime(2026, 3, 1), max_value=datetime(2026, 4, 1)),  # naive
    st.sampled_from(
        [
            datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
            datetime(1, 1, 1, tzinfo=UTC),
            NOW + timedelta(seconds=30),
        ]
    ),
)
MONEY = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True), st.sampled_from([Decimal("1e30")])
)
BOOKINGS = st.builds(
    BookingRequest,
    start=MOMENTS,
    end=st.one_of(st.none(), MOMENTS),
    client_id=st.one_of(st.none(), IDS),
    professional_id=st.one_of(st.none(), IDS),
    service_id=st.one_of(st.none(), IDS),
    title=TEXTS,
    description=TEXTS,
    priority=st.sampled_from(["normal", "urgent", "bogus"]),
    estimated_cost=st.one_of(st.none(), MONEY),
)
MOVES = st.builds(
    MoveRequest,
    appointment_id=IDS,
    version=IDS,
    start=MOMENTS,
    end=MOMENTS,
    professional_id=st.one_of(st.none(), IDS),
)
CHANGES = st.dictionaries(
    st.sampled_from(sorted(EDITABLE)),
    st.one_of(TEXTS, IDS, MONEY, st.booleans(), st.none()),
    max_size=3,
)
JOBS = st.builds(
    Job,
    id=IDS,
    kind=st.sampled_from(list(NotificationKind)),
    channel=st.sampled_from(list(Channel)),
    recipient=TEXTS,
    subject=TEXTS,
    message=TEXTS,
    appointment_id=st.one_of(st.none(), IDS),
    attempts=IDS,
)

MINUTES = st.lists(st.one_of(st.integers(-10, 50_000), IDS), max_size=3).map(tuple)
SERVICES = st.builds(
    ServiceDetails,
    name=TEXTS,
    duration_minutes=IDS | st.integers(-5, 800),
    price=MONEY,
    currency=TEXTS | st.sampled_from(["EUR", "eu", "€€€"]),
    color=TEXTS,
    reminder_minutes=MINUTES,
    is_active=st.booleans(),
)
PEOPLE = st.builds(ProfessionalDetails, name=TEXTS, title=TEXTS, color=TEXTS)
CLIENTS = st.builds(
    ClientDetails,
    name=TEXTS,
    phone=TEXTS,
    email=TEXTS,
    date_of_birth=st.one_of(st.none(), st.dates()),
    notes=TEXTS,
    preferred_channel=st.sampled_from(["email", "sms", "pigeon"]) | TEXTS,
    reminder_consent=st.booleans(),
)
HOURS = st.builds(
    OpeningRange, weekday=IDS | st.integers(-1, 8), opens=st.times(), closes=st.times()
)
SETTINGS = st.builds(
    ClinicSettings,
    name=TEXTS,
    timezone=TEXTS | st.sampled_from(["Europe/Lisbon", "America/New_York", "Mars/Olympus"]),
    slot_minutes=IDS | st.sampled_from([5, 15, 7]),
    default_duration_minutes=IDS | st.integers(-5, 800),
    currency=TEXTS | st.just("USD"),
    opening_hours=st.lists(HOURS, max_size=4).map(tuple),
    reminder_minutes=MINUTES,
)

BY_TYPE: dict[Any, st.SearchStrategy[Any]] = {
    int: IDS,
    str: TEXTS,
    bool: st.booleans(),
    datetime: MOMENTS,
    date: st.dates(),
    time: st.times(),
    Decimal: MONEY,
    BookingRequest: BOOKINGS,
    list[MoveRequest]: st.lists(MOVES, max_size=3),
    Mapping[str, Any]: CHANGES,
    Mapping[str, object]: CHANGES,
    AppointmentStatus: st.sampled_from(list(AppointmentStatus)),
    NotificationStatus: st.sampled_from(list(NotificationStatus)),
    Job: JOBS,
    tuple[int, ...]: MINUTES,
    list[int]: st.lists(IDS, max_size=4),
    ServiceDetails: SERVICES,
    ProfessionalDetails: PEOPLE,
    ClientDetails: CLIENTS,
    ClinicSettings: SETTINGS,
}


def strategy(annotation: Any) -> st.SearchStrategy[Any]:
    if annotation in BY_TYPE:
        return BY_TYPE[annotation]
    options = typing.get_args(annotation)
    if options:  # a union: any of its members (KEEP for "leave the professional")
        return st.one_of(
            *(
                st.none()
                if option is type(None)
                else st.just(KEEP)
                if getattr(option, "__name__", "") == "_Keep"
                else strategy(option)
                for option in options
            )
        )
    raise AssertionError(f"no strategy for {annotation!r}")


def public_methods(clinic: Clinic) -> list[tuple[str, Callable[..., Any]]]:
    from scheduler_app.services.delivery import DeliveryService

    services = {
        "booking": clinic.booking,
        "lifecycle": clinic.lifecycle,
        "directory": clinic.directory,
        "professionals": clinic.services.professionals,
        "conflicts": clinic.services.conflicts,
        "delivery": DeliveryService(clinic.services.context),
        "clients": clinic.services.clients,
        "client_record": clinic.services.client_record,
        "catalog": clinic.services.catalog,
        "settings": clinic.services.settings,
    }
    found = []
    for owner, service in services.items():
        for name, member in inspect.getmembers(service, inspect.ismethod):
            if not name.startswith("_"):
                found.append((f"{owner}.{name}", member))
    return found


def arguments(method: Callable[..., Any]) -> st.SearchStrategy[dict[str, Any]]:
    target = inspect.unwrap(method)
    hints = typing.get_type_hints(target)
    fields = {}
    for name, parameter in inspect.signature(target).parameters.items():
        if name == "self":
            continue
        drawn = strategy(hints[name])
        if parameter.default is not inspect.Parameter.empty:
            drawn = st.one_of(st.just(parameter.default), drawn)
        fields[name] = drawn
    return st.fixed_dictionaries(fields)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_service_method_answers_or_refuses_plainly(busy: Clinic, data: st.DataObject) -> None:
    methods = public_methods(busy)
    name, method = data.draw(st.sampled_from(methods), label="method")
    kwargs = data.draw(arguments(method), label="arguments")
    before = fingerprint(busy)
    try:
        method(**kwargs)
    except SchedulerError:
        assert fingerprint(busy) == before, f"{name} wrote something and then refused"


def test_the_fuzz_reaches_every_public_method(busy: Clinic) -> None:
    names = [name for name, _method in public_methods(busy)]
    assert len(names) >= 40
    for _name, method in public_methods(busy):
        arguments(method)  # every parameter has a strategy


def test_a_statement_the_database_should_never_get_is_a_bug_not_unreachable(
    pg_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two tiers: were bad input to slip past the services' checks, the database's
    refusal is a bug (raised as such, for the crash dialog and the log), never shown
    as "Database unreachable", and its raw text never becomes a desk's message."""
    from sqlalchemy.exc import DBAPIError

    from scheduler_app.errors import DatabaseUnavailableError
    from scheduler_app.services import guard

    monkeypatch.setattr(guard, "check_value", lambda _name, _value: None)  # the door left open
    with pytest.raises(DBAPIError) as caught:
        pg_clinic.directory.add_client(pg_clinic.admin, "Nul\x00 Byte")
    assert not isinstance(caught.value, SchedulerError | DatabaseUnavailableError)
    assert pg_clinic.directory.find_clients("Byte") == []
