"""Logging to a rotating file in the per-user log folder."""

from __future__ import annotations

import logging
import logging.handlers

from scheduler_app import config


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the per-user log directory (and stderr when verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            config.log_dir() / "scheduler-app.log", maxBytes=2_000_000, backupCount=5
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
