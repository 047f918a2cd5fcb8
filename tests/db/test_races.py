"""Several desk processes booking into the same hours never break R1 or R2."""

from __future__ import annotations

import multiprocessing
import statistics
from collections import defaultdict
from itertools import pairwise

import pytest
from sqlalchemy import select

from scheduler_app.db.models import Appointment
from scheduler_app.domain.capacity import Demand, always_available, find_assignment
from scheduler_app.domain.status import ACTIVE_STATUSES
from tests.conftest import Clinic
from tests.db import race_worker


def _sweep(clinic: Clinic, professionals: list[int]) -> int:
    """Check R1 and R2 over every stored row; returns the number of active ones."""
    with clinic.services.database.read_sessions() as session:
        rows = session.scalars(
            select(Appointment).where(Appointment.status.in_(list(ACTIVE_STATUSES)))
        ).all()
    by_prof: dict[int, list[Appointment]] = defaultdict(list)
    for row in rows:
        if row.professional_id is not None:
            by_prof[row.professional_id].append(row)
    for items in by_prof.values():
        items.sort(key=lambda a: a.start_at)
        for a, b in pairwise(items):
            assert a.end_at <= b.start_at, f"R1 broken: {a.id} and {b.id}"
    slots = [
        Demand(r.id, int(r.start_at.timestamp()), int(r.end_at.timestamp()), r.professional_id)
        for r in rows
    ]
    found = find_assignment(slots, always_available(professionals))
    assert found is not None, "R2 broken: unassignable"
    return len(rows)


@pytest.mark.slow
def test_desks_racing_never_overbook(clinic: Clinic) -> None:
    professionals = clinic.professionals("P1", "P2", "P3")
    url = clinic.services.database.engine.url.render_as_string(hide_password=False)
    processes, attempts = (8, 260) if not clinic.services.database.is_sqlite else (4, 150)
    args = [
        (url, clinic.services.context.organization_id, clinic.admin, professionals, attempts, seed)
        for seed in range(processes)
    ]
    clinic.services.database.dispose()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.starmap(race_worker.desk, args)
    # From the first desk's first attempt to the last desk's last (not process start-up).
    elapsed = max(r["ended"] for r in results) - min(r["began"] for r in results)
    total = {k: sum(r[k] for r in results) for k in ("accepted", "refused", "busy", "stale")}
    latencies = sorted(x for r in results for x in r["latencies"])
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"\n{clinic.services.database.dialect}: {processes} desks, {len(latencies)} attempts: "
        f"{total}, {total['accepted'] / elapsed:.0f} accepted/s, "
        f"median {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    )
    assert len(latencies) == processes * attempts
    assert total["accepted"] > 100 and total["refused"] > 100  # the hours really were contested
    assert total["busy"] == 0, "a desk was told the database was busy"
    active = _sweep(clinic, professionals)
    assert active > 0
