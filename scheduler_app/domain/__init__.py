"""Pure scheduling rules: no Qt, no SQLAlchemy."""
