"""README's two commands are the ones CI runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _extractor():
    spec = importlib.util.spec_from_file_location(
        "readme_command", ROOT / ".ci" / "readme_command.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_starts_with_exactly_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = _extractor().commands(text)
    assert list(found) == ["start", "test"]
    first_fence = text.index("```")
    assert text.index("<!-- command: start -->") < first_fence
    assert "scheduler-app --demo" in found["start"] and "pytest" in found["test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command.py test" in ci
    assert 'bash -euo pipefail -c "$test_command"' in ci


def test_the_migration_how_to_works_as_written(tmp_path: Path) -> None:
    """README's first two steps for writing a migration, run as written (with a
    scratch file of this test's own): the database comes up to date, and Alembic
    finds the models and the migrations in agreement."""
    import os
    import re
    import subprocess
    import sys

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("- Writing a migration:") :]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    steps = [line.strip() for line in block.group(1).splitlines() if line.strip()][:2]
    assert "db upgrade" in steps[0] and "alembic check" in steps[1]
    scratch = tmp_path / "dev.sqlite3"
    bin_dir = str(Path(sys.executable).parent) + "/"
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    outputs = []
    for step in steps:
        command = step.replace("/tmp/dev.sqlite3", str(scratch)).replace(".venv/bin/", bin_dir)
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append(done.stdout + done.stderr)
    assert "No new upgrade operations detected" in outputs[1]
