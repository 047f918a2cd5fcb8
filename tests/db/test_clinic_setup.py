"""Setting a clinic up through the services, on both databases: settings, services,
professionals and clients, each refusal naming its field and writing nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.db.models import Role
from scheduler_app.domain.palette import distance, lab
from scheduler_app.errors import PermissionDeniedError, ValidationError
from scheduler_app.services.dto import (
    BookingRequest,
    ClientDetails,
    OpeningRange,
    ProfessionalDetails,
    ServiceDetails,
)
from tests.conftest import Clinic, make_clinic


@pytest.fixture
def clinic(database: Database) -> Clinic:
    """A new clinic as it is created: open Monday to Friday, 08:00-19:00."""
    return make_clinic(database, around_the_clock=False)


def _refused(field: str, call: object) -> ValidationError:
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value


# -- settings -------------------------------------------------------------------


def test_settings_are_saved_with_several_ranges_a_day(clinic: Clinic) -> None:
    settings = clinic.services.settings
    first = settings.current()
    assert first.name == "Test clinic" and first.reminder_minutes == (1440, 120)
    assert {r.weekday for r in first.opening_hours} == {0, 1, 2, 3, 4}  # a new clinic
    hours = (
        OpeningRange(0, time(14), time(19)),
        OpeningRange(0, time(9), time(13)),
        OpeningRange(5, time(8, 30), time(12)),
    )
    saved = settings.save(
        clinic.admin,
        replace(
            first,
            name="  Clínica Sol ",
            slot_minutes=30,
            default_duration_minutes=45,
            currency="usd",
            opening_hours=hours,
            reminder_minutes=(120, 2880),
        ),
    )
    assert saved.name == "Clínica Sol" and saved.currency == "USD"
    assert saved.opening_hours == (hours[1], hours[0], hours[2])  # by day, then time
    assert saved.reminder_minutes == (2880, 120)
    assert settings.current() == saved
    org = clinic.directory.organization()
    assert (org.opens_at, org.closes_at) == (time(8, 30), time(19))  # the calendar's shading
    assert (org.slot_minutes, org.default_duration_minutes) == (30, 45)
    assert org.reminder_minutes == "2880,120"  # as the outbox reads it


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"slot_minutes": 7}, "slot_minutes"),
        ({"default_duration_minutes": 0}, "default_duration_minutes"),
        ({"currency": "E1"}, "currency"),
        ({"currency": "EURO"}, "currency"),
        ({"reminder_minutes": (0,)}, "reminder_minutes"),
        (
            {
                "opening_hours": (
                    OpeningRange(2, time(9), time(13)),
                    OpeningRange(2, time(12), time(15)),
                )
            },
            "opening_hours.2",
        ),
        ({"opening_hours": (OpeningRange(1, time(13), time(9)),)}, "opening_hours.1"),
    ],
)
def test_a_refused_setting_names_its_field_and_nothing_changes(
    clinic: Clinic, change: dict[str, object], field: str
) -> None:
    settings = clinic.services.settings
    before = settings.current()
    _refused(field, lambda: settings.save(clinic.admin, replace(before, **change)))
    assert settings.current() == before


def test_only_managers_change_the_settings(clinic: Clinic) -> None:
    desk = clinic.add_staff("desk", Role.RECEPTION)
    manager = clinic.add_staff("boss", Role.MANAGER)
    settings = clinic.services.settings
    current = settings.current()
    clinic.sign_in(desk)
    with pytest.raises(PermissionDeniedError, match="manager or admin"):
        settings.save(desk, replace(current, name="Mine now"))
    with pytest.raises(PermissionDeniedError):
        clinic.services.catalog.add(desk, ServiceDetails("X", 30, Decimal(0), "EUR", "#3366cc"))
    with pytest.raises(PermissionDeniedError):
        clinic.directory.add_professional(desk, "Dr X")
    managed = settings.save(clinic.sign_in(manager), replace(current, name="Managed"))
    assert managed.name == "Managed"
    walk_in = clinic.services.clients.add(clinic.sign_in(desk), ClientDetails("Walk In"))
    assert walk_in.name == "Walk In"


def test_a_new_time_zone_keeps_every_instant(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Ana Silva")
    booked = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 10), professional_id=prof)
    )
    settings = clinic.services.settings
    change = settings.zone_change()
    assert (change.upcoming, change.first_start) == (1, clinic.at(3, 10))
    settings.save(clinic.admin, replace(settings.current(), timezone="Europe/Berlin"))
    assert clinic.services.context.timezone.key == "Europe/Berlin"  # this desk, at once
    again = clinic.booking.get(booked.id)
    assert again.start == booked.start  # the same instant ...
    assert again.start.astimezone(clinic.services.context.timezone).hour == 11  # ... shown later


def test_a_new_clinic_is_offered_the_set_up_once(clinic: Clinic) -> None:
    settings = clinic.services.settings
    assert settings.needs_setup()
    clinic.professionals("Dr Ana Silva")
    assert not settings.needs_setup()  # set up by hand already


def test_finishing_the_set_up_is_remembered(clinic: Clinic) -> None:
    settings = clinic.services.settings
    settings.finish_setup(clinic.admin)
    assert not settings.needs_setup()


# -- services ---------------------------------------------------------------------


def _service(name: str, minutes: int = 30, **more: object) -> ServiceDetails:
    values: dict[str, object] = {"price": Decimal("45"), "currency": "EUR", "color": "#3366cc"}
    values.update(more)
    return ServiceDetails(name, minutes, **values)  # type: ignore[arg-type]


def test_services_are_added_edited_reordered_and_retired(clinic: Clinic) -> None:
    catalog = clinic.services.catalog
    first = catalog.add(clinic.admin, _service("Consultation", reminder_minutes=(60, 1440)))
    second = catalog.add(clinic.admin, _service("First visit", 60, price=Decimal("80.5")))
    third = catalog.add(clinic.admin, _service("Follow-up", 20))
    assert first.reminder_minutes == (1440, 60) and second.price == Decimal("80.50")
    assert [s.name for s in clinic.directory.services()] == [
        "Consultation",
        "First visit",
        "Follow-up",
    ]
    catalog.reorder(clinic.admin, [third.id, first.id, second.id])
    assert [s.id for s in clinic.directory.services()] == [third.id, first.id, second.id]
    edited = catalog.update(clinic.admin, first.id, _service("Consultation (GP)", 25))
    assert (edited.name, edited.duration_minutes, edited.reminder_minutes) == (
        "Consultation (GP)",
        25,
        (),
    )
    (prof,) = clinic.professionals("Dr Ana Silva")
    past = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(2, 10), professional_id=prof, service_id=third.id),
    )
    catalog.set_active(clinic.admin, third.id, False)
    assert third.id not in [s.id for s in clinic.directory.services()]
    assert catalog.services(include_retired=True)[0].id == third.id
    assert clinic.booking.get(past.id).service_name == "Follow-up"  # kept where it was
    with pytest.raises(ValidationError, match="no longer offered"):
        clinic.booking.book(
            clinic.admin, BookingRequest(start=clinic.at(2, 12), service_id=third.id)
        )
    catalog.set_active(clinic.admin, third.id, True)
    assert third.id in [s.id for s in clinic.directory.services()]


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (_service(""), "name"),
        (_service("X", 0), "duration_minutes"),
        (_service("X", 721), "duration_minutes"),
        (_service("X", price=Decimal("-1")), "price"),
        (_service("X", price=Decimal("1e12")), "price"),
        (_service("X", currency="€"), "currency"),
        (_service("X", color="blue"), "color"),
        (_service("X", reminder_minutes=(50_000,)), "reminder_minutes"),
    ],
)
def test_a_refused_service_names_its_field(
    clinic: Clinic, details: ServiceDetails, field: str
) -> None:
    _refused(field, lambda: clinic.services.catalog.add(clinic.admin, details))
    assert clinic.services.catalog.services(include_retired=True) == []


def test_a_reorder_of_a_list_that_changed_meanwhile_is_refused(clinic: Clinic) -> None:
    catalog = clinic.services.catalog
    a = catalog.add(clinic.admin, _service("A"))
    catalog.add(clinic.admin, _service("B"))  # another desk, meanwhile
    _refused("order", lambda: catalog.reorder(clinic.admin, [a.id]))


# -- professionals ----------------------------------------------------------------


def test_professionals_get_colours_apart_past_six(clinic: Clinic) -> None:
    ids = clinic.professionals(*(f"Dr {n}" for n in "ABCDEFGHIJKL"))
    colours = [p.color for p in clinic.directory.professionals()]
    assert len(ids) == 12 and len(set(colours)) == 12
    closest = min(distance(lab(a), lab(b)) for i, a in enumerate(colours) for b in colours[i + 1 :])
    assert closest > 20


def test_professionals_are_edited_and_reordered(clinic: Clinic) -> None:
    ana, tom = clinic.professionals("Dr Ana Silva", "Tom Becker")
    directory = clinic.directory
    edited = directory.update_professional(
        clinic.admin, ana, ProfessionalDetails("Dr Ana Silva Costa", "Cardiology", "#AA3355")
    )
    assert (edited.name, edited.title, edited.color) == (
        "Dr Ana Silva Costa",
        "Cardiology",
        "#aa3355",
    )
    directory.reorder_professionals(clinic.admin, [tom, ana])
    assert [p.id for p in directory.professionals()] == [tom, ana]
    _refused(
        "name", lambda: directory.update_professional(clinic.admin, ana, ProfessionalDetails(" "))
    )
    _refused(
        "color",
        lambda: directory.update_professional(
            clinic.admin, ana, ProfessionalDetails("Ana", color="red")
        ),
    )
    assert directory.professionals()[1].name == "Dr Ana Silva Costa"


# -- clients ----------------------------------------------------------------------


def test_a_client_is_kept_with_every_detail_and_edited(clinic: Clinic) -> None:
    clients = clinic.services.clients
    added = clients.add(
        clinic.admin,
        ClientDetails(
            "João Gonçalves",
            "+351 912 345 678",
            "joao@example.org",
            date(1980, 5, 17),
            "Prefers mornings",
            "sms",
            False,
        ),
    )
    assert clients.get(added.id) == added
    assert (added.date_of_birth, added.preferred_channel, added.reminder_consent) == (
        date(1980, 5, 17),
        "sms",
        False,
    )
    changed = clients.update(
        clinic.admin, added.id, ClientDetails("João Gonçalves", email="jg@example.org")
    )
    assert (changed.phone, changed.email, changed.date_of_birth) == ("", "jg@example.org", None)
    assert [c.id for c in clients.find("jg@")] == [added.id]
    assert clients.find("912 345") == []  # the old number is no longer his


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ClientDetails(""), "name"),
        (ClientDetails("Ana", phone="call me"), "phone"),
        (ClientDetails("Ana", email="ana@"), "email"),
        (ClientDetails("Ana", date_of_birth=date(2030, 1, 1)), "date_of_birth"),
        (ClientDetails("Ana", preferred_channel="pigeon"), "preferred_channel"),
        (ClientDetails("Ana", email="a" * 250 + "@b.pt"), "email"),
    ],
)
def test_a_refused_client_names_its_field(
    clinic: Clinic, details: ClientDetails, field: str
) -> None:
    _refused(field, lambda: clinic.services.clients.add(clinic.admin, details))
    assert clinic.services.clients.find("") == []


def test_clients_are_found_as_the_desk_types(clinic: Clinic) -> None:
    clients = clinic.services.clients
    for name, phone, email in (
        ("João Gonçalves", "+351 912 345 678", "joao@example.org"),
        ("Ana Silva", "+351 933 000 111", "ana.silva@example.org"),
        ("Silvana Costa", "", "silvana@example.org"),
        ("Rui_Santos 100%", "", ""),
    ):
        clients.add(clinic.admin, ClientDetails(name, phone, email))

    def names(text: str, **more: bool) -> list[str]:
        return [c.name for c in clients.find(text, **more)]

    assert names("goncalves") == ["João Gonçalves"]  # without accents
    assert names("JOÃO") == ["João Gonçalves"]
    assert names("912 345") == ["João Gonçalves"]  # a phone, typed with spaces
    assert names("345678") == ["João Gonçalves"]  # any part of it
    assert names("silva") == ["Ana Silva", "Silvana Costa"]  # anywhere, by name
    assert names("costa silv") == ["Silvana Costa"]  # every word
    assert names("si") == ["Silvana Costa"]  # one or two letters: the start of the name
    assert names("100%") == ["Rui_Santos 100%"] and names("i_s") == ["Rui_Santos 100%"]
    assert names("") == ["Ana Silva", "João Gonçalves", "Rui_Santos 100%", "Silvana Costa"]
    ana = clients.find("ana.silva")[0]
    clients.set_archived(clinic.admin, ana.id, True)
    assert names("silva") == ["Silvana Costa"]  # archived: not offered
    assert names("silva", archived=True) == ["Ana Silva", "Silvana Costa"]
    with pytest.raises(ValidationError, match="archived"):
        clinic.booking.book(clinic.admin, BookingRequest(start=clinic.at(2, 10), client_id=ana.id))
    clients.set_archived(clinic.admin, ana.id, False)
    assert names("silva") == ["Ana Silva", "Silvana Costa"]


def test_a_clients_history_counts_no_shows_and_late_cancellations(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Ana Silva")
    who = clinic.client("Joana Costa")
    life = clinic.lifecycle

    def book(day: int, hour: int) -> tuple[int, int]:
        appt = clinic.booking.book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(day, hour),
                end=clinic.at(day, hour, 30),
                professional_id=prof,
                client_id=who,
            ),
        )
        return appt.id, appt.version

    missed = book(2, 9)
    early, late, after_start, undone = book(5, 10), book(3, 9), book(2, 11), book(3, 10)
    life.cancel(clinic.admin, *early, reason="Travelling")  # three days ahead: in time
    clinic.clock.now = clinic.at(2, 11, 30)
    life.cancel(clinic.admin, *after_start)  # after it started: late
    clinic.clock.now = clinic.at(2, 12)
    life.mark_no_show(clinic.admin, *missed)
    life.cancel(clinic.admin, *late, reason="Ill")  # 21 hours ahead: late
    life.undo_booking(clinic.admin, *undone)  # the desk's mistake, not the client's
    history = clinic.services.clients.history(who)
    assert (history.total, history.no_shows, history.late_cancellations) == (5, 1, 2)
    assert [a.start for a in history.appointments][:2] == [clinic.at(5, 10), clinic.at(3, 10)]
    assert clinic.services.clients.history(who, limit=2).total == 5
