"""Screenshots of Clinic > Teams, a service's skills and team, and the booking dialog
refusing a professional outside the team, at two window sizes.

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.teams_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.dto import ServiceDetails
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.services_dialog import ServiceEditor
from scheduler_app.ui.teams_dialog import TeamsDialog
from tests.ui.dialog_driver import lists_in
from tests.ui.find_time_screenshots import screen, wait
from tests.ui.take_screenshots import SIZES, settle


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()  # the demo clinic: single-user, no sign-in
        actor = services.actor_id
        profs = {p.name: p.id for p in services.directory.professionals()}
        massage = services.catalog.add(
            actor, ServiceDetails("Sports massage", 45, Decimal("40.00"), "EUR", "#2e7d32")
        )
        rehab = services.teams.add(actor, "Rehabilitation", "Physiotherapy and sports")
        services.teams.set_member(actor, rehab, profs["Tom Becker"], "lead", "BLS until 2027", 30)
        services.teams.set_member(actor, rehab, profs["Sofia Costa"], "member", "", 20)
        services.teams.set_service_team(actor, massage.id, rehab)
        services.skills.set_for_service(actor, massage.id, ["Sports massage"])
        services.skills.set_for_professional(actor, profs["Tom Becker"], ["Sports massage"])
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            settle(app, window)
            dialog = TeamsDialog(services, window)
            dialog.show()
            dialog.members.selectRow(0)
            wait(app, dialog.isVisible)
            screen(app, window, f"{prefix}-teams-dialog.png")
            dialog.reject()

            editor = ServiceEditor(services, massage, [], window)
            editor.show()
            wait(app, editor.isVisible)
            screen(app, window, f"{prefix}-teams-service.png")
            editor.reject()

            booking = BookingDialog(services, window.day, window)
            booking.show()
            lists_in(booking)
            booking.time_edit.setTime(QTime(8, 0))
            index = booking.service.findText("Sports massage", Qt.MatchFlag.MatchStartsWith)
            booking.service.setCurrentIndex(index)
            booking.professional.setCurrentIndex(booking.professional.findText("Dr Ana Silva"))
            wait(app, booking.isVisible)
            screen(app, window, f"{prefix}-teams-booking.png")
            booking.reject()
            window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    sys.exit(main(args.out, args.language))
