"""Two-way sync of a professional's calendar with a real CalDAV server (Radicale on
localhost), on both databases: what goes out, what comes in, and how failures and
two desks at once are handled."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from scheduler_app.db.calendar_models import CalendarIntegration
from scheduler_app.db.engine import open_database
from scheduler_app.errors import ConflictError
from scheduler_app.services.bundle import build_services
from scheduler_app.services.caldav_client import store_calendar_password
from scheduler_app.services.calendar_dto import IntegrationSettings, IntegrationView
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic, signed_in
from tests.db.caldav_server import PASSWORD, USER, CalDavServer, event_ics
from tests.db.fault_proxy import FaultProxy
from tests.memory_keyring import MemoryKeyring

WORKER = "desk-1"


def connect(
    clinic: Clinic, url: str, professional: int, *, names: bool = False, password: str = PASSWORD
) -> IntegrationView:
    store_calendar_password(USER, url, password)
    return clinic.services.calendars.save_integration(
        clinic.admin,
        None,
        IntegrationSettings(
            professional, url, USER, "Radicale", frequency_minutes=15, with_client_names=names
        ),
    )


def book(clinic: Clinic, day: int, hour: int, prof: int, client: int) -> AppointmentView:
    return clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(day, hour),
            end=clinic.at(day, hour + 1),
            professional_id=prof,
            client_id=client,
        ),
    )


@pytest.fixture
def calendar(clinic: Clinic, caldav_server: CalDavServer, memory_keyring: MemoryKeyring) -> str:
    return caldav_server.make_calendar("Silva")


def test_only_busy_time_goes_out_unless_names_are_asked_for(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    appt = book(clinic, 3, 10, silva, clinic.client("Joana Costa"))
    integration = connect(clinic, calendar, silva)
    calendars = clinic.services.calendars

    result = calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert result.status == "ok"
    assert result.text.startswith("Synced: 1 appointment sent, 0 updated, 0 removed")
    on_server = caldav_server.events(calendar)
    clinic_id = clinic.services.exports.ics(clinic.at(3, 0), clinic.at(4, 0)).decode()
    (uid,) = on_server
    assert uid == f"appointment-{appt.id}." + uid.split(".", 1)[1] and uid in clinic_id
    text = on_server[uid].to_ical().decode()
    assert "SUMMARY:Busy" in text and "Joana" not in text and "+351" not in text
    (event,) = on_server[uid].walk("VEVENT")
    assert event.decoded("dtstart") == clinic.at(3, 10)

    again = calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert again.text.startswith("Synced: 0 appointments sent, 0 updated, 0 removed")

    calendars.save_integration(
        clinic.admin,
        integration.id,
        IntegrationSettings(silva, calendar, USER, "Radicale", with_client_names=True),
    )
    named = calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert named.text.startswith("Synced: 0 appointments sent, 1 updated")
    assert "Joana Costa" in caldav_server.events(calendar)[uid].to_ical().decode()
    (view,) = calendars.integrations()
    assert (view.status, view.retries, view.last_sync_at) == ("ok", 0, clinic.clock.now)
    assert view.next_sync_at == clinic.clock.now + timedelta(minutes=15)


def test_moves_cancellations_and_reassignments_reach_the_calendar(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    client = clinic.client()
    moved = book(clinic, 3, 9, silva, client)
    cancelled = book(clinic, 3, 12, silva, client)
    given_away = book(clinic, 3, 15, silva, client)
    integration = connect(clinic, calendar, silva)
    calendars = clinic.services.calendars
    calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert len(caldav_server.events(calendar)) == 3

    clinic.booking.move(clinic.admin, moved.id, moved.version, clinic.at(4, 11))
    clinic.lifecycle.cancel(clinic.admin, cancelled.id, cancelled.version, "ill")
    clinic.booking.assign(clinic.admin, given_away.id, given_away.version, becker)
    result = calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert result.text.startswith("Synced: 0 appointments sent, 1 updated, 2 removed")
    (left,) = caldav_server.events(calendar).values()
    (event,) = left.walk("VEVENT")
    assert str(event["uid"]).startswith(f"appointment-{moved.id}.")
    assert event.decoded("dtstart") == clinic.at(4, 11)


def test_a_busy_event_in_their_calendar_blocks_the_professional(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client()
    integration = connect(clinic, calendar, silva)
    caldav_server.add(
        calendar, event_ics("dentist@phone", clinic.at(3, 14), clinic.at(3, 15), "Dentist")
    )
    caldav_server.add(
        calendar,
        event_ics(
            "gym@phone", clinic.at(4, 8), clinic.at(4, 9), "Gym", "RRULE:FREQ=DAILY;COUNT=3\r\n"
        ),
    )
    caldav_server.add(
        calendar,
        event_ics(
            "free@phone", clinic.at(3, 16), clinic.at(3, 17), "Maybe", "TRANSP:TRANSPARENT\r\n"
        ),
    )
    caldav_server.add(
        calendar,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\n"
        "UID:congress@phone\r\nDTSTAMP:20260301T000000Z\r\nDTSTART;VALUE=DATE:20260310\r\n"
        "SUMMARY:Congress\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    result = clinic.services.calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert result.status == "ok"
    assert "5 busy times in the calendar (5 new, 0 gone)" in result.text

    expected = r"Dr Silva is busy in their calendar \(Radicale\) until Tue 03 Mar 15:00\."
    with pytest.raises(ConflictError, match=expected):
        book(clinic, 3, 14, silva, client)
    for day, hour in ((5, 8), (6, 8), (10, 12)):  # a repeat, and the all-day event
        with pytest.raises(ConflictError, match="busy in their calendar"):
            book(clinic, day, hour, silva, client)
    assert book(clinic, 3, 16, silva, client).professional_id == silva  # "free" is not busy
    assert book(clinic, 7, 8, silva, client).professional_id == silva  # after the repeats
    for uid in caldav_server.events(calendar):
        assert not uid.startswith("appointment-") or "@scheduler-app" in uid

    with caldav_server.client() as dav:
        dav.calendar(url=calendar).event_by_uid("dentist@phone").delete()
    clinic.clock.now += timedelta(minutes=1)
    gone = clinic.services.calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert "(0 new, 1 gone)" in gone.text
    assert book(clinic, 3, 14, silva, client).professional_id == silva
    # The phone's events were read, never changed: they are as the phone wrote them.
    events = caldav_server.events(calendar)
    assert str(events["gym@phone"].walk("VEVENT")[0]["summary"]) == "Gym"


def test_a_busy_event_over_an_appointment_keeps_the_time_and_records_a_conflict(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    appt = book(clinic, 3, 10, silva, clinic.client("Joana Costa"))
    integration = connect(clinic, calendar, silva)
    caldav_server.add(
        calendar, event_ics("meeting@phone", clinic.at(3, 10, 30), clinic.at(3, 12), "Board")
    )
    result = clinic.services.calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert result.status == "conflicts"
    assert "1 appointment clashes with Dr Silva's own calendar: set aside" in result.text
    (conflict,) = clinic.services.conflicts.unresolved()
    assert conflict.cause == "Dr Silva busy in their calendar (Radicale)"
    assert [a.id for a in conflict.appointments] == [appt.id]
    with pytest.raises(ConflictError, match="busy in their calendar"):
        book(clinic, 3, 11, silva, clinic.client("Rui Lopes"))
    (view,) = clinic.services.calendars.integrations()
    assert view.status == "conflicts" and "set aside as a conflict" in view.status_text
    # The appointment left the calendar with its professional.
    assert clinic.booking.get(appt.id).professional_id is None
    clinic.clock.now += timedelta(minutes=1)
    clinic.services.calendars.sync_now(clinic.admin, integration.id, WORKER)
    assert not [u for u in caldav_server.events(calendar) if u.startswith("appointment-")]


def test_wrong_password_and_server_down_are_told_and_tried_again(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    book(clinic, 3, 10, silva, clinic.client())
    proxy = FaultProxy("127.0.0.1", caldav_server.port)
    try:
        url = calendar.replace(f":{caldav_server.port}/", f":{proxy.port}/")
        integration = connect(clinic, url, silva, password="wrong")
        calendars = clinic.services.calendars
        start = clinic.clock.now
        (failed,) = calendars.sync_due(clinic.admin, WORKER)
        assert failed.status == "failed"
        assert failed.text == (
            f"The calendar server 127.0.0.1:{proxy.port} refused the user name or password. "
            "Check them in Clinic > Integrations. Failed once; next try at 07:01."
        )
        assert calendars.sync_due(clinic.admin, WORKER) == []  # not yet
        clinic.clock.now = start + timedelta(minutes=1)
        (again,) = calendars.sync_due(clinic.admin, WORKER)
        assert again.text.endswith("Failed 2 times in a row; next try at 07:03.")

        store_calendar_password(USER, url, PASSWORD)
        proxy.cut()
        clinic.clock.now = start + timedelta(minutes=3)
        (down,) = calendars.sync_due(clinic.admin, WORKER)
        assert down.text.startswith(f"The calendar server 127.0.0.1:{proxy.port} does not answer")
        assert "Traceback" not in down.text and "Errno" not in down.text
        (view,) = calendars.integrations()
        assert (view.status, view.retries) == ("failed", 3)
        assert view.next_sync_at == clinic.clock.now + timedelta(minutes=4)

        proxy.mend()
        clinic.clock.now = start + timedelta(minutes=7)
        (ok,) = calendars.sync_due(clinic.admin, WORKER)
        assert ok.status == "ok", ok.text
        (view,) = calendars.integrations()
        assert (view.status, view.retries, view.last_sync_at) == ("ok", 0, clinic.clock.now)
        assert len(caldav_server.events(calendar)) == 1
        assert integration.id == view.id
    finally:
        proxy.close()


def test_two_desks_never_sync_the_same_calendar_at_once(
    clinic: Clinic, caldav_server: CalDavServer, calendar: str
) -> None:
    """Two desks (services with engines of their own) sync at once; the calendar is
    slow (every chunk delayed), so the second asks while the first holds it."""
    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client()
    for day in (3, 4, 5):
        book(clinic, day, 10, silva, client)
    proxy = FaultProxy("127.0.0.1", caldav_server.port, delay_s=0.2)
    url = clinic.services.database.engine.url.render_as_string(hide_password=False)
    other = open_database(url)
    try:
        slow = calendar.replace(f":{caldav_server.port}/", f":{proxy.port}/")
        integration = connect(clinic, slow, silva)
        second = signed_in(build_services(other, clock=clinic.clock), "admin")
        results = {}

        def first_desk() -> None:
            results["first"] = clinic.services.calendars.sync_now(
                clinic.admin, integration.id, "desk-1"
            )

        thread = threading.Thread(target=first_desk)
        thread.start()
        deadline = threading.Event()
        for _ in range(400):  # until the first desk holds the calendar (at most 20 s)
            with other.read_sessions() as session:
                holder = session.scalar(
                    select(CalendarIntegration.claimed_by).where(
                        CalendarIntegration.id == integration.id
                    )
                )
            if holder == "desk-1":
                break
            deadline.wait(0.05)
        assert holder == "desk-1"
        results["second"] = second.calendars.sync_now(second.actor_id, integration.id, "desk-2")
        assert second.calendars.sync_due(second.actor_id, "desk-2") == []
        thread.join(60)
        assert results["second"].status == "busy"
        assert results["second"].text == "Another desk is syncing this calendar now; try later."
        assert results["first"].status == "ok"
        assert results["first"].text.startswith("Synced: 3 appointments sent")
        assert len(caldav_server.events(calendar)) == 3
    finally:
        other.dispose()
        proxy.close()
