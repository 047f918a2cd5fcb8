"""What the calendar integrations show and say: settings, views, a sync's outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduler_app.db import calendar_sync as rows


def retry_after(retries: int, frequency_minutes: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure, at most the frequency."""
    return timedelta(minutes=min(2 ** max(0, retries - 1), frequency_minutes))


@dataclass(frozen=True, slots=True)
class IntegrationSettings:
    """What a manager sets for an integration (the password goes to the keyring)."""

    professional_id: int
    url: str
    username: str = ""
    provider: str = ""
    frequency_minutes: int = 15
    with_client_names: bool = False
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class IntegrationView:
    id: int
    kind: str
    provider: str
    professional_id: int
    professional_name: str
    url: str
    username: str
    frequency_minutes: int
    with_client_names: bool
    is_active: bool
    #: "new", "ok", "conflicts" or "failed".
    status: str
    status_text: str
    last_sync_at: datetime | None
    retries: int
    next_sync_at: datetime | None


@dataclass(frozen=True, slots=True)
class SyncResult:
    integration_id: int
    #: "ok", "conflicts", "failed", or "busy" (another desk was syncing it).
    status: str
    text: str


@dataclass(frozen=True, slots=True)
class Sent:
    """What a sync wrote to the calendar."""

    created: int = 0
    updated: int = 0
    removed: int = 0


def outcome(
    sent: Sent, busy: int, added: int, gone: int, set_aside: int, name: str
) -> tuple[str, str]:
    """The status and words of a sync that went through."""
    parts = [
        f"{sent.created} appointment{'s' if sent.created != 1 else ''} sent",
        f"{sent.updated} updated",
        f"{sent.removed} removed",
    ]
    text = (
        "Synced: "
        + ", ".join(parts)
        + f"; {busy} busy time{'s' if busy != 1 else ''} in the calendar"
    )
    if added or gone:
        text += f" ({added} new, {gone} gone)"
    text += "."
    if set_aside:
        text += (
            f" {set_aside} appointment{'s' if set_aside != 1 else ''} clash"
            f"{'' if set_aside != 1 else 'es'} with {name}'s own calendar: set aside as a "
            "conflict to resolve."
        )
        return "conflicts", text
    return "ok", text


def view_of(r: rows.IntegrationRow) -> IntegrationView:
    return IntegrationView(
        r.id, r.kind, r.provider, r.professional_id, r.professional_name, r.url, r.username,
        r.frequency_minutes, r.with_client_names, r.is_active, r.status, r.status_text,
        r.last_sync_at, r.retries, r.next_sync_at,
    )  # fmt: skip
