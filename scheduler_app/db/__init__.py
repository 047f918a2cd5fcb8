"""Storage: SQLAlchemy models, engine set-up, queries and Alembic migrations."""
