"""What the desk's window waits for over a real network: round trips and the longest
stall of the GUI thread, through a TCP proxy adding 10 and 30 ms per round trip,
side by side with a direct connection, in one run.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_network_waits.py`
(needs the PostgreSQL server of the test suite).

For each connection it prints, per operation:
- round trips (counted by the proxy: the desk's turns to speak), and statements and
  connections taken (SQLAlchemy's events; reads straight through the driver count
  only as their connection);
- how long the service call takes (what ran on the GUI thread before the window
  decided hovers itself and saved on a worker);
- the longest stall of the GUI thread, measured by a 1 ms timer on it (the
  longest gap between its ticks) while the operation runs and its answer lands
  (the reload of the day included).
Operations: one hover step (the service's check, as the window asked before,
and the desk's own check); a drag across 10 columns, dropped (saved on the
worker); a move (saved on the worker); a status change (saved on the worker); a
booking (what the dialog's Book button does: saved on the worker while the
window goes on painting); the booking dialog's start time moved by a key until its
free / busy line has the answer, checked on the GUI thread (as it was) and on the
worker; the booking dialog opened by a click in a professional's column and the
details dialog opened on an appointment (the window's own paths), until their lists
are filled and their free / busy line is checked, the lists read on the GUI thread
(as they were) and on the worker.
Target: the GUI thread never stalls longer than 50 ms at either delay.

Then, per change (a booking, a move, a status change), the round trips of the change
itself (the service's transaction: BEGIN to COMMIT) and of the reload of the day the
window does once it is saved (`read_period`), counted apart at the 10 ms link, beside
what the same steps took before they were pipelined (`BEFORE`, measured on the same
clinic with this test). Each round trip of one change is listed with what it sent.
Target: a change in at most 4 round trips. The reload is not counted in it: it is a
read on the reader connection, after the commit, that runs on a worker while the
window goes on painting and showing the saved block; it is reported beside it.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from sqlalchemy.engine import make_url

from scheduler_app.db.engine import open_database
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.bundle import Services, build_services
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.ui import dialog_lists, live_check
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.period_loader import read_period
from tests.conftest import Clinic, signed_in
from tests.db.fault_proxy import FaultProxy
from tests.ui.grid_driver import LEFT, NONE, point
from tests.ui.test_no_wait import statements_sent

pytestmark = pytest.mark.benchmark

DELAYS = (("direct", None), ("10 ms", 0.010), ("30 ms", 0.030))
COLUMNS = 10
STALL_TARGET_MS = 50.0


class StallMonitor:
    """The longest gap between ticks of a 1 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self.longest_ms = 0.0

    def _tick(self) -> None:
        gap = self._clock.nsecsElapsed() / 1e6
        self.longest_ms = max(self.longest_ms, gap)
        self._clock.restart()

    @contextmanager
    def watching(self) -> Iterator[StallMonitor]:
        self.longest_ms = 0.0
        self._clock.start()
        self._timer.start()
        try:
            yield self
        finally:
            self._tick()
            self._timer.stop()


@dataclass
class Row:
    round_trips: list[int] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    call_ms: list[float] = field(default_factory=list)
    stall_ms: list[float] = field(default_factory=list)
    #: Statements (and connections taken) on the GUI thread, where it is watched.
    on_gui_thread: list[int] = field(default_factory=list)


@contextmanager
def desk(clinic: Clinic, delay_s: float | None) -> Iterator[tuple[Services, FaultProxy | None]]:
    """A desk of ``clinic``'s server: direct, or through a proxy adding ``delay_s``."""
    if delay_s is None:
        yield clinic.services, None
        return
    url = make_url(clinic.services.database.engine.url.render_as_string(False))
    proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432, delay_s=delay_s)
    database = open_database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
    try:
        services = signed_in(build_services(database, clock=clinic.clock), "admin")
        services.context.desk.recheck_seconds = 3600
        yield services, proxy
    finally:
        database.dispose()
        proxy.close()


