"""Series in iCalendar files on both databases: a series exported as one repeating
event (RRULE, EXDATE for a cancelled date, RECURRENCE-ID for a moved one), read
back as a series booked the way a desk books one, and the round trip into a new
clinic giving the same appointments and the same series."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal

import pytest
from icalendar import Calendar

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.import_rows import ImportFileError
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.services.series_move import SeriesChange
from tests.conftest import Clinic
from tests.db.test_icalendar import clinic_id_of, new_clinic  # noqa: F401

S = AppointmentStatus
WEEKLY = "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6"
FORTNIGHTLY = "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20260528"
MONTHLY = "RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=4"


def fill(clinic: Clinic) -> dict[str, int]:
    """A single appointment and three series: weekly on Tuesdays (its 2nd date
    cancelled, its 4th moved to 11:30 with the other professional), every two
    weeks on Thursdays with a service, and monthly on the second Wednesday."""
    silva, becker = clinic.professionals("Dr Ana Silva", "Tom Becker")
    costa = clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    )
    reis = clinic.directory.add_client(clinic.admin, "Rui Reis", "", "rui@example.org")
    consult = clinic.directory.add_service(clinic.admin, "Consultation", 30, Decimal("45"))
    clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 9), professional_id=silva, client_id=costa.id, service_id=consult.id
        ),
    )
    series = clinic.services.series

    def book(rule: str, start: datetime, **kw: object) -> tuple[int, tuple[int, ...]]:
        request = SeriesRequest(rule=rule, first_start=start, **kw)  # type: ignore[arg-type]
        booked = series.book(clinic.admin, series.report(clinic.admin, request))
        return booked.series_id, booked.appointment_ids

    weekly, ids = book(
        WEEKLY, clinic.at(3, 10), professional_id=silva, client_id=costa.id, minutes=45
    )
    series.cancel(clinic.admin, ids[1], 1, SeriesScope.THIS, "Ill")
    change = SeriesChange(at=time(11, 30), professional_id=becker, reassign=True)
    series.change(clinic.admin, ids[3], 1, SeriesScope.THIS, change)
    fortnightly, _ids = book(
        FORTNIGHTLY,
        clinic.at(5, 14),
        professional_id=becker,
        client_id=reis.id,
        service_id=consult.id,
    )
    monthly, _ids = book(
        MONTHLY, clinic.at(11, 16), professional_id=silva, client_id=reis.id, minutes=60
    )
    return {"weekly": weekly, "fortnightly": fortnightly, "monthly": monthly}


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_series_goes_out_as_one_repeating_event(clinic: Clinic) -> None:
    made = fill(clinic)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    found = events(data)
    clinic_id = clinic_id_of(clinic)
    weekly = f"series-{made['weekly']}.{clinic_id}@scheduler-app"
    masters = [e for e in found if e.get("rrule") is not None]
    assert len(masters) == 3  # not one event per date
    assert len(found) == 1 + 3 + 1  # the single one, three series, one moved date
    master = next(e for e in masters if str(e["uid"]) == weekly)
    assert master["rrule"].to_ical() == b"FREQ=WEEKLY;COUNT=6;BYDAY=TU"
    assert master["dtstart"].params["TZID"] == "Europe/Lisbon"
    assert master.decoded("dtstart") == clinic.at(3, 10)
    assert [d.dt for d in master["exdate"].dts] == [clinic.at(10, 10)]  # the cancelled one
    moved = next(e for e in found if e.get("recurrence-id") is not None)
    assert str(moved["uid"]) == weekly
    assert moved.decoded("recurrence-id") == clinic.at(24, 10)
    assert moved.decoded("dtstart") == clinic.at(24, 11, 30).astimezone(UTC)
    assert str(moved["X-SCHEDULER-PROFESSIONAL"]) == "Tom Becker"
    fortnightly = next(
        e for e in masters if str(e["uid"]).startswith(f"series-{made['fortnightly']}")
    )
    assert fortnightly["rrule"].to_ical() == (
        b"FREQ=WEEKLY;UNTIL=20260528T225959Z;INTERVAL=2;BYDAY=TH"
    )
    monthly = next(e for e in masters if e["rrule"]["FREQ"] == ["MONTHLY"])
    assert monthly["rrule"].to_ical() == b"FREQ=MONTHLY;COUNT=4;BYDAY=2WE"
    assert b"BEGIN:VTIMEZONE" in data
    again = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    assert [str(e["uid"]) for e in events(again)] == [str(e["uid"]) for e in found]


def test_the_round_trip_gives_the_same_appointments_and_series(
    clinic: Clinic,
    new_clinic: Clinic,  # noqa: F811
) -> None:
    fill(clinic)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    rows = new_clinic.services.imports.ics_rows(data)
    assert [r.series is not None for r in rows] == [False, True, True, True]
    weekly = rows[1].series
    assert weekly is not None
    assert (weekly.occurrences, weekly.left_out, len(weekly.overrides)) == (5, 1, 1)
    outcome = new_clinic.services.imports.run(new_clinic.admin, rows, source="clinic.ics")
    assert outcome.committed and outcome.not_imported == ()
    assert outcome.booked == 1 + 5 + 7 + 4
    assert (outcome.professionals_added, outcome.clients_added) == (2, 2)

    def seen(c: Clinic) -> list[tuple[object, ...]]:
        found = c.booking.appointments_between(c.at(1, 0), c.at(1, 0, month=8))
        return [
            (a.start, a.end, a.client_name, a.professional_name, a.service_name)
            for a in found
            if a.status is not S.CANCELLED
        ]

    assert seen(new_clinic) == seen(clinic)
    assert len(seen(new_clinic)) == 17

    def series_of(c: Clinic) -> list[tuple[str, list[datetime]]]:
        found = c.booking.appointments_between(c.at(1, 0), c.at(1, 0, month=8))
        ids = sorted({a.series_id for a in found if a.series_id is not None})
        out = []
        for series_id in ids:
            info = c.services.series.info(series_id)
            starts = [start for _id, start, status in info.appointments if status != "cancelled"]
            out.append((info.rule.splitlines()[0], starts))
        return out

    assert series_of(new_clinic) == series_of(clinic)
    new_weekly = new_clinic.services.series.info(
        next(
            a.series_id
            for a in new_clinic.booking.appointments_between(
                new_clinic.at(3, 0), new_clinic.at(4, 0)
            )
            if a.series_id is not None
        )
        or 0
    )
    # The cancelled date is left out of the rule; the moved one stays in the series.
    assert new_weekly.rule == f"{WEEKLY}\nEXDATE;VALUE=DATE:20260310"
    starts = [start for _id, start, _status in new_weekly.appointments]
    assert new_clinic.at(24, 11, 30) in starts and new_clinic.at(10, 10) not in starts
    twice = new_clinic.services.imports.run(new_clinic.admin, rows)
    assert (twice.booked, twice.already) == (0, 4)


def test_a_rule_a_series_cannot_hold_is_booked_date_by_date(clinic: Clinic) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        "BEGIN:VEVENT\r\nUID:yearly@other\r\nDTSTART:20260304T100000Z\r\n"
        "DTEND:20260304T103000Z\r\nRRULE:FREQ=WEEKLY;BYHOUR=10,15;COUNT=3\r\n"
        "EXDATE:20260304T150000Z\r\nSUMMARY:Twice a day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    clinic.professionals("Dr Ana Silva")
    rows = clinic.services.imports.ics_rows(text.encode())
    assert [r.start for r in rows] == [clinic.at(4, 10), clinic.at(11, 10)]
    assert all(r.series is None and "BYHOUR" in r.note for r in rows)
    outcome = clinic.services.imports.run(clinic.admin, rows)
    assert outcome.booked == 2
    again = clinic.services.imports.run(
        clinic.admin, clinic.services.imports.ics_rows(text.encode())
    )
    assert (again.booked, again.already) == (0, 2)


FROM_OTHER = """\
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Other//Calendar//EN\r
BEGIN:VEVENT\r
UID:physio@other\r
DTSTART;TZID=Europe/Lisbon:20260303T100000\r
DTEND;TZID=Europe/Lisbon:20260303T103000\r
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r
EXDATE;TZID=Europe/Lisbon:20260310T100000\r
SUMMARY:Physio\r
ORGANIZER;CN=Dr Ana Silva:mailto:ana@clinic.example\r
ATTENDEE;CN=Joana Costa:mailto:joana@example.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:physio@other\r
RECURRENCE-ID;TZID=Europe/Lisbon:20260324T100000\r
DTSTART;TZID=Europe/Lisbon:20260324T150000\r
DTEND;TZID=Europe/Lisbon:20260324T153000\r
SUMMARY:Physio\r
ORGANIZER;CN=Dr Ana Silva:mailto:ana@clinic.example\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_series_from_another_calendar_is_decided_date_by_date(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Ana Silva")
    for start, end in ((clinic.at(17, 10), clinic.at(17, 11)), (clinic.at(24, 15), None)):
        clinic.booking.book(clinic.admin, BookingRequest(start, end, professional_id=silva))
    (row,) = clinic.services.imports.ics_rows(FROM_OTHER.encode())
    assert row.series is not None
    assert row.series.rule == ("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\nEXDATE;VALUE=DATE:20260310")
    assert (row.series.occurrences, row.series.left_out) == (3, 1)
    outcome = clinic.services.imports.run(clinic.admin, (row,))
    assert outcome.committed and outcome.booked == 1
    refused = [(n.line, n.start, n.refused) for n in outcome.not_imported]
    assert refused == [(4, clinic.at(17, 10), True), (14, clinic.at(24, 15), True)]
    assert all(n.reason for n in outcome.not_imported)
    views = clinic.booking.appointments_between(clinic.at(1, 0), clinic.at(31, 0))
    series = [a for a in views if a.series_id is not None]
    assert [(a.start, a.status) for a in series] == [
        (clinic.at(3, 10), S.PENDING),
        (clinic.at(24, 10), S.CANCELLED),  # its new time was refused: taken back
    ]
    assert series[0].client_name == "Joana Costa"


def test_a_malformed_repeating_event_imports_nothing(clinic: Clinic) -> None:
    text = FROM_OTHER.replace("COUNT=4", "COUNT=four")
    with pytest.raises(ImportFileError) as refused:
        clinic.services.imports.ics_rows(text.encode())
    assert refused.value.message.splitlines()[1].startswith("Line 4: ")
    assert clinic.booking.appointments_between(clinic.at(1, 0), clinic.at(31, 0)) == []


def test_a_series_whose_first_date_was_cancelled_is_still_a_series(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Ana Silva")
    series = clinic.services.series
    request = SeriesRequest(WEEKLY, clinic.at(3, 10), professional_id=silva, minutes=30)
    ids = series.book(clinic.admin, series.report(clinic.admin, request)).appointment_ids
    series.cancel(clinic.admin, ids[0], 1, SeriesScope.THIS)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    (row,) = clinic.services.imports.ics_rows(data)
    assert row.series is not None and row.start == clinic.at(3, 10)
    assert (row.series.occurrences, row.series.left_out) == (5, 1)


def test_a_professionals_calendar_holds_only_their_dates_of_a_series(clinic: Clinic) -> None:
    made = fill(clinic)
    names = {p.name: p.id for p in clinic.directory.professionals()}
    clinic_id = clinic_id_of(clinic)
    weekly = f"series-{made['weekly']}.{clinic_id}@scheduler-app"
    exports = clinic.services.exports

    def of(name: str) -> list:  # type: ignore[type-arg]
        data = exports.ics(clinic.at(1, 0), clinic.at(31, 0), names[name])
        return [e for e in events(data) if str(e["uid"]) == weekly]

    (master,) = of("Dr Ana Silva")  # the date moved to Tom Becker is not hers
    assert [d.dt for d in master["exdate"].dts] == [clinic.at(10, 10), clinic.at(24, 10)]
    assert of("Tom Becker") == []  # his date of the series, on its own
    data = exports.ics(clinic.at(1, 0), clinic.at(31, 0), names["Tom Becker"])
    (his,) = [e for e in events(data) if e.decoded("dtstart") == clinic.at(24, 11, 30)]
    assert his.get("recurrence-id") is None and his.get("rrule") is None
    assert str(his["uid"]).startswith("appointment-")


@pytest.mark.parametrize(
    ("rule", "series"),
    [
        ("FREQ=WEEKLY;WKST=SU;BYDAY=TU;COUNT=4", True),  # as some calendars write it
        ("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,SU;COUNT=4", False),  # its weeks differ
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317T080000Z", False),  # ends before 10:00 on 17th
        ("FREQ=WEEKLY;BYDAY=TU", False),  # no end
    ],
)
def test_a_rule_is_a_series_only_if_it_gives_the_same_dates(
    clinic: Clinic, rule: str, series: bool
) -> None:
    text = FROM_OTHER.replace("FREQ=WEEKLY;BYDAY=TU;COUNT=4", rule)
    rows = clinic.services.imports.ics_rows(text.encode())
    assert (rows[0].series is not None) is series
    if not series:
        assert rows[0].note.startswith("A repeating event the clinic's series cannot hold")
    if "UNTIL" not in rule and "COUNT" not in rule:  # a year of Tuesdays, but 10 Mar
        assert len(rows) == 53 - 1 and rows[-1].start == datetime(2027, 3, 2, 10, tzinfo=clinic.tz)
        assert rows[0].note.endswith("Its dates after 02 Mar 2027 are not imported.")


def test_a_series_given_to_another_professional_is_still_one_event(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Ana Silva", "Tom Becker")
    series = clinic.services.series
    request = SeriesRequest(WEEKLY, clinic.at(3, 10), professional_id=silva, minutes=30)
    ids = series.book(clinic.admin, series.report(clinic.admin, request)).appointment_ids
    change = SeriesChange(professional_id=becker, reassign=True)
    series.change(clinic.admin, ids[0], 1, SeriesScope.ALL, change)
    (master,) = events(clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0)))
    assert master.get("rrule") is not None and master.get("exdate") is None
    assert str(master["X-SCHEDULER-PROFESSIONAL"]) == "Tom Becker"


def own_dates(clinic: Clinic) -> int:
    """A weekly series of six Tuesdays with a service (45.00 a date): its 2nd date
    confirmed, its 3rd with a price and notes of its own, its 4th moved to 11:30;
    the rest pending as booked."""
    (silva,) = clinic.professionals("Dr Ana Silva")
    costa = clinic.directory.add_client(clinic.admin, "Joana Costa", "", "joana@example.org")
    consult = clinic.directory.add_service(clinic.admin, "Consultation", 45, Decimal("45"))
    series = clinic.services.series
    request = SeriesRequest(
        WEEKLY, clinic.at(3, 10), professional_id=silva, client_id=costa.id, service_id=consult.id
    )
    booked = series.book(clinic.admin, series.report(clinic.admin, request))
    ids = booked.appointment_ids
    clinic.lifecycle.confirm(clinic.admin, ids[1], 1)
    notes = {
        "estimated_cost": Decimal("30"),
        "description": "Bring the X-ray",
        "location": "Room 2",
    }
    clinic.booking.edit_details(clinic.admin, ids[2], 1, notes)
    series.change(clinic.admin, ids[3], 1, SeriesScope.THIS, SeriesChange(at=time(11, 30)))
    return booked.series_id


def dates_of(c: Clinic) -> list[tuple[object, ...]]:
    found = c.booking.appointments_between(c.at(1, 0), c.at(30, 0, month=4))
    return [
        (a.start, a.end, a.status, a.estimated_cost, a.title, a.description, a.location)
        for a in found
        if a.series_id is not None
    ]


def test_each_date_of_a_series_keeps_its_status_and_details_in_the_file(clinic: Clinic) -> None:
    made = own_dates(clinic)
    (master, *apart) = events(clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0)))
    assert str(master["uid"]) == f"series-{made}.{clinic_id_of(clinic)}@scheduler-app"
    assert str(master["X-SCHEDULER-STATUS"]) == "pending"  # as most of its dates
    assert str(master["STATUS"]) == "TENTATIVE" and str(master["X-SCHEDULER-PRICE"]) == "45.00"
    assert master.get("exdate") is None
    by_date = {e.decoded("recurrence-id"): e for e in apart}
    assert sorted(by_date) == [clinic.at(10, 10), clinic.at(17, 10), clinic.at(24, 10)]
    confirmed = by_date[clinic.at(10, 10)]  # at the rule's time, with its own status
    assert confirmed.decoded("dtstart") == clinic.at(10, 10)
    assert str(confirmed["X-SCHEDULER-STATUS"]) == "confirmed"
    assert str(confirmed["STATUS"]) == "CONFIRMED"
    priced = by_date[clinic.at(17, 10)]
    assert priced.decoded("dtstart") == clinic.at(17, 10)
    assert str(priced["X-SCHEDULER-PRICE"]) == "30.00"
    assert (str(priced["DESCRIPTION"]), str(priced["LOCATION"])) == ("Bring the X-ray", "Room 2")
    assert str(priced["X-SCHEDULER-STATUS"]) == "pending"
    assert by_date[clinic.at(24, 10)].decoded("dtstart") == clinic.at(24, 11, 30)


