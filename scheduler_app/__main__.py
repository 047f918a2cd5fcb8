from scheduler_app.cli import main

raise SystemExit(main())
