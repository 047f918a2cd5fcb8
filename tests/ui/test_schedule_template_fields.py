"""Clinic > Working time > Templates, as a manager uses it: the type chosen shows
weekdays or dates, the interval, price and booking notice and horizon are typed in
(with the keyboard), mistakes are explained with nothing saved, the list shows the
new columns, and copying writes A/B weeks, dated days and the professional's rules."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.domain.rules import RuleKind
from scheduler_app.domain.working_time import TemplateKind
from scheduler_app.ui.schedule_templates_tab import TemplatesTab
from scheduler_app.ui.working_time_dialog import WorkingTimeDialog
from tests.conftest import Clinic


def _open(clinic: Clinic, qtbot: QtBot) -> tuple[WorkingTimeDialog, TemplatesTab]:
    dialog = WorkingTimeDialog(clinic.services)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 760)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.working and dialog.who.count() > 0, timeout=10_000)
    dialog.tabs.setCurrentWidget(dialog.templates)
    return dialog, dialog.templates


def _settle(dialog: WorkingTimeDialog, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(widget, text)  # type: ignore[arg-type]


def _rows(tab: TemplatesTab) -> list[list[str]]:
    items = [tab.list.topLevelItem(i) for i in range(tab.list.topLevelItemCount())]
    return [[item.text(c) for c in range(5)] for item in items if item is not None]


def test_a_monthly_template_is_typed_in_listed_and_copied_as_dated_days(
    staffed: Clinic, qtbot: QtBot
) -> None:
    silva = next(p.id for p in staffed.directory.professionals() if p.name == "Dr Ana Silva")
    dialog, tab = _open(staffed, qtbot)
    # Weekly: weekdays and the interval are shown, the dates are not.
    assert tab.form.isRowVisible(tab.weekdays) and not tab.form.isRowVisible(tab.fields.dates)
    _type(qtbot, tab.name, "Month ends")
    tab.kind.setFocus()
    tab.kind.setCurrentIndex(tab.kind.findData(TemplateKind.MONTHLY.value))
    assert tab.form.isRowVisible(tab.fields.dates)
    assert not tab.form.isRowVisible(tab.weekdays) and not tab.form.isRowVisible(tab.fields.repeat)
    assert tab.fields.dates.placeholderText() == "Days of the month, e.g. 1, 15, 31"
    # Tab goes from the type to the dates (the hidden fields are skipped).
    QTest.keyClick(tab.kind, Qt.Key.Key_Tab)
    assert tab.fields.dates.hasFocus()
    QTest.keyClicks(tab.fields.dates, "15, 32")
    tab.has_break.setChecked(False)
    tab.starts.setTime(QTime(9, 0))
    tab.ends.setTime(QTime(13, 0))
    _type(qtbot, tab.fields.price, "45.50")
    _type(qtbot, tab.fields.notice, "1 day")
    tab.fields.horizon.setValue(30)
    tab.save.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "A day of the month is from 1 to 31."
    assert _rows(tab) == []  # nothing saved
    _type(qtbot, tab.fields.dates, "31, 15")
    tab.save.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Template Month ends saved."
    assert _rows(tab) == [
        [
            "Month ends",
            "Days 15, 31 of the month",
            "09:00-13:00",
            "45.50",
            "Notice 1 day · up to 30 days ahead",
        ]
    ]
    assert tab.fields.dates.text() == "15, 31"  # read back as stored
    # Copied into Ana Silva's plan for March and April: the 15th and 31st (no 31 April).
    tab.who.setCurrentIndex(tab.who.findText("Dr Ana Silva"))
    tab.first.setDate(QDate(2026, 3, 10))
    tab.until.setChecked(True)
    tab.last.setDate(QDate(2026, 4, 30))
    assert not tab.weeks.isVisible()
    tab.copy.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Saved."
    days = staffed.services.working_time.dated_days(silva)
    assert days == {
        date(2026, 3, 15): [(time(9), time(13))],
        date(2026, 3, 31): [(time(9), time(13))],
        date(2026, 4, 15): [(time(9), time(13))],
    }
    rules = {r.details.kind: r for r in staffed.services.rules.rules()}
    assert set(rules) == {RuleKind.MIN_NOTICE, RuleKind.MAX_HORIZON}
    assert rules[RuleKind.MIN_NOTICE].applies_to == "Dr Ana Silva"


def test_a_weekly_template_every_other_week_is_copied_into_the_chosen_weeks(
    staffed: Clinic, qtbot: QtBot
) -> None:
    becker = next(p.id for p in staffed.directory.professionals() if p.name == "Tom Becker")
    dialog, tab = _open(staffed, qtbot)
    _type(qtbot, tab.name, "Alternate weeks")
    tab.fields.interval.setValue(3)
    tab.save.click()
    _settle(dialog, qtbot)
    assert "every week or every other week" in dialog.message.text()
    assert _rows(tab) == []
    tab.fields.interval.setValue(2)
    tab.save.click()
    _settle(dialog, qtbot)
    assert _rows(tab)[0][1] == "Mon, Tue, Wed, Thu, Fri · every other week"
    assert tab.weeks.isVisible()
    tab.who.setCurrentIndex(tab.who.findText("Tom Becker"))
    tab.first.setDate(QDate(2026, 3, 9))
    tab.weeks.setCurrentIndex(tab.weeks.findData(1))  # the B weeks
    tab.copy.click()
    _settle(dialog, qtbot)
    assert dialog.message.text() == "Saved."
    plan = staffed.services.working_time.weekly_plan(becker)
    period = [r for r in plan if r.valid_from == date(2026, 3, 9)]
    assert {r.week_parity for r in period if r.starts == time(9)} == {1}  # the template
    assert {r.week_parity for r in period if r.starts == time(8)} == {0}  # as before
