"""Logging to a rotating file in the per-user log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

from scheduler_app import config

#: Files kept in all: the one being written and the older ones rotated out of it
#: (README says how many).
LOG_FILES = 5
LOG_BYTES = 2_000_000


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by this user only (0600), the rotated ones too."""

    def _open(self) -> TextIOWrapper:
        stream = open(  # noqa: SIM115 (the handler owns the stream and closes it)
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=lambda path, flags: os.open(path, flags, 0o600),
        )
        assert isinstance(stream, TextIOWrapper)
        return stream


def rotating_file(path: Path, max_bytes: int = LOG_BYTES) -> logging.Handler:
    """A private handler that keeps ``path`` and ``LOG_FILES - 1`` older copies of it."""
    handler = PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=LOG_FILES - 1, encoding="utf-8"
    )
    path.chmod(0o600)  # also a log file written before files were kept private
    return handler


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the per-user log directory (and stderr when verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        handler = rotating_file(config.make_private_dir(config.log_dir()) / "scheduler-app.log")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
