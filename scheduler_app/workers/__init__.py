"""Background QObjects moved to QThreads."""
