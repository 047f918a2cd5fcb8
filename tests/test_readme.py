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
