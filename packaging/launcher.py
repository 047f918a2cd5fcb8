"""Entry point of the packaged bundle (same as the `scheduler-app` console script)."""

from scheduler_app.cli import main

raise SystemExit(main())
