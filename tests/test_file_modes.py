"""What the desk writes in the per-user folders is readable by that user only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from scheduler_app import config
from tests.database_files import ROOT


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_log_and_backups_are_private(own_user_folders: Path) -> None:
    for command in (["db", "upgrade"], ["db", "backup"]):  # the default, per-user file
        result = subprocess.run(
            [sys.executable, "-m", "scheduler_app", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    database = config.default_database_path()
    assert _mode(database.parent) == 0o700 and _mode(database) == 0o600
    log = config.log_dir() / "scheduler-app.log"
    assert _mode(log.parent) == 0o700 and _mode(log) == 0o600
    (backup,) = (config.data_dir() / "backups").rglob("*.sqlite3")
    assert _mode(backup.parent) == 0o700 and _mode(backup) == 0o600
    assert str(database).startswith(str(own_user_folders))  # never the real folders
