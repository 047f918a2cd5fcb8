"""Launch-to-window time of the packaged app next to a bare PySide6 window, same build.

Run: `.venv/bin/pip install -e '.[package]' && .venv/bin/python -m pytest -m benchmark -s
tests/benchmarks/test_bundle_startup.py` (builds both bundles; about a minute).
Uses the real display when DISPLAY is set, offscreen otherwise.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELLO = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget(); w.resize(800, 600); w.show(); app.processEvents()
print(f"window shown at {time.time():.3f}", flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _size(path: Path) -> float:
    return (
        sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    )


def _launch(cmd: list[str], env: dict[str, str], marker: str = "window shown") -> float:
    began = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=True)
    shown = float(out.stdout.split(f"{marker} at ")[1].split()[0])
    return shown - began


@pytest.mark.benchmark
def test_bundle_starts_nearly_as_fast_as_a_bare_window(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller")
    began = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True)
    app_build = time.perf_counter() - began
    script = tmp_path / "hello.py"
    script.write_text(HELLO)
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--onedir",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            "--specpath",
            str(tmp_path),
            str(script),
        ],
        check=True,
    )
    hello_build = time.perf_counter() - began
    env = {**os.environ, "SCHEDULER_STARTUP_PROBE": "1", "HOME": str(tmp_path / "home")}
    env.pop("QT_QPA_PLATFORM", None)  # tests/conftest.py sets offscreen for this process
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    app_cmd = [str(ROOT / "packaging" / "dist" / "scheduler-app" / "scheduler-app")]
    hello_cmd = [str(tmp_path / "dist" / "hello" / "hello")]
    _launch(app_cmd, env)  # first start creates and migrates the database
    app_times, schedule_times, hello_times = [], [], []
    for _ in range(7):  # interleaved, so both see the same machine
        app_times.append(_launch(app_cmd, env))
        schedule_times.append(_launch(app_cmd, env, "schedule shown"))
        hello_times.append(_launch(hello_cmd, env))
    app_ms, hello_ms = statistics.median(app_times) * 1000, statistics.median(hello_times) * 1000
    schedule_ms = statistics.median(schedule_times) * 1000
    print(
        f"\nbundle: {_size(ROOT / 'packaging' / 'dist' / 'scheduler-app'):.0f} MB, built in "
        f"{app_build:.0f} s; bare PySide6 bundle: {_size(tmp_path / 'dist' / 'hello'):.0f} MB, "
        f"built in {hello_build:.0f} s\n"
        f"launch to window shown (median of 7, {env.get('QT_QPA_PLATFORM') or 'X display'}): "
        f"app window (splash) {app_ms:.0f} ms, bare window {hello_ms:.0f} ms, ratio "
        f"{app_ms / hello_ms:.2f}x (targets: <= 2x and < 1000 ms); the day's schedule on "
        f"screen after {schedule_ms:.0f} ms ({schedule_ms / hello_ms:.2f}x)"
    )
