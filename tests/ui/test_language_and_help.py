"""Every visible text is translatable, Portuguese ships and can be chosen, help is at
hand, every control has a name for screen readers, and the keyboard does it all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scheduler_app import __version__
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.bundle import Services
from scheduler_app.ui import i18n
from scheduler_app.ui.application import Desk, _Forward
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.complete_dialog import CompleteDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.first_start import FirstStartWizard
from scheduler_app.ui.help_dialogs import AboutDialog, ShortcutsDialog, shortcut_rows
from scheduler_app.ui.import_dialog import ImportDialog
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.print_dialog import PrintDialog
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.reports_window import ReportsWindow
from scheduler_app.ui.server_settings_dialog import ServerSettingsDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.settings_dialog import SettingsDialog, zone_names
from scheduler_app.ui.setup_dialogs import NewClientDialog, ProfessionalEditor
from scheduler_app.ui.template_dialog import TemplateDialog
from tests.conftest import Clinic
from tests.ui.grid_driver import by_hour
from tests.ui.visible_text import visible_texts

S = AppointmentStatus
MARK = "⟦"
PREVIOUS_SYSTEM = Path(__file__).parent.parent / "db" / "data" / "previous-system.csv"
#: The header of the file the import dialog shows is the file's words, not the desk's.
FILE_HEADERS = tuple(PREVIOUS_SYSTEM.read_text(encoding="utf-8").splitlines()[0].split(";"))
DATA = (
    "Dr Ana Silva",
    "Tom Becker",
    "Joana Costa",
    "Test clinic",
    "Consultation",
    "EUR",
    *FILE_HEADERS,
)
#: Each language is named in itself in the language menu (so that anyone finds theirs).
ENDONYMS = tuple(name for name in i18n.LANGUAGES.values() if name)


class _Marker(QTranslator):
    """Marks every text that goes through Qt's translation: what is not marked on
    screen was never offered for translation."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"{MARK}{source}"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def marked() -> Iterator[None]:
    marker = _Marker()
    QCoreApplication.installTranslator(marker)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(marker)


@pytest.fixture
def in_portuguese() -> Iterator[None]:
    i18n.install("pt")
    try:
        yield
    finally:
        i18n.install("")  # the system's language again (C in the tests)


def _untranslated(texts: list[str]) -> list[str]:
    """Texts with words not marked for translation (names, times, dates, numbers,
    time zones, addresses and symbols are data, not words of the desk)."""
    locale = QLocale()
    names = [locale.dayName(d, f) for d in range(1, 8) for f in QLocale.FormatType] + [
        locale.monthName(m, f) for m in range(1, 13) for f in QLocale.FormatType
    ]
    bad = []
    for text in texts:
        if MARK in text:
            continue
        rest = text
        for known in sorted({*DATA, *ENDONYMS, *names, *zone_names()}, key=len, reverse=True):
            rest = rest.replace(known, " ")
        rest = re.sub(r"\S*[/@\\]\S*", " ", rest)  # paths, addresses, URLs
        if re.search(r"[^\W\d_]{2,}", rest):
            bad.append(text)
    return bad


def _everything_in(window: MainWindow) -> list[str]:
    texts = visible_texts(window)
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(a.text() for a in menu.actions() if a.text())
    model = window.model
    texts.extend(model.headerData(c, Qt.Orientation.Horizontal) for c in range(5))
    texts.extend(model.data(model.index(r, 4)) for r in range(model.rowCount()))
    texts.append(window.summary.text())
    today = window.today_tab
    for model in (today.arrivals, today.upcoming, today.overdue, today.conflicts, today.failed):
        texts.extend(
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        )
    texts.extend(
        today.arrivals.data(today.arrivals.index(r, 1)) for r in range(today.arrivals.rowCount())
    )
    return [t for t in texts if t]


def _open_dialogs(window: MainWindow, desk: Clinic) -> list[QWidget]:
    appt = by_hour(desk, 10)
    services = desk.services
    if not services.directory.services():
        desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    return [
        BookingDialog(services, window.day, window),
        DetailsDialog(appt, services, window),
        CancelDialog(appt, desk.tz, window),
        CompleteDialog(appt, window),
        ClientSearchDialog(services, window),
        MailSettingsDialog(services, window),
        ServerSettingsDialog("sqlite:////tmp/x.sqlite3", window),
        TemplateDialog(services, window),
        ShortcutsDialog(shortcut_rows(window), window),
        AboutDialog("sqlite:////tmp/x.sqlite3", window),
        ProfessionalEditor(services, None, window),
        ProfessionalEditor(services, services.directory.professionals()[0], window),
        NewClientDialog(services, "", window),
        SettingsDialog(services, window),
        ServicesDialog(services, window),
        ServiceEditor(services, None, [], window),
        ServiceEditor(services, services.directory.services()[0], [], window),
        ProfessionalsDialog(services, window),
        _client_window(services, window),
        *_set_up_steps(services, window),
        PrintDialog(services, window.day, lambda: ("", []), window),
        ExportDialog(services, window.day, window),
        _import_dialog(services, window),
        ReportsWindow(services, window.day, window),
    ]


