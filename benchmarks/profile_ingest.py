"""Where the ingest's time goes: pyinstrument over etl.ingest.ingest_paths on one demo town.

    python -m benchmarks.profile_ingest [--inbox DIR] [--interval 0.001]

Prints the call tree (collapsed to our code), the inclusive share of the main phases and the functions with
the most self time; writes benchmarks/out/profile_ingest.{txt,html}. Profiling slows Python code more than
C code (DuckDB, calamine), so the shares lean towards Python; compare with the wall times of benchmarks.run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from collections import defaultdict
from pathlib import Path

from . import scale

OUT = Path(__file__).resolve().parent / "out"
PHASES = [  # (label, function name, file suffix): inclusive time of each, as a share of the whole ingest
    ("safety checks before parsing", "inspect_before_parsing", "etl/safety.py"),
    ("reading the workbook (calamine/csv)", "read_grids", "etl/read.py"),
    ("finding the header and ledger", "find_layout", "etl/layout.py"),
    ("sender and period", "resolve_sender", "etl/identity.py"),
    ("classifying rows (合计/页脚/…)", "classify_row", "etl/layout.py"),
    ("reading and normalising values", "RowReader.read_rows", "etl/records.py"),
    ("storing: one transaction per file (all SQL)", "Ingestor._commit", "etl/store.py"),
    ("  of which: superseding older versions", "Ingestor._supersede", "etl/store.py"),
    ("  of which: staging + quarantine rows (Arrow)", "insert_rows", "etl/warehouse.py"),
    ("  of which: meta.source_files/sheets rows", "insert_values", "etl/warehouse.py"),
]


def _name(frame) -> str:
    return f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function


def _walk(frame, stack: tuple = ()):
    yield frame, stack
    for child in frame.children:
        yield from _walk(child, stack + (frame,))


def shares(root) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """Inclusive seconds per PHASES entry (outermost occurrence only) and the top self-time functions."""
    inclusive: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    for frame, stack in _walk(root):
        if frame.is_synthetic:  # '[self]' and grouped frames: their time is counted at the real parent
            continue
        name = _name(frame)
        path = (frame.file_path or "").replace(os.sep, "/")
        key = f"{name}  ({frame.file_path_short}:{frame.line_no})" if frame.file_path_short else name
        # self time = the frame's time not spent in Python functions it called (C calls such as DuckDB's
        # execute or re.sub count as the caller's own time unless pyinstrument shows them as frames)
        self_time[key] += frame.time - sum(c.time for c in frame.children if not c.is_synthetic)
        for _, function, suffix in PHASES:
            if name == function and path.endswith(suffix):
                outer = any(_name(f) == function for f in stack)
                if not outer:
                    inclusive[function] += frame.time
    top = sorted(self_time.items(), key=lambda kv: -kv[1])[:20]
    return inclusive, top


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inbox", type=Path, default=None)
    parser.add_argument("--interval", type=float, default=0.001)
    args = parser.parse_args(argv)
    os.environ.setdefault("TAIZHANG_KEY", "benchmark-key-not-secret")
    from pyinstrument import Profiler
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    inbox = args.inbox or scale.county(scale.DEFAULT_OUT, 1)[scale.town_key(1)]
    work = OUT / "work" / "profile"
    shutil.rmtree(work, ignore_errors=True)
    home = Home(work).ensure()
    con = connect(home)
    load_reference(con)
    profiler = Profiler(interval=args.interval)
    started = time.perf_counter()
    profiler.start()
    # one process, reading and storing both in view: the profiler reads in the writer's process, which the
    # ingest itself never does (every file is parsed in a leashed reader process, etl/reading.py)
    import taizhang.etl.store

    taizhang.etl.store.read_in_order = lambda reader, paths, workers=None: (
        reader.read_file(p, n, a) for p, n, a in paths
    )
    outcomes = ingest_paths([inbox], home, con)
    profiler.stop()
    wall = time.perf_counter() - started
    con.close()
    session = profiler.last_session
    root = session.root_frame()
    total = root.time if root else wall
    inclusive, top = shares(root)
    lines = [
        f"ingest of {len(outcomes)} files ({inbox}) under pyinstrument: {wall:.2f} s wall "
        f"(profiler overhead included)",
        "",
        "Phases (inclusive time, share of the ingest):",
    ]
    for label, function, _ in PHASES:
        seconds = inclusive.get(function, 0.0)
        if seconds:
            lines.append(f"  {label:45s} {seconds:7.2f} s  {seconds / total:6.1%}   [{function}]")
    lines += ["", "Functions with the most self time (incl. the C calls they make, e.g. DuckDB's execute):"]
    for key, seconds in top:
        lines.append(f"  {seconds:7.2f} s  {seconds / total:6.1%}  {key}")
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "profile_ingest.txt").write_text("\n".join(lines) + "\n\n" + text, encoding="utf-8")
    (OUT / "profile_ingest.html").write_text(profiler.output_html(), encoding="utf-8")
    print("\n".join(lines))
    print(f"\ncall tree → {OUT / 'profile_ingest.txt'} · {OUT / 'profile_ingest.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
