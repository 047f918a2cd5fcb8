"""Resource capacity and picking against brute force (every instant counted)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler_app.domain.resources import (
    Hold,
    Resource,
    ResourceRefusal,
    pick,
    refusal_for,
    settle,
)
from scheduler_app.domain.working_time import outside_hours


def _fits_brute(wanted: Hold, others: list[Hold], resource: Resource) -> bool:
    for t in range(wanted.start, wanted.end):
        if any(a <= t < b for a, b in resource.down):
            return False
        running = sum(
            1
            for h in others
            if h.resource == resource.id and h.key != wanted.key and h.start <= t < h.end
        )
        if running + 1 > resource.capacity:
            return False
    return True


spans = st.tuples(st.integers(0, 20), st.integers(1, 6)).map(lambda p: (p[0], p[0] + p[1]))
holds = st.lists(st.tuples(st.integers(1, 3), spans).map(lambda p: (p[0], p[1])), max_size=10).map(
    lambda items: [Hold(i + 10, r, a, b) for i, (r, (a, b)) in enumerate(items)]
)


@settings(max_examples=600, deadline=None)
@given(
    others=holds,
    wanted=spans,
    capacity=st.integers(1, 3),
    down=st.lists(spans, max_size=2),
)
def test_a_hold_fits_exactly_when_every_instant_has_room(
    others: list[Hold], wanted: tuple[int, int], capacity: int, down: list[tuple[int, int]]
) -> None:
    resource = Resource(1, "room", capacity, tuple(sorted(down)))
    hold = Hold(1, 1, *wanted)
    refusal = refusal_for(hold, others, resource)
    assert (refusal is None) == _fits_brute(hold, others, resource)
    if refusal is not None and refusal.kind == "full":
        # The blamed appointments all run at the instant named, with the new one.
        assert len(refusal.blocking) == capacity
        for key in refusal.blocking:
            h = next(h for h in others if h.key == key)
            assert h.start <= refusal.at < h.end
        assert wanted[0] <= refusal.at < wanted[1]


@settings(max_examples=400, deadline=None)
@given(others=holds, wanted=spans, quantity=st.integers(1, 2))
def test_picking_takes_the_first_free_ones_or_proves_there_are_not_enough(
    others: list[Hold], wanted: tuple[int, int], quantity: int
) -> None:
    rooms = [Resource(r, "room", 1) for r in (1, 2, 3)]
    found = pick(1, *wanted, rooms, quantity, others)
    free = [r.id for r in rooms if _fits_brute(Hold(1, r.id, *wanted), others, r)]
    if len(free) >= quantity:
        assert isinstance(found, list)
        assert [h.resource for h in found] == free[:quantity]
    else:
        assert not isinstance(found, list)
        assert found.kind == "none_free"


@settings(max_examples=400, deadline=None)
@given(others=holds, moved=st.lists(st.tuples(st.integers(1, 3), spans, st.booleans()), max_size=4))
def test_settling_keeps_every_resource_within_capacity(
    others: list[Hold], moved: list[tuple[int, tuple[int, int], bool]]
) -> None:
    resources = {r: Resource(r, "room", 1) for r in (1, 2, 3)}
    wanted = [(Hold(-1 - i, r, a, b), swap) for i, (r, (a, b), swap) in enumerate(moved)]
    result = settle(wanted, others, resources)
    if isinstance(result, list):
        everything = [*others, *result]
        for hold in result:
            assert _fits_brute(
                hold, [h for h in everything if h is not hold], resources[hold.resource]
            )
            named = next(h for h, swap in wanted if h.key == hold.key)
            swappable = next(swap for h, swap in wanted if h.key == hold.key)
            assert hold.resource == named.resource or swappable
    else:
        # Refused: the refused one fits in no resource it may take, given the ones before.
        index = next(i for i, (h, _s) in enumerate(wanted) if h.key == result.key)
        before = settle(wanted[:index], others, resources)
        assert isinstance(before, list)
        hold, swap = wanted[index]
        allowed = [1, 2, 3] if swap else [hold.resource]
        for r in allowed:
            trial = hold._replace(resource=r)
            assert not _fits_brute(trial, [*others, *before], resources[r])


def test_back_to_back_appointments_share_a_room() -> None:
    room = Resource(1, "room", 1)
    assert refusal_for(Hold(1, 1, 10, 20), [Hold(2, 1, 0, 10), Hold(3, 1, 20, 30)], room) is None


def test_a_group_room_takes_as_many_as_its_capacity() -> None:
    room = Resource(1, "gym", 2)
    others = [Hold(2, 1, 0, 10), Hold(3, 1, 5, 15)]
    refusal = refusal_for(Hold(1, 1, 8, 9), others, room)
    assert refusal is not None and refusal.kind == "full" and refusal.blocking == (2, 3)
    assert refusal_for(Hold(1, 1, 10, 12), others, room) is None


# -- a resource's own hours ------------------------------------------------------

_CLOCKS = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@settings(max_examples=300, deadline=None)
@given(
    week=st.dictionaries(
        st.integers(0, 6), st.lists(st.tuples(_CLOCKS, _CLOCKS), max_size=3), max_size=7
    ),
    first=st.integers(0, 40),
    days=st.integers(1, 9),
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "UTC"]),
)
def test_outside_hours_is_every_minute_the_weekly_hours_leave_out(
    week: dict[int, list[tuple[time, time]]], first: int, days: int, zone: str
) -> None:
    """Against looking at each quarter hour of the wall clock, across the March DST
    changes: a time is outside unless its weekday has a range around its clock time
    (closing at 00:00 is midnight at the end of the day)."""
    tz = ZoneInfo(zone)
    week = {d: [(a, b) for a, b in r if b == time(0) or b > a] for d, r in week.items()}
    lo_day = date(2026, 3, 1) + timedelta(days=first)
    lo = int(datetime.combine(lo_day, time(0), tz).timestamp())
    hi = lo + days * 86400
    spans = outside_hours(week, lo, hi, tz)

    def opened(at: int) -> bool:
        wall = datetime.fromtimestamp(at, UTC).astimezone(tz)
        clock = wall.time().replace(tzinfo=None)
        return any(
            a <= clock and (b == time(0) or clock < b) for a, b in week.get(wall.weekday(), ())
        )

    for at in range(lo, hi, 900):
        outside = any(s <= at < e for s, e in spans)
        assert outside == (not opened(at)), datetime.fromtimestamp(at, UTC).astimezone(tz)


def test_a_resource_outside_its_hours_is_refused_and_another_picked() -> None:
    closed = ((100, 200),)
    a = Resource(1, "Ultrasound", closed=closed)
    b = Resource(2, "Ultrasound")
    refusal = refusal_for(Hold(9, 1, 150, 250), [], a)
    assert refusal == ResourceRefusal("closed", 9, 1, at=150, until=200)
    assert refusal_for(Hold(9, 1, 200, 250), [], a) is None
    assert pick(9, 150, 180, [a, b], 1, []) == [Hold(9, 2, 150, 180)]
