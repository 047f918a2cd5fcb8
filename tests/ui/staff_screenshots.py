"""Screenshots of signing in, the staff accounts, the idle lock and the audit trail,
over the desk window at 1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.staff_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.staff import FirstAccount, SignInError
from scheduler_app.ui import i18n
from scheduler_app.ui.audit_window import AuditWindow
from scheduler_app.ui.first_account import FirstAccountDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.sign_in_dialog import SignInDialog
from scheduler_app.ui.staff_dialog import StaffDialog
from tests.ui.setup_screenshots import grab_over, settle

SIZES = {"small": (1024, 700), "large": (1920, 1080)}


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        staff = services.staff
        admin = staff.sign_in_single_user()
        assert admin is not None
        staff.create(admin.id, "rita", "Rita Costa", "reception", "temporary1")
        staff.create(admin.id, "joao", "João Martins", "manager", "temporary1")
        tom = staff.create(admin.id, "tom", "Tom Becker", "reception", "temporary1").id
        prof = services.directory.professionals()[0]
        staff.link_professional(admin.id, tom, prof.id)
        staff.set_active(
            admin.id, staff.create(admin.id, "old", "Former", "reception", "x" * 9).id, False
        )
        staff.sign_out()
        for _ in range(5):
            with contextlib.suppress(SignInError):  # the lock-out is what is shown
                staff.sign_in("rita", "wrong password")
        staff.sign_in_single_user()
        appt = services.booking.appointments_on(services.context.now().date())[0]
        services.booking.edit_details(admin.id, appt.id, appt.version, {"title": "Knee check"})
        services.clients.history(appt.client_id or 1)
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(services)
            window.resize(width, height)
            window.show()
            settle(app)
            prefix = out / f"{language or 'en'}-{size_name}"
            sign_in = SignInDialog(services, None, window, username="rita")

            def wrong(dialog: SignInDialog = sign_in) -> None:
                QTest.keyClicks(dialog.password, "not it")
                dialog.sign_in()

            grab_over(app, window, sign_in, Path(f"{prefix}-sign-in.png"), wrong)
            first = FirstAccountDialog(services, FirstAccount(None, None), window)
            first.username.setText("ana")
            first.display_name.setText("Ana Lopes")
            grab_over(app, window, first, Path(f"{prefix}-first-account.png"))
            grab_over(app, window, StaffDialog(services, window), Path(f"{prefix}-staff.png"))
            audit = AuditWindow(services, window)
            grab_over(app, window, audit, Path(f"{prefix}-audit.png"))
            history = AuditWindow(services, window, appointment_id=appt.id)
            grab_over(app, window, history, Path(f"{prefix}-history.png"))
            window.idle_lock.lock()
            settle(app)
            window.grab().save(f"{prefix}-locked.png")
            window.idle_lock.unlock()
            window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    arguments = parser.parse_args()
    sys.exit(main(arguments.out, arguments.language))
