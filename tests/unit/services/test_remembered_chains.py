"""Where a desk remembers chains of unassigned appointments (`availability.Chains`)."""

from __future__ import annotations

import time

from scheduler_app.domain.capacity import FOREVER
from scheduler_app.services.availability import WIDEN_STEP, Chains

DAY = 86400


def test_a_chain_is_found_near_a_window_and_not_far_from_it() -> None:
    chains = Chains()
    chains.remember(100 * DAY + 8 * 3600, 100 * DAY + 18 * 3600)
    assert chains.near([(100 * DAY + 12 * 3600, 100 * DAY + 13 * 3600)]) == [
        (100 * DAY + 8 * 3600, 100 * DAY + 18 * 3600)
    ]
    just_after = 100 * DAY + 18 * 3600 + WIDEN_STEP - 1
    assert chains.near([(just_after, just_after + 600)]) != []
    assert chains.near([(101 * DAY + 12 * 3600, 101 * DAY + 13 * 3600)]) == []


def test_a_window_running_to_forever_finds_the_chains_after_it_at_once() -> None:
    """A professional leaving withdraws their time to FOREVER (about 2.9 million days):
    the chains known are looked at, not the days."""
    chains = Chains()
    began = time.perf_counter()
    assert chains.near([(10 * DAY, FOREVER)]) == []
    chains.remember(100 * DAY, 100 * DAY + 3600)
    assert chains.near([(10 * DAY, FOREVER)]) == [(100 * DAY, 100 * DAY + 3600)]
    assert time.perf_counter() - began < 0.05