@contextmanager
def counting(services: Services, proxy: FaultProxy | None, row: Row) -> Iterator[None]:
    statements: list[int] = []
    database = services.database
    engines = {id(e): e for e in (database.engine, database.reader)}.values()

    def note(*_args: object) -> None:
        statements.append(1)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
        event.listen(engine, "checkout", note)
    trips = proxy.round_trips if proxy is not None else 0
    try:
        yield
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
            event.remove(engine, "checkout", note)
        row.statements.append(len(statements))
        row.round_trips.append(proxy.round_trips - trips if proxy is not None else -1)


def settle(window: MainWindow) -> None:
    deadline = time.monotonic() + 20
    while window.desk.queue.busy or window.loading:
        QApplication.processEvents()
        QTest.qWait(1)
        assert time.monotonic() < deadline, "the window never settled"


def measure(
    clinic: Clinic, services: Services, proxy: FaultProxy | None, day: int
) -> dict[str, Row]:
    """The figures of one desk, on 2 March + ``day`` (its own day)."""
    rows = {name: Row() for name in ("hover, service", "hover, desk", "drag 10 columns")}
    rows |= {name: Row() for name in ("move", "status change", "booking (Book)")}
    window = MainWindow(services)
    window.resize(1900, 1000)
    window.show()
    window.show_day(clinic.at(day, 0).date())
    settle(window)
    grid = window.day_view
    grid.relayout()
    grid.scroll_to_opening()
    monitor = StallMonitor()
    booked = sorted(window.model.rows(), key=lambda a: (a.professional_id or 0, a.start))
    first = booked[0]
    ids = [c.professional_id for c in grid.columns[:COLUMNS]]

    def timed(row: Row, call: Callable[..., object], *args: object) -> object:
        started = time.perf_counter()
        result = call(*args)
        row.call_ms.append((time.perf_counter() - started) * 1000)
        return result

    for step in range(20):  # one hover step, each way
        start = clinic.at(day, 9) + timedelta(minutes=15 * step)
        end, prof = start + timedelta(minutes=45), ids[step % COLUMNS]
        row = rows["hover, service"]
        with counting(services, proxy, row), monitor.watching():
            timed(row, services.booking.check_availability, start, end, prof, first.id)
        row.stall_ms.append(monitor.longest_ms)
        row = rows["hover, desk"]
        with counting(services, proxy, row), monitor.watching():
            timed(row, window.check, start, end, prof, first.id)
        row.stall_ms.append(monitor.longest_ms)

    for round_ in range(3):  # drag the first block across 10 columns, drop in the last
        block = grid.items[first.id]
        home_column, top = block.column, grid.minutes_of(block.appointment.start)
        viewport = grid.canvas.viewport()
        row = rows["drag 10 columns"]
        with counting(services, proxy, row), monitor.watching():
            started = time.perf_counter()
            QTest.mousePress(viewport, LEFT, NONE, point(grid, home_column, top + 5))
            for column in range(COLUMNS):
                QTest.mouseMove(viewport, point(grid, column, 16 * 60 + 5 + 15 * round_))
            QTest.mouseRelease(
                viewport, LEFT, NONE, point(grid, COLUMNS - 1, 16 * 60 + 5 + 15 * round_)
            )
            row.call_ms.append((time.perf_counter() - started) * 1000)
            settle(window)
        row.stall_ms.append(monitor.longest_ms)
        first = services.booking.get(first.id)

    for step in range(5):  # a move, saved on the worker
        appt = services.booking.get(booked[1].id)
        start = clinic.at(day, 17) + timedelta(minutes=60 * step)
        row = rows["move"]
        with counting(services, proxy, row), monitor.watching():
            started = time.perf_counter()
            window.desk.move(appt, start, start + (appt.end - appt.start), appt.professional_id)
            settle(window)
            row.call_ms.append((time.perf_counter() - started) * 1000)
        row.stall_ms.append(monitor.longest_ms)

    for appt_row in booked[2:6]:  # a status change, saved on the worker
        appt = services.booking.get(appt_row.id)
        row = rows["status change"]
        with counting(services, proxy, row), monitor.watching():
            started = time.perf_counter()
            window.desk.change_status(appt, AppointmentStatus.CONFIRMED)
            settle(window)
            row.call_ms.append((time.perf_counter() - started) * 1000)
        row.stall_ms.append(monitor.longest_ms)

    for step in range(5):  # a booking: what the dialog's Book button does, then the reload
        start = clinic.at(day, 19) + timedelta(minutes=30 * step)
        request = BookingRequest(start, start + timedelta(minutes=30), professional_id=ids[1])
        row = rows["booking (Book)"]
        with counting(services, proxy, row), monitor.watching():
            after = timed(row, window.desk.submit_booking, request)
            window.desk.changed(after)  # type: ignore[arg-type]
            settle(window)
        row.stall_ms.append(monitor.longest_ms)
    for name, in_place in (("dialog key, GUI thread", True), ("dialog key, worker", False)):
        rows[name] = measure_dialog(clinic, services, proxy, window, day, in_place)
    for where, in_place in (("GUI", True), ("worker", False)):
        opened = measure_opening(clinic, services, proxy, window, day, in_place)
        rows[f"booking dialog, {where}"], rows[f"details dialog, {where}"] = opened
    window.close()
    return rows