def _client_window(services: Services, window: MainWindow) -> ClientWindow:
    shown = ClientWindow(services, window)
    shown.search.setText("Joana")
    shown.results.setCurrentRow(0)  # her details and history
    return shown


def _set_up_steps(services: Services, window: MainWindow) -> list[QDialog]:
    """The first start's set-up, once at each of its steps."""
    steps: list[QDialog] = []
    for page in FirstStartWizard(services, window).pageIds():
        wizard = FirstStartWizard(services, window)
        wizard.setStartId(page)
        wizard.restart()
        steps.append(wizard)
    return steps


def _import_dialog(services: object, window: MainWindow) -> QDialog:
    """The import dialog with a file read, its columns and rows showing."""
    dialog = ImportDialog(services, window)  # type: ignore[arg-type]
    dialog.load(PREVIOUS_SYSTEM)
    return dialog


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1200, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_every_visible_text_is_offered_for_translation(
    marked: None, desk: Clinic, qtbot: QtBot
) -> None:
    window = MainWindow(desk.services)  # built while every translation is marked
    qtbot.addWidget(window)
    window.show()
    window.day_view.select(by_hour(desk, 10).id, notify=True)
    texts = _everything_in(window)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda: not window.loading, timeout=5000)
        texts.extend(_everything_in(window))
    for dialog in _open_dialogs(window, desk):
        qtbot.addWidget(dialog)
        dialog.show()
        texts.extend(visible_texts(dialog))
    assert len(texts) > 200
    assert sorted(set(_untranslated(texts))) == []


def test_an_untranslated_text_is_caught(marked: None, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel("Appointments for today")  # a text not passed through translate()
    qtbot.addWidget(label)
    assert _untranslated(visible_texts(label)) == ["Appointments for today"]


def test_the_desk_speaks_portuguese(in_portuguese: None, desk: Clinic, qtbot: QtBot) -> None:
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    window.show()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Ficheiro", "&Clínica", "&Equipa", "&Ver", "A&juda"]
    assert [window.tabs.tabText(i) for i in range(6)] == [
        "Dia",
        "Semana",
        "Mês",
        "Lista",
        "Hoje",
        "Notificações",
    ]
    assert window.model.data(window.model.index(0, 4)) == "Pendente"
    assert window.summary.text() == "segunda-feira, 2 de março de 2026 — ativas: 3; no total: 3"
    assert window.status_actions[S.NO_SHOW].toolTip() == ("Selecione primeiro uma marcação.")
    window.day_view.select(by_hour(desk, 10).id, notify=True)
    assert window.status_actions[S.NO_SHOW].toolTip().startswith("Ainda não começou")
    # The week starts on the locale's first day (Sunday in Portugal, as Qt knows it).
    window.tabs.setCurrentWidget(window.week_view)
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    first = QLocale().firstDayOfWeek()
    assert window.period.first.isoweekday() == first.value
    assert window.week_grid.columns[0].day == window.period.first


def test_the_language_is_chosen_in_the_view_menu_and_kept(
    desk: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(window)
    window.show()
    desk_shell = Desk(window, desk.services)
    desk_shell.forward = _Forward(desk_shell)
    assert set(window.language_actions) == {"", "en", "pt"}
    assert window.language_actions[""].isChecked()  # the system's, at first
    try:
        window.language_actions["pt"].trigger()
        new = desk_shell.window
        qtbot.addWidget(new)
        assert new is not window and settings.value("ui/language") == "pt"
        assert new.tabs.tabText(1) == "Semana" and new.language_actions["pt"].isChecked()
        assert new.day == window.day
        new.language_actions[""].trigger()
        qtbot.addWidget(desk_shell.window)
        assert desk_shell.window.tabs.tabText(1) == "Week"
    finally:
        i18n.install("")


def test_help_lists_the_shortcuts_to_search_and_says_what_runs(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    shown: list[QDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda d: shown.append(d) or 0)
    monkeypatch.setattr(AboutDialog, "exec", lambda d: shown.append(d) or 0)
    helps = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    assert [a.text() for a in helps.actions()] == ["Keyboard shortcuts", "About"]
    window.shortcuts_action.trigger()
    shortcuts = shown[-1]
    assert isinstance(shortcuts, ShortcutsDialog)
    qtbot.addWidget(shortcuts)
    keys = dict(shortcuts.shown_rows())
    assert keys["Ctrl+F"] == "Find client" and keys["Ctrl+Z"] == "Undo"
    shortcuts.search.setText("zoom")
    assert {what for _k, what in shortcuts.shown_rows()} == {
        "Zoom in",
        "Zoom out",
        "Zoom, keeping the time under the mouse",
    }
    window.about_action.trigger()
    about = shown[-1]
    assert isinstance(about, AboutDialog)
    qtbot.addWidget(about)
    assert __version__ in " ".join(visible_texts(about))
    assert about.values["database"].text().startswith("sqlite")
    assert "scheduler-app" in about.values["data"].text()
    assert "log" in about.values["logs"].text()


def _controls(root: QWidget) -> list[QWidget]:
    kinds = (
        QAbstractButton,
        QLineEdit,
        QComboBox,
        QAbstractSpinBox,
        QAbstractItemView,
        QPlainTextEdit,
        QGraphicsView,
        QTabBar,
    )
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(root)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QAbstractSpinBox | QComboBox))
    ]


