"""Desks killed at random moments (SIGKILL) lose nothing they acknowledged and leave
the database whole: every change atomic with its audit entry and its messages,
R1 and R2 intact."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from scheduler_app.db.health import check_url
from scheduler_app.db.models import Appointment, AuditEntry
from scheduler_app.db.notification_models import Notification, NotificationKind
from scheduler_app.domain.status import ACTIVE_STATUSES
from tests.conftest import Clinic
from tests.database_files import ROOT
from tests.db.test_races import _sweep

KILLS = 30
DESKS = 3
NOTICES = {
    NotificationKind.APPOINTMENT_CREATED,
    NotificationKind.APPOINTMENT_UPDATED,
    NotificationKind.SCHEDULE_CHANGE,
    NotificationKind.APPOINTMENT_CANCELLED,
}
LEADS = (timedelta(hours=24), timedelta(hours=2))  # the clinic's reminder times


@dataclass
class Desk:
    process: subprocess.Popen[str]
    said: list[dict[str, Any]] = field(default_factory=list)
    buffer: str = ""

    def read(self, timeout: float) -> bool:
        """Take in what the desk printed; False when nothing came within ``timeout``."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.process.stdout.fileno(), 65536).decode()
        if not chunk:
            return False
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split("\n")
        self.said += [json.loads(line) for line in lines if line]
        return True

    def changes(self) -> int:
        return sum(1 for s in self.said if s["op"] != "ready")


def _start(
    url: str, clinic: Clinic, professionals: list[int], clients: list[int], seed: int
) -> Desk:
    command = [
        sys.executable,
        "-m",
        "tests.db.kill_desk",
        url,
        str(clinic.services.context.organization_id),
        str(clinic.admin),
        ",".join(map(str, professionals)),
        ",".join(map(str, clients)),
        str(seed),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return Desk(process)


@pytest.mark.slow
def test_desks_killed_at_random_lose_nothing_they_acknowledged(clinic: Clinic) -> None:
    database = clinic.services.database
    professionals = clinic.professionals("P1", "P2", "P3", "P4")
    clients = [
        clinic.directory.add_client(clinic.admin, name, "", f"{name.lower()}@example.org").id
        for name in ("Ana", "Rui")
    ]
    url = database.engine.url.render_as_string(hide_password=False)
    database.dispose()
    rng = random.Random(14)
    began = time.monotonic()
    desks = [_start(url, clinic, professionals, clients, seed) for seed in range(DESKS)]
    finished: list[Desk] = []
    kills = 0
    try:
        while kills < KILLS:
            victim = rng.randrange(len(desks))
            desk = desks[victim]
            wanted = desk.changes() + rng.randint(0, 4)
            while desk.changes() < wanted or not desk.said:  # ready, and k changes more
                assert desk.read(timeout=30), "a desk stopped answering"
            time.sleep(rng.uniform(0, 0.02))  # somewhere inside its next change
            desk.process.send_signal(signal.SIGKILL)
            desk.process.wait(timeout=30)
            while desk.read(timeout=0):
                pass  # what it printed before dying was acknowledged
            kills += 1
            finished.append(desk)
            desks[victim] = _start(url, clinic, professionals, clients, 100 + kills)
    finally:
        for desk in desks:
            desk.process.send_signal(signal.SIGKILL)
            desk.process.wait(timeout=30)
            while desk.read(timeout=0):
                pass
        finished += desks
    elapsed = time.monotonic() - began
    acknowledged = [s for d in finished for s in d.said if s["op"] != "ready"]
    print(
        f"\n{database.dialect}: {kills} kills in {elapsed:.1f} s, "
        f"{len(acknowledged)} acknowledged changes ({Counter(s['op'] for s in acknowledged)})"
    )
    assert kills >= KILLS and len(acknowledged) > KILLS
    _all_is_whole(clinic, url, acknowledged, professionals)


def _all_is_whole(
    clinic: Clinic, url: str, acknowledged: list[dict[str, Any]], professionals: list[int]
) -> None:
    findings = check_url(url)
    assert all(f.ok for f in findings), [f for f in findings if not f.ok]
    with clinic.services.database.read_sessions() as session:
        rows = {a.id: a for a in session.scalars(sql_select(Appointment))}
        audits = Counter(
            dict(
                session.execute(
                    sql_select(AuditEntry.entity_id, func.count())
                    .where(AuditEntry.entity == "appointment")
                    .group_by(AuditEntry.entity_id)
                ).all()
            )
        )
        notes = session.execute(
            sql_select(
                Notification.appointment_id,
                Notification.kind,
                Notification.status,
                Notification.scheduled_at,
            )
        ).all()
    last: dict[int, dict[str, Any]] = {}
    for said in acknowledged:  # in each desk's order; a desk changes only its own
        last[said["id"]] = said
    for appt_id, said in last.items():
        row = rows.get(appt_id)
        assert row is not None, f"acknowledged appointment {appt_id} is gone"
        assert row.version >= said["version"], f"acknowledged change to {appt_id} is gone"
        if row.version == said["version"]:
            assert row.start_at == datetime.fromisoformat(said["start"])
            assert row.status.value == said["status"]
        if said["op"] == "cancel":
            assert row.status.value == "cancelled"
    notices = Counter(a for a, kind, _s, _at in notes if kind in NOTICES)
    pending = {
        (a, at)
        for a, kind, status, at in notes
        if kind == NotificationKind.APPOINTMENT_REMINDER and status.value == "pending"
    }
    for row in rows.values():
        # One audit entry and one e-mail notice per change: each change was atomic.
        assert audits[row.id] == row.version, f"appointment {row.id}: audit trail"
        assert notices[row.id] == row.version, f"appointment {row.id}: notices"
        expected = (
            {(row.id, row.start_at - lead) for lead in LEADS}
            if row.status in ACTIVE_STATUSES
            else set()
        )
        assert {p for p in pending if p[0] == row.id} == expected, f"{row.id}: reminders"
    _sweep(clinic, professionals)