def measure_dialog(
    clinic: Clinic,
    services: Services,
    proxy: FaultProxy | None,
    window: MainWindow,
    day: int,
    in_place: bool,
) -> Row:
    """The booking dialog's start time moved by a key (Up), until its free / busy line
    has the answer: checked on the GUI thread (as before) or on the worker."""
    row = Row()
    started_by = live_check.start_check
    if in_place:
        live_check.start_check = lambda job: job.run()
    try:
        dialog = BookingDialog(services, clinic.at(day, 0).date(), window)
        dialog.show()
        wait_for(lambda: dialog.service.isEnabled(), "the dialog's lists")  # (read on the worker)
        monitor = StallMonitor()
        for _step in range(8):
            dialog.time_edit.setFocus()
            with counting(services, proxy, row), monitor.watching():
                started = time.perf_counter()
                QTest.keyClick(dialog.time_edit, Qt.Key.Key_Up)
                row.call_ms.append((time.perf_counter() - started) * 1000)
                deadline = time.monotonic() + 20
                while dialog.live.waiting:
                    QApplication.processEvents()
                    QTest.qWait(1)
                    assert time.monotonic() < deadline, "the check never answered"
            row.stall_ms.append(monitor.longest_ms)
        dialog.close()
    finally:
        live_check.start_check = started_by
    return row


def wait_for(done: Callable[[], bool], what: str) -> None:
    """Process events until ``done`` (the GUI thread's 1 ms timer ticking meanwhile)."""
    deadline = time.monotonic() + 20
    while not done():
        QApplication.processEvents()
        QTest.qWait(1)
        assert time.monotonic() < deadline, what


def measure_opening(
    clinic: Clinic,
    services: Services,
    proxy: FaultProxy | None,
    window: MainWindow,
    day: int,
    in_place: bool,
) -> tuple[Row, Row]:
    """The booking dialog opened by a click in a professional's column (at a free
    time), and the details dialog opened on an appointment, each until its lists are
    filled and its free / busy line is checked: the lists read on the GUI thread (as
    before) or on the worker."""
    booking, details = Row(), Row()
    started_by, execs = dialog_lists.start_read, (BookingDialog.exec, DetailsDialog.exec)
    if in_place:
        dialog_lists.start_read = lambda job: job.run()
    monitor = StallMonitor()

    def opened(row: Row, dialog: BookingDialog | DetailsDialog) -> int:
        """What exec() does, for the figure: shown, then left once filled and checked."""
        row.call_ms.append((time.perf_counter() - clicked[0]) * 1000)  # until it shows
        dialog.show()
        wait_for(lambda: dialog.service.isEnabled() and not dialog.live.waiting, "lists")
        dialog.hide()
        return 0

    BookingDialog.exec = lambda dialog: opened(booking, dialog)  # type: ignore[method-assign,assignment]
    DetailsDialog.exec = lambda dialog: opened(details, dialog)  # type: ignore[method-assign,assignment]
    clicked = [0.0]
    gui = threading.get_ident()
    prof = window.day_view.columns[1].professional_id
    shown = sorted(window.model.rows(), key=lambda a: a.start)
    try:
        for step in range(6):
            start = clinic.at(day, 8) + timedelta(minutes=15 * step)
            with (
                counting(services, proxy, booking),
                statements_sent(services) as sent,
                monitor.watching(),
            ):
                clicked[0] = time.perf_counter()
                window.book_at(prof, start, None)
            booking.stall_ms.append(monitor.longest_ms)
            booking.on_gui_thread.append(sent.count(gui))
            appt = shown[step % len(shown)]
            with (
                counting(services, proxy, details),
                statements_sent(services) as sent,
                monitor.watching(),
            ):
                clicked[0] = time.perf_counter()
                window.desk.edit(appt)
            details.stall_ms.append(monitor.longest_ms)
            details.on_gui_thread.append(sent.count(gui))
    finally:
        dialog_lists.start_read = started_by
        BookingDialog.exec, DetailsDialog.exec = execs  # type: ignore[method-assign]
    return booking, details


