"""The log folder holds as many files as README says."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from scheduler_app.logs import rotating_file

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def test_the_files_kept_are_as_many_as_readme_says(tmp_path: Path) -> None:
    handler = rotating_file(tmp_path / "scheduler-app.log", max_bytes=200)
    log = logging.getLogger("test-rotation")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(200):
            log.warning("line %d of a desk that runs for a long time", i)
    finally:
        log.removeHandler(handler)
        handler.close()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"rotated at 2 MB: (\w+) files", readme)
    assert said is not None
    assert len(list(tmp_path.iterdir())) == NUMBERS[said.group(1)]
