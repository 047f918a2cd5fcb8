"""Logging to a rotating file in the per-user log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from scheduler_app import config

#: Files kept in all: the one being written and the older ones rotated out of it
#: (README says how many).
LOG_FILES = 5
LOG_BYTES = 2_000_000


def rotating_file(path: Path, max_bytes: int = LOG_BYTES) -> logging.Handler:
    """A handler that keeps ``path`` and ``LOG_FILES - 1`` older copies of it."""
    return logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=LOG_FILES - 1, encoding="utf-8"
    )


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the per-user log directory (and stderr when verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        handler = rotating_file(config.log_dir() / "scheduler-app.log")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