#: Round trips per change before the writes waited for the next round trip (the
#: change, then the window's reload of the day), as this test counted them.
BEFORE = {"booking": (11, 13), "move": (13, 13), "status change": (7, 13)}
#: At most this many round trips per change.
CHANGE_TARGET = 4


def count_trips(proxy: FaultProxy, call: Callable[[], object]) -> tuple[int, list[list[str]]]:
    """The round trips ``call`` took, and what the desk sent in each."""
    proxy.said.clear()
    proxy.trace = True
    before = proxy.round_trips
    try:
        call()
    finally:
        proxy.trace = False
    return proxy.round_trips - before, list(proxy.said)


def measure_changes(
    clinic: Clinic, services: Services, proxy: FaultProxy, day: int
) -> dict[str, tuple[list[int], list[int], list[list[str]]]]:
    """Per change: the round trips of each (the change, then the reload), and what the
    first one sent, round trip by round trip."""
    actor, booking, life = services.actor_id, services.booking, services.lifecycle
    start, end = day_bounds(clinic.at(day, 0).date(), services.context.timezone)
    client = clinic.client("Ana Trips")
    prof = clinic.professionals("Dr Trips")[0]
    read_period(services, start, end)  # what the window has read already
    found: dict[str, tuple[list[int], list[int], list[list[str]]]] = {}

    def note(name: str, call: Callable[[], AppointmentView]) -> AppointmentView:
        saved: list[AppointmentView] = []
        trips, said = count_trips(proxy, lambda: saved.append(call()))
        reload, _said = count_trips(proxy, lambda: read_period(services, start, end))
        changes, reloads, _steps = found.setdefault(name, ([], [], said))
        changes.append(trips)
        reloads.append(reload)
        return saved[0]

    for step in range(3):
        at = clinic.at(day, 8) + timedelta(minutes=30 * step)
        request = BookingRequest(
            at, at + timedelta(minutes=30), professional_id=prof, client_id=client
        )
        booked = note("booking", partial(booking.book, actor, request))
        later = at + timedelta(hours=13)
        moved = note("move", partial(booking.reschedule, actor, booked.id, booked.version, later))
        confirm = partial(life.set_status, actor, moved.id, moved.version)
        note("status change", partial(confirm, AppointmentStatus.CONFIRMED))
    return found


