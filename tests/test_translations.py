"""The Portuguese translation is complete, up to date with the code, and compiled."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "resources" / "translations"


def _tool():  # packaging/translations.py, run as the maintainer would
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging" / "translations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_text_of_the_code_has_a_finished_portuguese_translation(tmp_path: Path) -> None:
    tool = _tool()
    ts = tmp_path / "scheduler_pt.ts"
    shutil.copy(SHIPPED / "scheduler_pt.ts", ts)
    tool.update(ts, "pt_PT")  # what the code says now, merged into the shipped file
    assert tool.problems(ts) == []
    assert ts.read_bytes() == (SHIPPED / "scheduler_pt.ts").read_bytes()  # nothing new


def test_the_compiled_translation_is_the_shipped_source(tmp_path: Path) -> None:
    tool = _tool()
    qm = tmp_path / "scheduler_pt.qm"
    tool.release(SHIPPED / "scheduler_pt.ts", qm)
    assert qm.read_bytes() == (SHIPPED / "scheduler_pt.qm").read_bytes()


def test_the_bundle_and_the_package_ship_the_translations() -> None:
    spec = (ROOT / "packaging" / "scheduler-app.spec").read_text(encoding="utf-8")
    assert '"resources" / "translations"), "resources/translations"' in spec
    namespace: dict[str, object] = {"UNUSED": ()}
    keep_source = spec[spec.index("QT_TRANSLATIONS = ") : spec.index("a.binaries = ")]
    exec(keep_source, namespace)
    keep = namespace["keep"]
    assert keep(("resources/translations/scheduler_pt.qm", "", "DATA"))  # type: ignore[operator]
    assert keep(("PySide6/Qt/translations/qtbase_pt_BR.qm", "", "DATA"))  # type: ignore[operator]
    assert not keep(("PySide6/Qt/translations/qtbase_de.qm", "", "DATA"))  # type: ignore[operator]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "resources/translations/scheduler_pt.qm" in pyproject
