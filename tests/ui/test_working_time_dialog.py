"""Clinic > Working time, as a manager uses it: a weekly plan with a break, A/B weeks
and a date it starts; dated days; time off and closures; public holidays opened
one by one. What takes working time away is decided before it is saved: refused
with the appointments it would strand, or saved anyway with a reason."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.bundle import build_services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui import clinic_menu
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.working_time_dialog import WorkingTimeDialog
from tests.conftest import Clinic, signed_in
from tests.ui.grid_driver import by_hour


def _open(services: object, qtbot: QtBot, professional: str = "") -> WorkingTimeDialog:
    dialog = WorkingTimeDialog(services)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.working and dialog.who.count() > 0, timeout=10_000)
    if professional:
        dialog.who.setCurrentIndex(dialog.who.findText(professional))
        _settle(dialog, qtbot)
    return dialog


def _settle(dialog: WorkingTimeDialog, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)


def _ids(clinic: Clinic) -> tuple[int, int]:
    silva, becker = (p.id for p in clinic.directory.professionals())
    return silva, becker


def test_a_plan_that_strands_an_appointment_is_listed_then_saved_anyway_with_a_reason(
    staffed: Clinic, qtbot: QtBot
) -> None:
    silva, becker = _ids(staffed)
    wt = staffed.services.working_time
    # Tom Becker is away on Monday morning: nobody could take Dr Silva's 10:00.
    wt.add_time_off(
        staffed.admin,
        staffed.at(2, 9),
        staffed.at(2, 10, 50),
        professional_id=becker,
        kind=TimeOffKind.TRAINING,
    )
    dialog = _open(staffed.services, qtbot, "Dr Ana Silva")
    plan = dialog.plan
    assert plan.whenever_open.isChecked()  # no plan of her own yet
    plan.whenever_open.setChecked(False)
    plan.lines[(0, 0)].setText("14:00-18:00")  # Mondays, afternoons only
    plan.save.click()
    _settle(dialog, qtbot)
    assert dialog.stranding.isVisible()
    assert "Dr Ana Silva's new weekly plan" in dialog.stranding.heading.text()
    listed = dialog.stranding.items()
    assert len(listed) == 1 and "10:00" in listed[0] and "Joana Costa" in listed[0]
    assert wt.weekly_plan(silva) == []  # nothing saved
    assert not dialog.stranding.force.isEnabled()  # a reason first
    dialog.stranding.reason.setText("Dr Silva's new hours from today")
    dialog.stranding.force.click()
    _settle(dialog, qtbot)
    assert not dialog.stranding.isVisible()
    assert dialog.message.text() == (
        "Saved. 1 appointments now wait for another professional. 1 recorded as a conflict."
    )
    assert wt.weekly_plan(silva) == [WeeklyRange(0, time(14), time(18))]
    stranded = by_hour(staffed, 10)
    assert stranded.professional_id is None and stranded.conflict_id is not None
    assert dialog.changed


def test_alternating_weeks_from_a_date_keep_the_plan_before_it(
    sqlite_clinic: Clinic, qtbot: QtBot
) -> None:
    (silva,) = sqlite_clinic.professionals("Dr Ana Silva")
    wt = sqlite_clinic.services.working_time
    wt.set_weekly_plan(sqlite_clinic.admin, silva, [WeeklyRange(0, time(9), time(17))])
    dialog = _open(sqlite_clinic.services, qtbot, "Dr Ana Silva")
    plan = dialog.plan
    assert plan.lines[(0, 0)].text() == "09:00-17:00"
    assert not plan.lines[(1, 0)].isVisible()
    plan.valid_from.setDate(QDate(2026, 4, 6))
    plan.alternating.setChecked(True)
    assert plan.lines[(1, 0)].isVisible() and plan.week_note.isVisible()
    plan.lines[(0, 0)].setText("09:00-13:00, 14:00-18:00")  # A weeks, with a break
    plan.lines[(1, 1)].setText("08:00-12:00")  # B weeks: Tuesday mornings
    plan.save.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Saved."
    assert sorted(
        wt.weekly_plan(silva), key=lambda r: (r.valid_from or date.min, r.weekday, r.starts)
    ) == [
        WeeklyRange(0, time(9), time(17), None, None, date(2026, 4, 5)),
        WeeklyRange(0, time(9), time(13), 0, date(2026, 4, 6)),
        WeeklyRange(0, time(14), time(18), 0, date(2026, 4, 6)),
        WeeklyRange(1, time(8), time(12), 1, date(2026, 4, 6)),
    ]
    plan.lines[(0, 2)].setText("18:00-09:00")
    plan.save.click()
    assert "closes before it opens" in dialog.message.text()


def test_dated_days_time_off_and_closures(staffed: Clinic, qtbot: QtBot) -> None:
    _silva, becker = _ids(staffed)
    wt = staffed.services.working_time
    dialog = _open(staffed.services, qtbot, "Tom Becker")
    # A dated day: Tom works Saturday morning.
    days = dialog.days
    dialog.tabs.setCurrentWidget(days)
    days.day.setDate(QDate(2026, 3, 7))
    days.hours.setText("09:00-13:00")
    days.save.click()
    _settle(dialog, qtbot)
    assert [days.list.item(i).text() for i in range(days.list.count())] == [
        "Sat 7 Mar 2026: 09:00-13:00"
    ]
    assert wt.dated_days(becker) == {date(2026, 3, 7): [(time(9), time(13))]}
    days.list.setCurrentRow(0)
    days.back.click()
    _settle(dialog, qtbot)
    assert days.list.count() == 0 and wt.dated_days(becker) == {}

    # Time off: Tom's training on Tuesday morning, with its reason.
    off = dialog.time_off
    dialog.tabs.setCurrentWidget(off)
    assert not dialog.who.isVisible()  # time off says whose it is itself
    off.who.setCurrentIndex(off.who.findText("Tom Becker"))
    off.kind.setCurrentIndex(off.kind.findText("Training"))
    off.whole_days.setChecked(False)
    off.first.setDate(QDate(2026, 3, 3))
    off.last.setDate(QDate(2026, 3, 3))
    off.starts.setTime(QTime(9, 0))
    off.ends.setTime(QTime(12, 0))
    off.reason.setText("First aid course")
    off.add.click()
    _settle(dialog, qtbot)
    row = off.list.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in range(4)] == [
        "Tom Becker",
        "Training",
        "Tue 3 Mar 2026 09:00-12:00",
        "First aid course",
    ]
    # A closure of the whole clinic on Wednesday.
    off.who.setCurrentIndex(off.who.findText("The whole clinic"))
    assert [off.kind.itemText(i) for i in range(off.kind.count())] == [
        "Clinic closed",
        "Blocked",
    ]
    off.whole_days.setChecked(True)
    off.first.setDate(QDate(2026, 3, 4))
    off.last.setDate(QDate(2026, 3, 4))
    off.reason.setText("Inventory")
    off.add.click()
    _settle(dialog, qtbot)
    rows = [off.list.topLevelItem(i) for i in range(off.list.topLevelItemCount())]
    assert [(r.text(0), r.text(2), r.text(3)) for r in rows if r is not None] == [
        ("Tom Becker", "Tue 3 Mar 2026 09:00-12:00", "First aid course"),
        ("The whole clinic", "Wed 4 Mar 2026", "Inventory"),
    ]
    # Taken back: Tom's training is gone.
    off.list.setCurrentItem(off.list.topLevelItem(0))
    off.remove.click()
    _settle(dialog, qtbot)
    assert [(o.kind, o.reason) for o in wt.time_off()] == [(TimeOffKind.CLOSURE, "Inventory")]
    assert off.list.topLevelItemCount() == 1


def test_public_holidays_are_chosen_and_each_opened_or_closed_again(
    staffed: Clinic, qtbot: QtBot
) -> None:
    wt = staffed.services.working_time
    dialog = _open(staffed.services, qtbot)
    tab = dialog.holidays
    dialog.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 0  # no country yet
    tab.country.setCurrentIndex(tab.country.findData("PT"))
    tab.use.click()
    _settle(dialog, qtbot)
    days = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]  # type: ignore[union-attr]
    assert "Wed 10 Jun 2026" in days and "Fri 25 Dec 2026" in days
    portugal_day = days.index("Wed 10 Jun 2026")
    tab.set_open(portugal_day, True)
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Saved."
    assert [h.is_open for h in wt.holidays(2026).days if h.day == date(2026, 6, 10)] == [True]
    # Booked on the day the clinic opened; closing it again would strand it.
    staffed.booking.book(
        staffed.admin,
        BookingRequest(
            start=staffed.at(10, 10, month=6),
            end=staffed.at(10, 11, month=6),
            professional_id=_ids(staffed)[0],
            client_id=None,
            title="Check-up",
        ),
    )
    tab.set_open(portugal_day, False)
    _settle(dialog, qtbot)
    assert dialog.stranding.isVisible()
    assert any("Check-up" in line or "10:00" in line for line in dialog.stranding.items())
    item = tab.table.item(portugal_day, tab.OPEN_COLUMN)
    assert item is not None and item.checkState().name == "Checked"  # still open
    assert [h.is_open for h in wt.holidays(2026).days if h.day == date(2026, 6, 10)] == [True]


def test_the_menu_opens_it_for_managers_only(
    staffed: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(staffed.services)
    qtbot.addWidget(window)
    assert window.working_time_action.isEnabled()
    opened: list[WorkingTimeDialog] = []

    def shown(dialog: WorkingTimeDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(WorkingTimeDialog, "exec", shown)
    window.working_time_action.trigger()
    assert len(opened) == 1
    qtbot.waitUntil(lambda: not opened[0].working, timeout=10_000)
    staffed.add_staff("desk", Role.RECEPTION)
    reception = MainWindow(signed_in(build_services(staffed.services.database), "desk"))
    qtbot.addWidget(reception)
    assert not reception.working_time_action.isEnabled()
    assert "Only a manager" in reception.working_time_action.toolTip()
    assert clinic_menu.working_time  # the menu's entry


def test_templates_are_saved_duplicated_deactivated_and_copied_into_a_plan(
    staffed: Clinic, qtbot: QtBot
) -> None:
    _silva, becker = _ids(staffed)
    dialog = _open(staffed.services, qtbot)
    tab = dialog.templates
    dialog.tabs.setCurrentWidget(tab)
    assert tab.list.topLevelItemCount() == 0
    tab.name.setText("Mornings")
    tab.description.setText("Early shift")
    tab.starts.setTime(QTime(8, 0))
    tab.ends.setTime(QTime(13, 0))
    tab.has_break.setChecked(False)
    tab.default.setChecked(True)
    tab.save.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Template Mornings saved."
    assert [
        [tab.list.topLevelItem(i).text(c) for c in range(5)]  # type: ignore[union-attr]
        for i in range(tab.list.topLevelItemCount())
    ] == [["Mornings (default)", "Mon, Tue, Wed, Thu, Fri", "08:00-13:00", "", ""]]
    tab.duplicate.click()
    _settle(dialog, qtbot)
    copy = tab.current()
    assert copy is not None and copy.name == "Mornings (copy)" and not copy.details.is_default
    tab.activate.click()
    _settle(dialog, qtbot)
    assert tab.list.currentItem().text(0).endswith("(inactive)")  # type: ignore[union-attr]
    # An inactive template is not copied.
    tab.who.setCurrentIndex(tab.who.findText("Tom Becker"))
    tab.copy.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "The template 'Mornings (copy)' is not active."
    # Mornings into Tom Becker's plan for the week of 9 March.
    tab.list.setCurrentItem(tab.list.topLevelItem(0))
    tab.first.setDate(QDate(2026, 3, 9))
    tab.until.setChecked(True)
    tab.last.setDate(QDate(2026, 3, 13))
    tab.copy.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Saved."
    plan = staffed.services.working_time.weekly_plan(becker)
    period = (date(2026, 3, 9), date(2026, 3, 13))
    assert sorted(
        (r.weekday, r.starts, r.ends) for r in plan if (r.valid_from, r.valid_until) == period
    ) == [(day, time(8), time(13)) for day in range(5)]
    # Around the period he works as before: whenever the clinic is open (08-19).
    around = {(r.weekday, r.starts, r.ends, r.valid_from, r.valid_until) for r in plan}
    assert (0, time(8), time(19), None, date(2026, 3, 8)) in around
    assert (0, time(8), time(19), date(2026, 3, 14), None) in around
    assert by_hour(staffed, 11).professional_name == "Tom Becker"
    # A starting point, not a link: changing the template leaves the plan as it is.
    tab.ends.setTime(QTime(12, 0))
    tab.save.click()
    _settle(dialog, qtbot)
    assert staffed.services.working_time.weekly_plan(becker) == plan


def test_the_professionals_dialog_opens_the_chosen_ones_working_time(
    staffed: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[WorkingTimeDialog] = []

    def shown(dialog: WorkingTimeDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(WorkingTimeDialog, "exec", shown)
    professionals = ProfessionalsDialog(staffed.services)
    qtbot.addWidget(professionals)
    professionals.list.setCurrentRow(1)
    professionals.hours_button.click()
    assert len(opened) == 1
    qtbot.waitUntil(lambda: not opened[0].working, timeout=10_000)
    assert opened[0].who.currentText() == "Tom Becker"
    assert opened[0].plan.whenever_open.isChecked()
