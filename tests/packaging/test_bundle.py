"""Build the bundle and the .deb, run them, install and remove the package.

Run on demand: `.venv/bin/pip install -e '.[package]' && .venv/bin/python -m pytest
-m packaging -s tests/packaging` (CI runs it after the main suite).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "packaging" / "dist"
pytestmark = pytest.mark.packaging


def _run(*cmd: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def built() -> Path:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[package]' to build bundles")
    result = _run(sys.executable, str(ROOT / "packaging" / "build.py"), "--deb")
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    return DIST


def test_bundle_passes_its_self_test(built: Path) -> None:
    began = time.perf_counter()
    result = _run(str(built / "scheduler-app" / "scheduler-app"), "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "system keyring support installed" in result.stdout  # keyring is bundled
    print(f"bundle self-test: {time.perf_counter() - began:.1f} s\n{result.stdout}")


def test_deb_installs_runs_and_removes_cleanly(built: Path) -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("installing a .deb needs root and apt-get")
    (deb,) = built.glob("scheduler-app_*.deb")
    install = _run("apt-get", "install", "-y", "-qq", str(deb))
    assert install.returncode == 0, install.stdout + install.stderr
    try:
        assert Path("/usr/share/applications/scheduler-app.desktop").exists()
        assert Path("/usr/share/icons/hicolor/256x256/apps/scheduler-app.png").exists()
        result = _run("/usr/bin/scheduler-app", "self-test")
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        removed = _run("apt-get", "remove", "-y", "-qq", "scheduler-app")
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/scheduler-app").exists()
    assert not Path("/usr/bin/scheduler-app").exists()
    assert not Path("/usr/share/applications/scheduler-app.desktop").exists()
