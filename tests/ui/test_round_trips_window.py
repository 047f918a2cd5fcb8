"""A block dragged on the day view of a desk on a PostgreSQL server: the move saved
and the day read again in few round trips (each costs 1-30 ms over a real network),
counted by a real TCP proxy between the desk and the server."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.ui.main_window import MainWindow
from tests.ui.conftest import _small_day
from tests.ui.grid_driver import by_hour, drag, point
from tests.ui.through_proxy import desk_through_proxy

#: A move (at most 4), the day read again (at most 3), and the waitlist's look for
#: who waits for the time the move freed (2).
MOST = 4 + 3 + 2


def test_a_dropped_block_is_saved_and_shown_in_few_round_trips(
    postgres_database: Database, qtbot: QtBot
) -> None:
    clinic = _small_day(postgres_database)
    with desk_through_proxy(clinic) as (services, proxy):
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.resize(1300, 1000)
        window.show()
        qtbot.waitExposed(window)
        window.show_day(clinic.at(2, 0).date())
        window.day_view.relayout()
        window.day_view.scroll_to_opening()
        appt = by_hour(clinic, 10)
        proxy.trace = True
        before = proxy.round_trips
        grid = window.day_view
        drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 1, 15 * 60 + 10))
        trips = proxy.round_trips - before
        proxy.trace = False

        moved = clinic.booking.get(appt.id)
        assert (moved.professional_name, moved.start) == ("Tom Becker", clinic.at(2, 15))
        shown = grid.items[appt.id].appointment
        assert (shown.start, shown.version) == (moved.start, moved.version)
        assert trips <= MOST, proxy.said[-trips:]
        window.close()
