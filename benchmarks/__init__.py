"""Benchmarks of Taizhang: `python -m benchmarks.run` (or `make bench`) prints the figures side by side.

- `benchmarks.scale`: a county of demo towns (towns × units × months), generated once and cached.
- `benchmarks.variants`: what each measured variant does; every variant runs in a fresh subprocess.
- `benchmarks.run`: the runner and the table (also written to benchmarks/out/latest.md).
- `benchmarks.profile_ingest`: where the ingest's time goes (pyinstrument).

No figure here is asserted by a test: timings depend on the machine and on what else runs on it.
"""
