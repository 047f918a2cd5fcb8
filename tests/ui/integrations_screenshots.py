"""Screenshots of Clinic > Integrations (one calendar in step, one refusing its
password), the editor after Test connection, and the day view where busy time read
from a professional's calendar blocks them, at two window sizes. A real Radicale
runs for it on localhost.

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.integrations_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

import keyring
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.caldav_client import store_calendar_password
from scheduler_app.services.calendar_dto import IntegrationSettings
from scheduler_app.ui import i18n
from scheduler_app.ui.integrations_dialog import IntegrationEditor, IntegrationsDialog
from scheduler_app.ui.main_window import MainWindow
from tests.db.caldav_server import PASSWORD, USER, CalDavServer, event_ics
from tests.memory_keyring import MemoryKeyring
from tests.ui.find_time_screenshots import screen, wait
from tests.ui.take_screenshots import SIZES, settle


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "radicale"
        folder.mkdir()
        server = CalDavServer(folder)
        try:
            services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
            services.staff.sign_in_single_user()
            actor, tz = services.actor_id, services.context.timezone
            profs = {p.name: p.id for p in services.directory.professionals()}
            ana = server.make_calendar("Ana")
            tom = server.make_calendar("Tom")
            tomorrow = services.context.now().astimezone(tz).date() + timedelta(days=1)
            at = datetime.combine(tomorrow, time(14), tz)
            server.add(ana, event_ics("dentist@phone", at, at + timedelta(hours=2), "Dentist"))
            store_calendar_password(USER, ana, PASSWORD)
            first = services.calendars.save_integration(
                actor, None, IntegrationSettings(profs["Dr Ana Silva"], ana, USER, "Nextcloud")
            )
            services.calendars.sync_now(actor, first.id, "screenshots")
            wrong = tom.replace("127.0.0.1", "localhost")
            store_calendar_password(USER, wrong, "not-this-one")
            second = services.calendars.save_integration(
                actor, None, IntegrationSettings(profs["Tom Becker"], wrong, USER, "Radicale")
            )
            services.calendars.sync_now(actor, second.id, "screenshots")
            for size_name, (width, height) in SIZES.items():
                prefix = f"{out}/{language or 'en'}-{size_name}"
                window = MainWindow(services)
                window.resize(width, height)
                window.move(0, 0)
                window.show()
                settle(app, window)
                window.show_day(tomorrow)
                settle(app, window)
                screen(app, window, f"{prefix}-integrations-day.png")
                dialog = IntegrationsDialog(services, window)
                dialog.show()
                wait(app, lambda dialog=dialog: dialog.loads >= 1)  # type: ignore[misc]
                dialog.table.selectRow(1)
                wait(app, dialog.isVisible)
                screen(app, window, f"{prefix}-integrations-dialog.png")
                dialog.table.selectRow(0)
                editor = IntegrationEditor(services, dialog.current(), dialog.professionals, window)
                editor.show()
                editor.test_button.click()
                wait(app, editor.test_button.isEnabled)
                screen(app, window, f"{prefix}-integrations-editor.png")
                editor.reject()
                dialog.reject()
                window.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    sys.exit(main(args.out, args.language))
