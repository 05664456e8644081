"""Benchmarks run on demand (``make bench``, ``make bench-quick``), never inside the test suite.

Every benchmark measures chibo side by side with a baseline in the same run and reports
ratios, because absolute times on a shared machine drift. ``python -m bench --help``.
"""
