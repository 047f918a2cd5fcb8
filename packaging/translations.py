"""Update the desk's translations from the code, and compile them.

    .venv/bin/python packaging/translations.py           # lupdate, then lrelease
    .venv/bin/python packaging/translations.py --check   # exit 1 if a text lacks Portuguese

`pyside6-lupdate` collects every `translate("Context", "text")` of scheduler_app/ui
into resources/translations/scheduler_<lang>.ts, keeping the translations already
there (edit the .ts by hand or with pyside6-linguist); `pyside6-lrelease` compiles
each .ts into the .qm the app loads (the bundle and the .deb ship them).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = {"pt": "pt_PT"}
PLACEHOLDER = re.compile(r"\{\w*\}")


def tool(name: str) -> str:
    """A PySide6 tool from the running environment (else from PATH)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    ui = ROOT / "scheduler_app" / "ui"
    return sorted(str(p) for p in ui.rglob("*.py"))


def update(ts: Path, language: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def release(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def problems(ts: Path) -> list[str]:
    """Texts without a finished translation, or whose {placeholders} differ."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                found.append(f"{name}: untranslated: {source!r}")
            elif sorted(PLACEHOLDER.findall(text or "")) != sorted(PLACEHOLDER.findall(source)):
                found.append(f"{name}: placeholders differ: {source!r} -> {text!r}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args()
    failed = False
    for code, language in LANGUAGES.items():
        ts = TRANSLATIONS / f"scheduler_{code}.ts"
        if not args.check:
            update(ts, language)
            release(ts, ts.with_suffix(".qm"))
        for problem in problems(ts):
            print(f"{ts.name}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