def test_a_series_whose_first_date_alone_is_confirmed_goes_out_pending(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Ana Silva")
    series = clinic.services.series
    request = SeriesRequest(WEEKLY, clinic.at(3, 10), professional_id=silva, minutes=30)
    ids = series.book(clinic.admin, series.report(clinic.admin, request)).appointment_ids
    clinic.lifecycle.confirm(clinic.admin, ids[0], 1)
    master, confirmed = events(clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0)))
    assert master.get("rrule") is not None and str(master["X-SCHEDULER-STATUS"]) == "pending"
    assert master.decoded("dtstart") == clinic.at(3, 10)
    assert confirmed.decoded("recurrence-id") == clinic.at(3, 10)
    assert str(confirmed["X-SCHEDULER-STATUS"]) == "confirmed"


def test_the_round_trip_keeps_each_dates_status_and_details(
    clinic: Clinic,
    new_clinic: Clinic,  # noqa: F811
) -> None:
    own_dates(clinic)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    (row,) = new_clinic.services.imports.ics_rows(data)
    assert row.series is not None
    assert (row.series.occurrences, len(row.series.overrides), row.series.moved) == (6, 3, 1)
    outcome = new_clinic.services.imports.run(new_clinic.admin, (row,), source="clinic.ics")
    assert outcome.committed and outcome.not_imported == ()
    assert outcome.booked == 6
    assert dates_of(new_clinic) == dates_of(clinic)
    statuses = [d[2] for d in dates_of(new_clinic)]
    assert statuses == [S.PENDING, S.CONFIRMED, S.PENDING, S.PENDING, S.PENDING, S.PENDING]
    assert [d[3] for d in dates_of(new_clinic)][1:3] == [Decimal("45.00"), Decimal("30.00")]
    twice = new_clinic.services.imports.run(
        new_clinic.admin, new_clinic.services.imports.ics_rows(data)
    )
    assert (twice.booked, twice.already, twice.not_imported) == (0, 1, ())
    assert len(dates_of(new_clinic)) == 6


def test_a_confirmed_repeating_event_confirms_every_date(
    clinic: Clinic,
    new_clinic: Clinic,  # noqa: F811
) -> None:
    (silva,) = clinic.professionals("Dr Ana Silva")
    series = clinic.services.series
    request = SeriesRequest(WEEKLY, clinic.at(3, 10), professional_id=silva, minutes=30)
    ids = series.book(clinic.admin, series.report(clinic.admin, request)).appointment_ids
    for appointment_id in ids[1:]:
        clinic.lifecycle.confirm(clinic.admin, appointment_id, 1)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0))
    master, pending = events(data)
    assert str(master["X-SCHEDULER-STATUS"]) == "confirmed"
    assert pending.decoded("recurrence-id") == clinic.at(3, 10)
    outcome = new_clinic.services.imports.run(
        new_clinic.admin, new_clinic.services.imports.ics_rows(data)
    )
    assert outcome.booked == 6 and outcome.not_imported == ()
    assert [d[2] for d in dates_of(new_clinic)] == [S.PENDING] + [S.CONFIRMED] * 5
