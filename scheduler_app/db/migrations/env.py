"""Alembic environment: runs on the connection the application hands over."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from scheduler_app.db import (  # noqa: F401  (all tables, and the DDL events for create_all)
    notification_models,
    rule_models,
    schema_extras,
    working_time_models,
)
from scheduler_app.db.base import Base
from scheduler_app.db.engine import WRITE_OPTION, open_database

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # run from the alembic command line, for developers writing migrations
    url = config.get_main_option("sqlalchemy.url") or os.environ["SCHEDULER_DATABASE_URL"]
    database = open_database(url)
    with database.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        _run(conn)
