"""Logging to a rotating file in the per-user log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper

from scheduler_app import config


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


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the per-user log directory (and stderr when verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        path = config.make_private_dir(config.log_dir()) / "scheduler-app.log"
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5
        )
        path.chmod(0o600)  # also a log file written before files were kept private
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
