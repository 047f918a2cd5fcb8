"""Signing in, lock-out, resets, the idle lock, Clinic > Staff and the audit trail,
through the dialogs and the window as a person uses them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from scheduler_app import config
from scheduler_app.db.models import Role, StaffUser
from scheduler_app.ui.application import Desk, open_desk
from scheduler_app.ui.audit_window import AuditWindow
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.sign_in_dialog import LAST_USERNAME, SignInDialog
from scheduler_app.ui.staff_dialog import StaffDialog
from scheduler_app.ui.startup import opener
from tests.conftest import Clinic
from tests.ui.sign_in_driver import answer_sign_in

ADMIN_PASSWORD = "admin password"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def staffed(desk: Clinic) -> Clinic:
    """The desk's clinic with passwords: the administrator's, and Rita at reception."""
    staff = desk.services.staff
    staff.create_first_admin("admin", "Ana Admin", ADMIN_PASSWORD)
    staff.create(desk.admin, "rita", "Rita Costa", "reception", "temporary1")
    staff.sign_out()
    return desk


def _sign_in(dialog: SignInDialog, password: str) -> None:
    dialog.password.clear()
    QTest.keyClicks(dialog.password, password)
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_sign_in_remembers_the_last_username(
    staffed: Clinic, settings: QSettings, qtbot: QtBot
) -> None:
    dialog = SignInDialog(staffed.services, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.username.text() == ""
    QTest.keyClicks(dialog.username, "admin")
    _sign_in(dialog, "not the password")
    assert dialog.message.text() == "Wrong username or password."
    assert dialog.password.text() == "" and staffed.services.actor_id == 0
    _sign_in(dialog, ADMIN_PASSWORD)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert staffed.services.actor_id == staffed.admin
    assert settings.value(LAST_USERNAME) == "admin"
    staffed.services.staff.sign_out()
    again = SignInDialog(staffed.services, settings)
    qtbot.addWidget(again)
    assert again.username.text() == "admin"  # filled in at the next start


def test_five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(
    staffed: Clinic, settings: QSettings, qtbot: QtBot
) -> None:
    dialog = SignInDialog(staffed.services, settings, username="rita")
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(4):
        _sign_in(dialog, "guess")
        assert dialog.message.text() == "Wrong username or password."
    _sign_in(dialog, "guess")
    assert dialog.message.text().startswith("Too many wrong passwords")
    _sign_in(dialog, "temporary1")  # even the right one waits
    assert dialog.message.text().startswith("Too many wrong passwords")
    assert staffed.services.actor_id == 0
    staffed.services.staff.sign_in("admin", ADMIN_PASSWORD)
    staff = StaffDialog(staffed.services)
    qtbot.addWidget(staff)
    row = [a.username for a in staff.accounts].index("rita")
    assert staff.table.item(row, 3).text() == "locked out"
    staff.table.selectRow(row)
    assert staff.unlock_button.isEnabled()
    QTest.mouseClick(staff.unlock_button, Qt.MouseButton.LeftButton)
    assert staff.message.text() == "Account unlocked."
    staffed.services.staff.sign_out()
    _sign_in(dialog, "temporary1")  # an administrator's password: choose one's own
    assert dialog.new_password.isVisible()
    assert "choose a new one" in dialog.message.text()
    QTest.keyClicks(dialog.new_password, "rita's own")
    QTest.keyClicks(dialog.repeat, "rita's own")
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert staffed.services.context.desk.person is not None
    assert staffed.services.context.desk.person.username == "rita"


def test_an_admins_reset_asks_for_a_new_password_at_sign_in(
    staffed: Clinic, settings: QSettings, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff_service = staffed.services.staff
    rita = staff_service.sign_in("rita", "temporary1", new_password="rita's own").id
    staff_service.sign_in("admin", ADMIN_PASSWORD)
    staff = StaffDialog(staffed.services)
    qtbot.addWidget(staff)
    staff.table.selectRow([a.id for a in staff.accounts].index(rita))
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *_args: ("temporary2", True))
    QTest.mouseClick(staff.reset_button, Qt.MouseButton.LeftButton)
    assert staff.message.text() == "Password reset: it must be changed at the next sign-in."
    row = [a.id for a in staff.accounts].index(rita)
    assert staff.table.item(row, 3).text() == "new password at next sign-in"
    staff_service.sign_out()
    answers = answer_sign_in(monkeypatch, "rita", "temporary2", new_password="rita's newest")
    assert SignInDialog(staffed.services, settings).exec()
    assert answers.seen[0][0] == "new password asked"
    assert staffed.services.actor_id == rita


def test_the_idle_desk_locks_and_unlocks_with_the_password(staffed: Clinic, qtbot: QtBot) -> None:
    staffed.services.staff.sign_in("admin", ADMIN_PASSWORD)
    window = MainWindow(staffed.services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock = window.idle_lock
    assert lock.minutes == 10  # the clinic's default
    ticks = [0.0]
    lock._clock = lambda: ticks[0]
    lock.last_use = 0.0
    ticks[0] = 9 * 60
    lock.check()
    assert not lock.locked
    ticks[0] = 10 * 60
    lock.check()
    assert lock.locked and lock.panel is not None and lock.panel.isVisible()
    assert not window.centralWidget().isVisible()  # the schedule is hidden
    assert not window.book_action.isEnabled() and not window.menuBar().isEnabled()
    window.resize(1500, 1100)
    qtbot.waitUntil(lambda: lock.panel is not None and lock.panel.size() == window.size())
    QTest.keyClicks(lock.panel.password, "wrong one")
    QTest.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.locked and lock.panel.message.text() == "Wrong username or password."
    QTest.keyClicks(lock.panel.password, ADMIN_PASSWORD)
    QTest.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked and window.centralWidget().isVisible()
    assert window.book_action.isEnabled()
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()
    assert lock.locked
    switched: list[bool] = []
    lock._switched = lambda: switched.append(True)
    rita = staffed.services.staff
    rita.sign_out()
    rita.sign_in("rita", "temporary1", new_password="rita's own")
    rita.sign_in("admin", ADMIN_PASSWORD)
    QTest.keyClicks(lock.panel.other_user, "rita")
    QTest.keyClicks(lock.panel.other_password, "rita's own")
    QTest.mouseClick(lock.panel.other_button, Qt.MouseButton.LeftButton)
    assert not lock.locked and switched == [True]
    assert staffed.services.context.desk.person is not None
    assert staffed.services.context.desk.person.username == "rita"


def test_staff_are_created_and_disabled_and_the_last_admin_stays(
    staffed: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    staffed.services.staff.sign_in("admin", ADMIN_PASSWORD)
    dialog = StaffDialog(staffed.services)
    qtbot.addWidget(dialog)
    from scheduler_app.ui import staff_dialog

    def filled(new: staff_dialog.NewAccountDialog) -> int:
        new.username.setText("joao")
        new.display_name.setText("João Martins")
        new.role.setCurrentIndex(new.role.findData(Role.MANAGER.value))
        new.password.setText("temporary1")
        return 1

    monkeypatch.setattr(staff_dialog.NewAccountDialog, "exec", filled)
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Account added."
    names = [a.username for a in dialog.accounts]
    assert "joao" in names and dialog.current() is not None
    assert dialog.current().username == "joao"  # type: ignore[union-attr]
    QTest.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Account disabled."
    dialog.table.selectRow([a.username for a in dialog.accounts].index("admin"))
    QTest.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert "at least one active administrator" in dialog.message.text()
    with staffed.services.database.read_sessions() as session:
        joao = session.scalars(select(StaffUser).where(StaffUser.username == "joao")).one()
    assert not joao.is_active and joao.role is Role.MANAGER


def test_the_audit_window_filters_and_exports(
    staffed: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    staffed.services.staff.sign_in("admin", ADMIN_PASSWORD)
    joana = staffed.services.directory.find_clients("Joana")[0].id
    staffed.services.clients.history(joana)  # someone opened her record
    window = AuditWindow(staffed.services)
    qtbot.addWidget(window)
    window.client.setCurrentIndex(window.client.findData(joana))
    QTest.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    shown = [(r.action, r.entity) for r in window.rows]
    assert ("viewed", "client") in shown and ("book", "appointment") in shown
    assert all(e in ("client", "appointment") for _a, e in shown)
    book_row = [r.action for r in window.rows].index("book")
    window.table.selectRow(book_row)
    fields = [window.change.item(r, 0).text() for r in range(window.change.rowCount())]
    assert "start_at" in fields and window.change.item(0, 1).text() == ""  # nothing before
    window.export_to(tmp_path / "audit.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "audit.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["when", "staff", "action", "record", "number", "before", "after"]
    assert len(rows) == len(window.rows) + 1 and {r[2] for r in rows[1:]} >= {"viewed", "book"}


@pytest.fixture
def started(qtbot: QtBot) -> Iterator[list[Desk]]:
    opened: list[Desk] = []
    yield opened
    for desk in opened:
        desk.release()
        desk.window.close()


def test_a_new_clinics_first_start_makes_its_administrator(
    started: list[Desk], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.boxes import Boxes

    Boxes().install(monkeypatch)
    answers = answer_sign_in(monkeypatch, "ana", "a good password", display_name="Ana Lopes")
    url = config.sqlite_url(config.default_database_path())
    desk = open_desk(opener(url), url, first_start=True)
    assert desk is not None
    started.append(desk)
    qtbot.addWidget(desk.window)
    assert answers.seen == [("first account", "")]
    with desk.services.database.read_sessions() as session:
        accounts = session.scalars(select(StaffUser)).all()
    assert [(a.username, a.display_name, a.role) for a in accounts] == [
        ("ana", "Ana Lopes", Role.ADMIN)
    ]
    assert desk.services.actor_id == accounts[0].id
    assert desk.window.staff_action.isEnabled() and desk.window.audit_action.isEnabled()
