"""Where the application keeps its data and which database it opens."""

from __future__ import annotations

import configparser
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "scheduler-app"
ENV_DATABASE = "SCHEDULER_DATABASE_URL"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def make_private_dir(folder: Path) -> Path:
    """Make ``folder`` (and its parents) if needed; the folder itself readable by
    this user only (0700), as the per-user data and log folders should be."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sys.platform != "win32" and folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)
    return folder


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_database_path(*, demo: bool = False) -> Path:
    return data_dir() / ("demo.sqlite3" if demo else "schedule.sqlite3")


CONFIG_NAME = "scheduler-app.conf"


def sqlite_url(path: Path) -> str:
    """The URL of an SQLite file (what `scheduler_app.db.engine` opens)."""
    return f"sqlite:///{path.resolve().as_posix()}"


def config_files() -> list[Path]:
    """Where an installer may put settings, most specific first.

    Next to the executable (a packaged bundle), the user's config folder, then
    the machine-wide one (/etc/scheduler-app on Linux).
    """
    files = []
    if getattr(sys, "frozen", False):
        files.append(Path(sys.executable).resolve().parent / CONFIG_NAME)
    files.append(platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_NAME)
    if sys.platform.startswith("linux"):
        files.append(Path("/etc") / APP_NAME / CONFIG_NAME)
    else:
        files.append(platformdirs.site_config_path(APP_NAME, appauthor=False) / CONFIG_NAME)
    return files


def configured_database_url(files: list[Path] | None = None) -> str | None:
    """``url`` of the ``[database]`` section of the first config file that has one."""
    from scheduler_app.errors import ValidationError

    for path in files if files is not None else config_files():
        if not path.is_file():
            continue
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"The settings file {path} cannot be read: {exc}") from exc
        url = parser.get("database", "url", fallback="").strip()
        if url:
            return url
    return None


def database_url(explicit: str | None = None, *, demo: bool = False) -> str:
    """``--database`` wins, then $SCHEDULER_DATABASE_URL, then a settings file
    (see `config_files`), then the embedded file in the user's data folder."""
    if explicit:
        return explicit
    if demo:
        return sqlite_url(default_database_path(demo=True))
    if os.environ.get(ENV_DATABASE):
        return os.environ[ENV_DATABASE]
    return configured_database_url() or sqlite_url(default_database_path())


def resources_dir() -> Path:
    """`resources/` of a source checkout, the copy inside a packaged bundle, or what
    `pip install` put in ``<prefix>/share/scheduler-app``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / APP_NAME
