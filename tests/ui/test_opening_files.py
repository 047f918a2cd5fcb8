"""Every kind of database file through the window's start-up path: a question
before anything is created, a dialog naming the file for what cannot be opened,
and no byte of a file changed that should not be."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app import config
from scheduler_app.db import backups
from scheduler_app.db.engine import sqlite_url
from scheduler_app.errors import ReadOnlyDatabaseError
from scheduler_app.ui.application import Desk, open_desk
from scheduler_app.ui.startup import is_default_file, opener
from tests.database_files import (
    ROOT,
    dropped_privileges,
    edit,
    fingerprint,
    foreign_file,
    make_clinic,
    make_read_only,
    overwrite_middle,
    table_named_like_ours,
    truncate,
    writable_again,
)
from tests.ui.boxes import Boxes
from tests.ui.sign_in_driver import answer_sign_in


@pytest.fixture(scope="module")
def clinic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clinic(tmp_path_factory.mktemp("clinic") / "made.sqlite3")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes().install(monkeypatch)


@pytest.fixture
def start(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Desk | None]]:
    """Start the desk on a URL as `scheduler-app` does (a new clinic's administrator
    made in the first start's dialog); stopped again afterwards."""
    opened: list[Desk] = []
    answer_sign_in(monkeypatch, "ana", "a good password")

    def start_desk(url: str) -> Desk | None:
        desk = open_desk(opener(url), url, first_start=is_default_file(url))
        if desk is not None:
            opened.append(desk)
            qtbot.addWidget(desk.window)
        return desk

    yield start_desk
    for desk in opened:
        desk.release()
        desk.window.close()


def _copy(clinic_file: Path, folder: Path) -> Path:
    path = folder / "schedule.sqlite3"
    shutil.copy(clinic_file, path)
    return path


def test_the_first_start_creates_the_own_file_without_asking(
    start: Callable[[str], Desk | None], boxes: Boxes
) -> None:
    path = config.default_database_path()
    desk = start(config.sqlite_url(path))
    assert desk is not None and desk.window.isVisible()
    assert boxes.shown == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # not readable by other users
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("empty", [False, True], ids=["missing", "zero bytes"])
def test_elsewhere_a_clinic_is_created_only_when_the_person_says_so(
    empty: bool, start: Callable[[str], Desk | None], boxes: Boxes, tmp_path: Path
) -> None:
    path = tmp_path / "share" / "schedule.sqlite3"
    if empty:
        path.parent.mkdir()
        path.touch()
    assert start(sqlite_url(path)) is None
    (question,) = boxes.texts("question")
    assert question.endswith(f"Create a new clinic at {path}?")
    if empty:
        assert f"There is no clinic yet in {path}." in question
        assert path.stat().st_size == 0
    else:
        assert "connect it and start the scheduler again" in question
        assert not path.parent.exists()
    boxes.answer = QMessageBox.StandardButton.Yes
    desk = start(sqlite_url(path))
    assert desk is not None and desk.window.isVisible()
    assert path.stat().st_size > 0


def test_a_data_folder_that_cannot_be_made_is_a_dialog(
    start: Callable[[str], Desk | None], boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/proc/x")
    assert start(config.sqlite_url(config.default_database_path())) is None
    (text,) = boxes.texts("critical")
    assert "The folder /proc/x/scheduler-app for the clinic's database cannot be created" in text


def test_a_folder_is_a_dialog(
    start: Callable[[str], Desk | None], boxes: Boxes, tmp_path: Path
) -> None:
    assert start(sqlite_url(tmp_path)) is None
    assert boxes.texts("critical") == [f"{tmp_path} is a folder, not a database file."]


#: How each file is made (from a copy of a clinic file, or from nothing) and what it is told.
REFUSED: dict[str, tuple[Callable[[Path], Path], bool, str]] = {
    "another application's file": (foreign_file, False, "holds tables of another application"),
    "a foreign table named like ours": (
        table_named_like_ours,
        False,
        "has tables named like the scheduler's (appointment) but no schema version",
    ),
    "an empty alembic_version": (
        lambda p: edit(p, "DELETE FROM alembic_version"),
        True,
        "its schema version table is empty",
    ),
    "a newer schema": (
        lambda p: edit(p, "UPDATE alembic_version SET version_num = '0107'"),
        True,
        "was upgraded by a newer version of the scheduler (schema 0107): update this desk",
    ),
    "a missing table": (
        lambda p: edit(p, "DROP TABLE notification"),
        True,
        "does not hold the schema this version needs: table notification is missing",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_a_file_this_desk_must_not_open_is_a_dialog_and_left_alone(
    case: str,
    clinic_file: Path,
    start: Callable[[str], Desk | None],
    boxes: Boxes,
    tmp_path: Path,
) -> None:
    change, from_clinic, message = REFUSED[case]
    path = change(_copy(clinic_file, tmp_path) if from_clinic else tmp_path / "schedule.sqlite3")
    before = fingerprint(tmp_path)
    assert start(sqlite_url(path)) is None
    (text,) = boxes.texts("critical")
    assert text.startswith(str(path)) and message in text
    assert fingerprint(tmp_path) == before


def test_a_cut_off_file_is_a_dialog_naming_the_latest_backup(
    clinic_file: Path, start: Callable[[str], Desk | None], boxes: Boxes, tmp_path: Path
) -> None:
    path = _copy(clinic_file, tmp_path)
    backup = backups.take(path)
    truncate(path)
    before = fingerprint(tmp_path)
    assert start(sqlite_url(path)) is None
    (text,) = boxes.texts("critical")
    assert f"{path} is damaged: it was cut off" in text
    assert f"The latest backup is {backup.path}" in text
    assert fingerprint(tmp_path) == before


def test_damage_found_by_the_full_check_stops_all_writing(
    clinic_file: Path,
    start: Callable[[str], Desk | None],
    boxes: Boxes,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    path = _copy(clinic_file, tmp_path)  # the demo clinic: single-user, no sign-in
    backup = backups.take(path)
    overwrite_middle(path)
    before = path.read_bytes()
    desk = start(sqlite_url(path))  # the cheap checks at start cannot see it
    assert desk is not None
    qtbot.waitUntil(lambda: bool(boxes.texts("critical")), timeout=10_000)
    (text,) = boxes.texts("critical")
    assert f"{path} is damaged: " in text and f"The latest backup is {backup.path}" in text
    mark = desk.window.findChild(QLabel, "read-only-mark")
    assert mark is not None and mark.isVisible() and mark.text() == "Read-only"
    assert not desk.window.book_action.isEnabled()
    with pytest.raises(ReadOnlyDatabaseError, match="is damaged"):
        desk.services.directory.add_client(desk.services.actor_id, "Ana Lopes", "+351 900 1")
    desk.release()
    assert path.read_bytes() == before


def _open_as_desk_user(url: str) -> dict[str, object]:
    result = subprocess.run(
        [*dropped_privileges(), sys.executable, "-m", "tests.ui.open_desk_driver", url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    seen: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


@pytest.mark.parametrize("folder_too", [False, True], ids=["read-only file", "read-only folder"])
def test_a_read_only_file_opens_read_only_with_a_mark(
    folder_too: bool, clinic_file: Path, tmp_path: Path
) -> None:
    path = _copy(clinic_file, tmp_path)
    before = path.read_bytes()
    make_read_only(path, folder_too=folder_too)
    try:
        seen = _open_as_desk_user(sqlite_url(path))
    finally:
        writable_again([tmp_path])
    assert seen["opened"] is True, seen
    assert seen["mark"] == "Read-only"
    assert str(seen["title"]).endswith("(read-only)")
    assert seen["edits_enabled"] == []
    assert f"The clinic's database {path} is open read-only" in str(seen["write"])
    assert "Nothing was changed" in str(seen["write"])
    assert seen["boxes"] == []
    assert path.read_bytes() == before


def test_an_empty_server_database_is_set_up_only_when_the_person_says_so(
    blank_postgres: str, start: Callable[[str], Desk | None], boxes: Boxes
) -> None:
    assert start(blank_postgres) is None
    (question,) = boxes.texts("question")
    assert "is empty: no clinic there yet" not in question  # the window asks, in its words
    assert question.startswith("There is no clinic yet in the database scheduler_blank_")
    boxes.answer = QMessageBox.StandardButton.Yes
    desk = start(blank_postgres)
    assert desk is not None and desk.window.isVisible()
