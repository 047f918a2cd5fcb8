"""Qt widgets, dialogs and models. No SQL here: everything goes through services."""
