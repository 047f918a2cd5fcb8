"""Which database a desk opens: command line, environment, settings file, default."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler_app import config
from scheduler_app.errors import ValidationError


def test_settings_file_points_a_desk_at_the_shared_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "etc.conf"
    machine.write_text("[database]\nurl = postgresql+psycopg://clinic@dbserver/clinic\n")
    monkeypatch.setattr(config, "config_files", lambda: [tmp_path / "none.conf", machine])
    monkeypatch.delenv(config.ENV_DATABASE, raising=False)
    assert config.database_url() == "postgresql+psycopg://clinic@dbserver/clinic"
    monkeypatch.setenv(config.ENV_DATABASE, "sqlite:////tmp/env.sqlite3")
    assert config.database_url() == "sqlite:////tmp/env.sqlite3"
    assert config.database_url("sqlite:////tmp/cli.sqlite3") == "sqlite:////tmp/cli.sqlite3"
    assert config.database_url(demo=True).endswith("demo.sqlite3")


def test_without_settings_the_embedded_file_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "config_files", lambda: [tmp_path / "missing.conf"])
    monkeypatch.delenv(config.ENV_DATABASE, raising=False)
    assert config.database_url().endswith("schedule.sqlite3")


def test_a_broken_settings_file_gets_a_clear_message(tmp_path: Path) -> None:
    broken = tmp_path / "scheduler-app.conf"
    broken.write_text("url = missing section header\n")
    with pytest.raises(ValidationError, match="cannot be read"):
        config.configured_database_url([broken])
