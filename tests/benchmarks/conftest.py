"""Benchmarks run only on demand: `pytest -m benchmark -s tests/benchmarks`."""
