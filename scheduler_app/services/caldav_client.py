"""Talking to a CalDAV server (the `caldav` package): read a calendar, write events.

Every failure becomes `CalendarError` with a message a desk can act on (wrong
password, server not answering, no calendar at that address); the raw text of the
library or the network goes to the log only.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import caldav
from caldav.lib import error as dav_error
from icalendar import Calendar, Event

from scheduler_app.errors import SchedulerError
from scheduler_app.secrets import get_secret, store_secret

log = logging.getLogger(__name__)

#: Seconds to wait for the server on each request.
TIMEOUT = 15


class CalendarError(SchedulerError):
    title = "Calendar not reachable"


@dataclass(frozen=True, slots=True)
class ServerEvent:
    """An event as it is on the server: its UID, its data, and the handle to change it."""

    uid: str
    calendar: Calendar
    handle: Any


def password_key(username: str, url: str) -> str:
    return f"caldav:{username}@{urllib.parse.urlsplit(url).hostname or ''}"


def calendar_password(username: str, url: str) -> str:
    """The calendar's password from the system keyring ("" when there is none)."""
    return get_secret(password_key(username, url)) if username else ""


def store_calendar_password(username: str, url: str, password: str) -> None:
    """Keep the calendar's password in the system keyring (never in the database)."""
    store_secret(password_key(username, url), password)


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) address (else `CalendarError` saying so)."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CalendarError(
            "The calendar's address must be a web address such as "
            "https://calendar.example.com/dav/calendars/user/name/."
        )
    return url


@contextmanager
def _words(url: str) -> Iterator[None]:
    """Library and network errors, as a desk can act on them."""
    host = urllib.parse.urlsplit(url).netloc
    try:
        yield
    except CalendarError:
        raise
    except dav_error.AuthorizationError as exc:
        log.info("calendar server %s refused the sign-in: %s", host, exc)
        raise CalendarError(
            f"The calendar server {host} refused the user name or password. "
            "Check them in Clinic > Integrations."
        ) from exc
    except dav_error.NotFoundError as exc:
        log.info("no calendar at %s: %s", url, exc)
        raise CalendarError(
            f"There is no calendar at {url}. Check the address in Clinic > Integrations."
        ) from exc
    except dav_error.DAVError as exc:
        log.warning("calendar server %s: %s", host, exc)
        raise CalendarError(f"The calendar server {host} did not accept the request.") from exc
    except (OSError, ValueError) as exc:  # niquests' connection errors are OSErrors
        log.warning("calendar server %s not reachable: %s", host, exc)
        raise CalendarError(
            f"The calendar server {host} does not answer: check the address and the network."
        ) from exc


class CalendarConnection:
    """One calendar collection on a CalDAV server, for one sync or one test."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.url = check_url(url)
        self._client = caldav.DAVClient(  # type: ignore[operator]
            url=self.url,
            username=username or None,
            password=password or None,
            timeout=TIMEOUT,
            enable_rfc6764=False,
        )
        self._calendar = self._client.calendar(url=self.url)

    def close(self) -> None:
        self._client.close()

    def name(self) -> str:
        """The calendar's display name (checks that it exists and the password works)."""
        with _words(self.url):
            found = self._calendar.get_display_name()
        return str(found or "")

    def events(self, start: datetime, end: datetime) -> list[ServerEvent]:
        """Every event with a time in ``[start, end)`` (repeating ones as written)."""
        with _words(self.url):
            found = self._calendar.search(start=start, end=end, event=True, expand=False)
            events = []
            for item in found:
                calendar = Calendar.from_ical(item.data)
                uids = {str(e.get("uid", "")) for e in calendar.walk("VEVENT")}
                events.append(ServerEvent(min(uids) if uids else "", calendar, item))
        return events

    def put(self, event: Event, prodid: str) -> None:
        """Create or replace the event (by its UID)."""
        calendar = Calendar()
        calendar.add("prodid", prodid)
        calendar.add("version", "2.0")
        calendar.add_component(event)
        with _words(self.url):
            self._calendar.add_event(calendar.to_ical().decode("utf-8"))

    def delete(self, found: ServerEvent) -> None:
        # Already gone: what was wanted.
        with _words(self.url), suppress(dav_error.NotFoundError):
            found.handle.delete()


def test_connection(url: str, username: str, password: str) -> str:
    """Connect and read the calendar's name; what was found, in words (else
    `CalendarError` saying what is wrong)."""
    connection = CalendarConnection(url, username, password)
    try:
        name = connection.name()
    finally:
        connection.close()
    return f"Connected: the calendar “{name}” was found." if name else "Connected."