def test_round_trips_and_gui_stalls_over_a_slow_network(pg_clinic: Clinic) -> None:
    QApplication.instance() or QApplication([])
    clinic = pg_clinic
    professionals = clinic.professionals(*(f"Dr {chr(65 + i)}. Example" for i in range(COLUMNS)))
    for (i, prof), day in itertools.product(enumerate(professionals), (2, 3, 4)):
        for hour in (10, 12):
            clinic.booking.book(
                clinic.admin,
                BookingRequest(
                    clinic.at(day, hour, 15 * (i % 3)),
                    clinic.at(day, hour + 1),
                    professional_id=prof,
                ),
            )
    results = {}
    collections: list[tuple[float, int]] = []  # (ms, generation) of each garbage collection
    started = [0.0]

    def timed_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            collections.append(((time.perf_counter() - started[0]) * 1000, info["generation"]))

    gc.callbacks.append(timed_collection)
    changes = {}
    for day, (name, delay) in enumerate(DELAYS, start=2):
        clinic.booking.book(clinic.admin, BookingRequest(clinic.at(day, 14), clinic.at(day, 15)))
        with desk(clinic, delay) as (services, proxy):
            results[name] = measure(clinic, services, proxy, day)
            if name == "10 ms":
                assert proxy is not None
                changes = measure_changes(clinic, services, proxy, day)
    print()
    print(
        f"{'operation':<22} {'link':>7} {'round trips':>11} {'stmts+conns':>11} "
        f"{'call ms':>8} {'GUI stall ms median/max':>24}"
    )
    worst: dict[str, float] = {}
    for op in results["direct"]:
        for name, _delay in DELAYS:
            row = results[name][op]
            trips = "-" if row.round_trips[0] < 0 else f"{statistics.mean(row.round_trips):.1f}"
            call = f"{statistics.median(row.call_ms):.1f}" if row.call_ms else "-"
            stall = max(row.stall_ms)
            worst[f"{op} / {name}"] = stall
            stalls = f"{statistics.median(row.stall_ms):.1f} / {stall:.1f}"
            print(
                f"{op:<22} {name:>7} {trips:>11} {statistics.mean(row.statements):>11.1f} "
                f"{call:>8} {stalls:>24}"
            )
    on_gui = {
        f"{op} / {name}": sum(results[name][op].on_gui_thread)
        for op in results["direct"]
        for name, _delay in DELAYS
        if results[name][op].on_gui_thread
    }
    print(f"statements and connections taken on the GUI thread while opening: {on_gui}")
    over = {k: v for k, v in worst.items() if v > STALL_TARGET_MS and "service" not in k}
    print(f"over {STALL_TARGET_MS:.0f} ms (desk paths): {over or 'none'}")
    for key in over:
        op, name = key.split(" / ")
        print(f"  {key}, each time: {[round(v, 1) for v in results[name][op].stall_ms]}")
    gc.callbacks.remove(timed_collection)
    longest = max(collections, default=(0.0, 0))
    print(
        f"garbage collections meanwhile: {len(collections)}, the longest {longest[0]:.1f} ms "
        f"(generation {longest[1]}; it stops every thread, the GUI thread too)"
    )
    print(
        f"\n{'change (10 ms link)':<20} {'change trips before/after':>26} "
        f"{'reload trips before/after':>26}"
    )
    for change, (trips, reloads, _said) in changes.items():
        was, was_reload = BEFORE[change]
        print(f"{change:<20} {was:>13} / {max(trips):<10} {was_reload:>13} / {max(reloads):<10}")
    for change, (_trips, _reloads, said) in changes.items():
        print(f"{change}, round trip by round trip:")
        for number, statements in enumerate(said, start=1):
            words = " + ".join(_first_words(s) for s in statements) or "(a prepared statement)"
            print(f"  {number}. {words}")
    assert all(max(trips) <= CHANGE_TARGET for trips, _r, _s in changes.values()), changes
    desk_hover = [results[n]["hover, desk"] for n, _d in DELAYS]
    assert all(worst[f"dialog key, worker / {n}"] <= STALL_TARGET_MS for n, _d in DELAYS)
    # Opening a dialog sends nothing from the GUI thread: what is left of its stall is
    # building and painting the dialog, the same on a direct connection.
    assert all(v == 0 for k, v in on_gui.items() if "worker" in k), on_gui
    assert all(t == 0 for r in desk_hover for t in r.statements)


def _first_words(sql: str) -> str:
    """A statement in a few words: its verb and the table it is about."""
    words = sql.split()
    if not words:
        return "?"
    verb = words[0].upper()
    tables = [
        following
        for word, following in itertools.pairwise(words)
        if word.upper() in ("FROM", "INTO", "UPDATE") and following.isidentifier()
    ]
    table = tables[0] if tables else ""
    if verb == "SELECT" and "FOR NO KEY UPDATE" in sql:
        return f"lock {table}"
    if "pg_notify" in sql:
        return "NOTIFY"
    return f"{verb} {table}".strip() if verb in ("SELECT", "INSERT", "UPDATE", "DELETE") else verb