def _spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_every_control_has_a_name_a_screen_reader_can_say(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    roots: list[QWidget] = [window]
    for dialog in _open_dialogs(window, desk):
        qtbot.addWidget(dialog)
        dialog.show()
        roots.append(dialog)
    nameless = [
        f"{type(root).__name__}: {type(w).__name__} {w.objectName()}"
        for root in roots
        for w in _controls(root)
        if not _spoken_name(w).strip()
    ]
    window.tabs.setCurrentWidget(window.today_tab)
    nameless += [
        f"Today: {type(w).__name__} {w.objectName()}"
        for w in _controls(window.today_tab)
        if not _spoken_name(w).strip()
    ]
    assert nameless == []


def test_the_grid_says_the_focused_slot_and_appointment(window: MainWindow, desk: Clinic) -> None:
    grid = window.day_view
    grid.canvas.setFocus()
    QTest.keyClick(grid.canvas, Qt.Key.Key_Down)  # the slot cursor appears at opening time
    assert (
        grid.canvas.accessibleName()
        == "Day calendar: Dr Ana Silva, Mon 2 Mar 08:00: nothing booked"
    )
    for _ in range(8):
        QTest.keyClick(grid.canvas, Qt.Key.Key_Down)  # to 10:00, Joana Costa's
    assert grid.canvas.accessibleName() == (
        "Day calendar: Dr Ana Silva, Mon 2 Mar 10:00: "
        "Joana Costa, 10:00-10:45, Dr Ana Silva, Pending"
    )
    QTest.keyClick(grid.canvas, Qt.Key.Key_Space)  # picks it
    assert window.selected() is not None and window.selected().start == desk.at(2, 10)
    assert grid.canvas.accessibleName().startswith("Day calendar: Joana Costa, 10:00-10:45")


def back_to(window: MainWindow, qtbot: QtBot) -> None:
    """The window active again after a dialog closed, as the window manager makes it
    (the offscreen platform leaves none active; its shortcuts need one)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_day_at_the_desk_with_the_keyboard_alone(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = window.day_view

    def book_by_keys(dialog: BookingDialog) -> int:
        dialog.show()
        assert dialog.focusWidget() is dialog.client_search or dialog.client_search.hasFocus()
        QTest.keyClicks(dialog.client_search, "joana")  # the one match is chosen
        QTest.keyClick(dialog.client_search, Qt.Key.Key_Return)  # Enter: Book
        return dialog.result()

    monkeypatch.setattr(BookingDialog, "exec", book_by_keys)
    asked: list[str] = []  # 09:00-10:30 meets Joana Costa's 10:00: the desk books both
    monkeypatch.setattr(
        "scheduler_app.ui.clash_question.ask", lambda _p, _t, text, *_a: asked.append(text) or True
    )
    grid.canvas.setFocus()
    QTest.keyClick(grid.canvas, Qt.Key.Key_Down)
    QTest.keyClick(grid.canvas, Qt.Key.Key_Right)  # Tom Becker
    for _ in range(4):
        QTest.keyClick(grid.canvas, Qt.Key.Key_Down)  # 09:00
    QTest.keyClick(grid.canvas, Qt.Key.Key_Return)
    booked = by_hour(desk, 9)
    assert (booked.client_name, booked.professional_name) == ("Joana Costa", "Tom Becker")
    assert len(asked) == 1 and asked[0].endswith("Book both?")
    assert window.selected() is not None and window.selected().id == booked.id
    QTest.keyClick(grid.canvas, Qt.Key.Key_Down)  # the booking is selected: it moves
    assert desk.booking.get(booked.id).start == desk.at(2, 9, 15)
    back_to(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert desk.booking.get(booked.id).start == desk.at(2, 9)

    def cancel_by_keys(dialog: CancelDialog) -> int:
        dialog.show()
        QTest.keyClicks(dialog.reason, "Called to cancel")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(CancelDialog, "exec", cancel_by_keys)
    QTest.keyClick(grid.canvas, Qt.Key.Key_Delete)
    gone = desk.booking.get(booked.id)
    assert (gone.status, gone.cancellation_reason) == (S.CANCELLED, "Called to cancel")

    def find_by_keys(dialog: ClientSearchDialog) -> int:
        dialog.show()
        QTest.keyClicks(dialog.search, "joana")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # search
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # open the next appointment
        return dialog.result()

    monkeypatch.setattr(ClientSearchDialog, "exec", find_by_keys)
    QTest.keyClick(window, Qt.Key.Key_PageDown)  # Tuesday
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.day == date(2026, 3, 2) and window.selected() is not None
    back_to(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.week_view
    QTest.keyClick(window, Qt.Key.Key_T)
    assert window.day == date(2026, 3, 2)
