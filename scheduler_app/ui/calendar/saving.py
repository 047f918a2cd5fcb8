"""The "saving..." mark on blocks whose change is on its way to the server.

A dropped or nudged block stays where it was put, dashed and saying "Saving…",
with the times it is getting; once the server answers it stays there (the
calendar reloads) or, refused, goes back home at once while the reason is said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from scheduler_app.ui.calendar.resource_grid import ResourceGrid


def mark(
    grids: Iterable[ResourceGrid], places: Mapping[int, tuple[datetime, datetime] | None]
) -> None:
    """Mark ``places``' appointments as being saved, showing where they go."""
    for grid in grids:
        for key, times in places.items():
            grid.saving.add(key)
            block = grid.items.get(key)
            if block is None:
                continue
            block.set_saving(True)
            if times is not None:
                block.set_preview(times)


def unmark(
    grids: Iterable[ResourceGrid],
    keys: Iterable[int],
    saved: bool,
    still_saving: Callable[[int], bool],
) -> None:
    """The server answered for ``keys``: refused (not ``saved``), they go back home."""
    for grid in grids:
        for key in keys:
            if still_saving(key):
                continue  # another change to it is on its way
            grid.saving.discard(key)
            if saved:  # where it was dropped, until its new place is read
                found = grid.dropped_place(key)
                if found is not None:
                    grid.landed[key] = found
            block = grid.items.get(key)
            if block is None:
                continue
            block.set_saving(False)
            if not saved:
                block.set_preview(None)
                block.raise_(False)
                block.setRect(block.home)
