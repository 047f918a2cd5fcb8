"""Build the one-folder bundle, and optionally a Debian/Ubuntu package from it.

    .venv/bin/pip install -e '.[package]'
    .venv/bin/python packaging/build.py          # -> packaging/dist/scheduler-app/
    .venv/bin/python packaging/build.py --deb    # -> packaging/dist/scheduler-app_<v>_<arch>.deb

The build host needs the xcb libraries Qt's window plugin links against (the bundle
carries them): libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0. Without them
PyInstaller leaves them out without a word; tests/packaging runs ldd over the
bundle and fails on any library that is neither in it nor in DEB_DEPENDS.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST, WORK = HERE / "dist", HERE / "build"
NAME = "scheduler-app"
#: What the bundle takes from the system (ldd over every library in it, owners by
#: dpkg -S: tests/packaging keeps this complete), plus the fonts and their settings.
DEB_DEPENDS = ", ".join(
    [
        "libc6",
        "libxcb1",  # the X11 connection itself (Qt's xcb plugin)
        "libgl1",
        "libglx0",
        "libglvnd0",
        "libegl1",
        "libdrm2",  # the linuxfb platform plugin
        "libxkbcommon0",
        "libfontconfig1",
        "fontconfig-config",
        "fonts-dejavu-core",
    ]
)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from scheduler_app import __version__

    return __version__


def bundle() -> Path:
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(HERE / f"{NAME}.spec"),
        ],
        check=True,
    )
    out = DIST / NAME
    print(f"bundle: {out} ({_size(out)}) in {time.perf_counter() - began:.0f} s")
    return out


def deb(bundle_dir: Path) -> Path:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    stage = WORK / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle_dir, stage / "opt" / NAME, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / f"{NAME}.desktop", apps)
    for size in (48, 256):
        icons = stage / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        icons.mkdir(parents=True)
        shutil.copy(ROOT / "resources" / "icons" / f"{NAME}-{size}.png", icons / f"{NAME}.png")
    (stage / "DEBIAN").mkdir()
    installed_kb = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file()) // 1024
    (stage / "DEBIAN" / "control").write_text(
        f"Package: {NAME}\n"
        f"Version: {version()}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Scheduler maintainers <maintainers@example.org>\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Installed-Size: {installed_kb}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Appointment scheduler for clinics and offices\n"
        " A desk application to book, move and manage appointments, on an embedded\n"
        " database or a shared PostgreSQL server.\n"
    )
    out = DIST / f"{NAME}_{version()}_{arch}.deb"
    began = time.perf_counter()
    subprocess.run(
        ["dpkg-deb", "-Zzstd", "--build", "--root-owner-group", str(stage), str(out)], check=True
    )
    print(f"deb: {out} ({_size(out)}) in {time.perf_counter() - began:.1f} s")
    return out


def _size(path: Path) -> str:
    files = [path] if path.is_file() else [f for f in path.rglob("*") if not f.is_symlink()]
    total = sum(f.stat().st_size for f in files if f.is_file())
    return f"{total / 1e6:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true", help="also build the .deb")
    args = parser.parse_args()
    out = bundle()
    if args.deb:
        deb(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
