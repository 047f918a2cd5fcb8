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


def _needs(library: Path, internal: Path) -> list[tuple[str, str | None]]:
    """What ``library`` links against, as ldd resolves it with the bundle's own folder
    first: (name, path), the path None when it is found nowhere."""
    result = subprocess.run(
        ["ldd", str(library)],
        capture_output=True,
        text=True,
        env={**os.environ, "LD_LIBRARY_PATH": str(internal)},
        check=False,
    )
    needs = []
    for line in result.stdout.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if arrow:
            target = rest.split(" (")[0].strip()
            needs.append((name, None if target == "not found" else target))
    return needs


def _owner(path: str) -> str | None:
    """The Debian package that installed ``path`` (tried as ldd gave it and resolved,
    with and without /usr: merged-/usr systems record either)."""
    real = os.path.realpath(path)
    candidates = [path, real]
    for name in (path, real):
        if name.startswith("/usr/"):
            candidates.append(name.removeprefix("/usr"))
        else:
            candidates.append("/usr" + name)
    for candidate in candidates:
        found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":")[0].strip()
    return None


def test_every_library_the_bundle_lacks_comes_from_its_depends(built: Path) -> None:
    if shutil.which("ldd") is None or shutil.which("dpkg") is None:
        pytest.skip("needs ldd and dpkg (Debian/Ubuntu)")
    internal = built / "scheduler-app" / "_internal"
    (deb,) = built.glob("scheduler-app_*.deb")
    control = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
    )
    depends = {part.split()[0] for part in control.stdout.split(",") if part.strip()}
    carried = sorted(p.name for p in internal.glob("*.so*"))
    print(f"\nthe bundle carries {len(carried)} libraries: {', '.join(carried)}")
    lacking: dict[str, set[str]] = {}  # a library from the system -> who needs it
    nowhere: dict[str, set[str]] = {}
    for library in internal.rglob("*.so*"):
        if library.is_symlink() or not library.is_file():
            continue
        for name, found in _needs(library, internal):
            where = str(library.relative_to(internal))
            if found is None:
                nowhere.setdefault(name, set()).add(where)
            elif not found.startswith(str(internal)):
                lacking.setdefault(found, set()).add(where)
    assert not nowhere, f"found neither in the bundle nor on this machine: {nowhere}"
    owners = {library: _owner(library) for library in lacking}
    print("taken from the system: " + ", ".join(f"{k} ({v})" for k, v in sorted(owners.items())))
    assert None not in owners.values(), f"no package owns: {owners}"
    missing = {owner for owner in owners.values() if owner not in depends}
    assert not missing, (
        f"the .deb needs {sorted(missing)} in Depends (for "
        f"{sorted(lib for lib, owner in owners.items() if owner in missing)}); it has {depends}"
    )


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
