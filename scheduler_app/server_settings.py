"""The shared PostgreSQL server a desk uses: what installers fill in once.

The address (host, port, database, user, TLS mode) goes to the user's settings
file as a URL *without* a password; the password comes from the system keyring,
from ~/.pgpass or PGPASSFILE (libpq reads those itself), or from the person at
the desk when the server asks for one.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

from scheduler_app import config
from scheduler_app.errors import ValidationError
from scheduler_app.secrets import get_secret, store_secret

#: libpq's sslmode values, least to most strict.
TLS_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class ServerSettings:
    host: str
    database: str
    user: str
    port: int = 5432
    tls: str = "prefer"

    def check(self) -> None:
        """Raise `ValidationError` naming the first field that is not usable."""
        if not self.host.strip():
            raise ValidationError("Enter the database server's name or address.")
        if not 1 <= self.port <= 65535:
            raise ValidationError("The port is a number from 1 to 65535 (usually 5432).")
        if not self.database.strip():
            raise ValidationError("Enter the name of the clinic's database on the server.")
        if not self.user.strip():
            raise ValidationError("Enter the user name this desk signs in with.")
        if self.tls not in TLS_MODES:
            raise ValidationError(f"Unknown TLS mode {self.tls!r}.")

    def url(self, password: str = "") -> str:
        """The SQLAlchemy URL (with ``password`` only when given: never written down)."""
        query = {} if self.tls == "prefer" else {"sslmode": self.tls}
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            password=password or None,
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            query=query,
        ).render_as_string(hide_password=False)

    @property
    def keyring_key(self) -> str:
        return f"postgres:{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerSettings | None:
        """The settings in a PostgreSQL URL; None for any other database."""
        try:
            parsed = make_url(url)
        except Exception:
            return None
        if parsed.get_backend_name() != "postgresql":
            return None
        tls = parsed.query.get("sslmode", "prefer")
        return cls(
            host=parsed.host or "",
            database=parsed.database or "",
            user=parsed.username or "",
            port=parsed.port or 5432,
            tls=tls if isinstance(tls, str) else tls[0],
        )


def url_with_password(url: str, password: str) -> str:
    """``url`` carrying ``password`` (in memory only)."""
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def stored_password(url: str) -> str:
    """The keyring's password for a server URL without one ("" if none)."""
    settings = ServerSettings.from_url(url)
    if settings is None or make_url(url).password:
        return ""
    return get_secret(settings.keyring_key)


def remember_password(settings: ServerSettings, password: str) -> None:
    store_secret(settings.keyring_key, password)


def user_config_file() -> Path:
    return platformdirs.user_config_path(config.APP_NAME, appauthor=False) / config.CONFIG_NAME


def save(settings: ServerSettings | None, path: Path | None = None) -> Path:
    """Point this computer's desk at ``settings`` (None: back to the embedded file).

    Rewrites only the [database] url of the user's settings file.
    """
    path = path or user_config_file()
    parser = configparser.ConfigParser(interpolation=None)
    if path.is_file():
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"The settings file {path} cannot be read: {exc}") from exc
    if settings is None:
        if parser.has_section("database"):
            parser.remove_option("database", "url")
    else:
        settings.check()
        if not parser.has_section("database"):
            parser.add_section("database")
        parser.set("database", "url", settings.url())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            parser.write(handle)
    except OSError as exc:
        raise ValidationError(f"The settings cannot be saved to {path}: {exc}") from exc
    return path


def check_connection(url: str) -> tuple[str, bool]:
    """`db check` of ``url`` as lines of text, and whether all is well (slow: call it
    off the GUI thread)."""
    from scheduler_app.db.health import check_url

    findings = check_url(url)
    lines = [f"{'OK' if f.ok else 'PROBLEM'}  {f.what}: {f.detail}" for f in findings]
    return "\n".join(lines), all(f.ok for f in findings)
