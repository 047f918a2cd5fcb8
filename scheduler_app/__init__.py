"""Desktop appointment scheduler for clinics and offices."""

__version__ = "0.1.0"
