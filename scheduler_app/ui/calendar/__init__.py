"""The calendar: a time grid with one column per professional."""
