"""A real CalDAV server on localhost for the tests: Radicale in its own process, with
htpasswd sign-in (plain) and a storage folder of the test's own."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import caldav
from icalendar import Calendar

from tests.db.smtp_server import free_port

USER, PASSWORD = "desk", "cal-s3cret"


class CalDavServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
        (folder / "config").write_text(
            f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {folder / "users"}
htpasswd_encryption = plain
[storage]
filesystem_folder = {folder / "storage"}
[logging]
level = warning
"""
        )
        self._process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(folder / "config")],
            stdout=subprocess.DEVNULL,
            stderr=(folder / "radicale.log").open("w"),
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or self._process.poll() is not None:
                    self.stop()
                    raise RuntimeError("Radicale did not start") from None
                time.sleep(0.05)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/{USER}/"

    def make_calendar(self, name: str) -> str:
        """A new calendar; its URL."""
        with self.client() as client:
            made = client.principal().make_calendar(name=name, cal_id=name.lower())
            return str(made.url)

    def client(self) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.base, username=USER, password=PASSWORD, timeout=10)

    def add(self, url: str, ics: str) -> None:
        """Add an event, as the professional's phone would."""
        with self.client() as client:
            client.calendar(url=url).add_event(ics)

    def events(self, url: str) -> dict[str, Calendar]:
        """Every event on the calendar, by UID."""
        with self.client() as client:
            found = client.calendar(url=url).events()
            out = {}
            for item in found:
                calendar = Calendar.from_ical(item.data)
                for event in calendar.walk("VEVENT"):
                    out[str(event["uid"])] = calendar
            return out

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)


def event_ics(uid: str, start: datetime, end: datetime, summary: str, extra: str = "") -> str:
    stamp = "20260301T000000Z"
    fmt = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{stamp}\r\nDTSTART:{start.astimezone(UTC).strftime(fmt)}\r\n"
        f"DTEND:{end.astimezone(UTC).strftime(fmt)}\r\nSUMMARY:{summary}\r\n{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
