"""Benchmarks of coursekit: build speed and scale, package size, learner-side speed, LMS traffic.

Run with `python -m benchmarks` (see benchmarks/README.md); not part of the test suite.
"""
