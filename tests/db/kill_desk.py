"""A desk that books, moves and cancels until it is killed (the kill test's child).

Every change the services acknowledged is printed as one JSON line right after
the call returned: what the desk was told is saved. Run:
python -m tests.db.kill_desk URL ORG ACTOR PROFESSIONALS CLIENTS SEED
(PROFESSIONALS and CLIENTS comma-separated ids).
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import open_database
from scheduler_app.errors import SchedulerError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.lifecycle import LifecycleService

LISBON = ZoneInfo("Europe/Lisbon")
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("UTC"))
FIRST = datetime(2026, 3, 3, 9, 0, tzinfo=LISBON)


def said(op: str, view: AppointmentView) -> None:
    print(
        json.dumps(
            {
                "op": op,
                "id": view.id,
                "version": view.version,
                "start": view.start.isoformat(),
                "end": view.end.isoformat(),
                "professional": view.professional_id,
                "status": str(view.status.value),
            }
        ),
        flush=True,
    )


def run(url: str, org: int, actor: int, professionals: list[int], clients: list[int], seed: int):  # type: ignore[no-untyped-def]
    database = open_database(url)
    ctx = ServiceContext(database, org, LISBON, clock=lambda: NOW)
    ctx.desk.become(actor)
    booking, life = BookingService(ctx), LifecycleService(ctx)
    rng = random.Random(seed)
    mine: list[AppointmentView] = []
    print(json.dumps({"op": "ready"}), flush=True)
    while True:
        start = FIRST + timedelta(days=rng.randrange(3), minutes=15 * rng.randrange(24))
        roll = rng.random()
        try:
            if roll < 0.55 or not mine:
                end = start + timedelta(minutes=rng.choice((15, 30, 45, 60)))
                view = booking.book(
                    actor,
                    BookingRequest(
                        start=start,
                        end=end,
                        professional_id=rng.choice([None, *professionals]),
                        client_id=rng.choice(clients),
                    ),
                )
                mine.append(view)
                said("book", view)
            elif roll < 0.85:
                i = rng.randrange(len(mine))
                if start == mine[i].start:
                    continue
                view = booking.move(actor, mine[i].id, mine[i].version, start)
                mine[i] = view
                said("move", view)
            else:
                old = mine.pop(rng.randrange(len(mine)))
                said("cancel", life.cancel(actor, old.id, old.version, "kill test"))
        except SchedulerError:
            continue  # refused (time taken, busy): nothing was changed


if __name__ == "__main__":
    url, org, actor, profs, clients, seed = sys.argv[1:7]
    run(
        url,
        int(org),
        int(actor),
        [int(p) for p in profs.split(",")],
        [int(c) for c in clients.split(",")],
        int(seed),
    )
