"""Use cases. One transaction per user action; no Qt here."""
