"""Score the ingest's first try on a batch of habit files against an analyst's expectations.

    .venv/bin/python tests/habits/score.py BATCH [--home-root DIR] [--case ID ...] [--keep]

For each case of tests/habits/BATCH/cases.yaml: a fresh home, the case's files ingested in order with the
command line (`taizhang ingest FILE --home HOME`, one call per file), then the warehouse is read (read-only)
and compared with the expectation. Each case is

  right   every file ended as wanted and every expected figure holds;
  loud    not what was wanted, but somebody is told: a file held or rejected that should have loaded, rows sent
          to quarantine that should have loaded, a held file with the wrong reason, or a file that should have
          been held loaded exactly as one plain reading of it would give;
  silent  something wrong landed in staging with no warning: a figure differs, a unit or period is wrong, rows
          vanished or doubled, a file that should have been held loaded as no reading of it would give.

The expectation format is described at the top of each batch's cases.yaml. Nothing here imports the program:
it is driven through its command line and judged through the warehouse tables of docs/warehouse.md.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

HABITS = Path(__file__).resolve().parent
REPO = HABITS.parent.parent
LEDGERS = ("disputes", "key_projects", "petitions", "legal_visits", "grid_events", "party_activities")
LIVE = ("loaded", "zero_report")
NOT_LOADED = ("held", "rejected")
MONEY_TOLERANCE = 0.005
INGEST_TIMEOUT_S = 600


# ---------------------------------------------------------------- inputs
def batches() -> list[str]:
    return sorted(p.parent.name for p in HABITS.glob("*/cases.yaml"))


def load_cases(batch: str) -> list[dict]:
    cases = yaml.safe_load((HABITS / batch / "cases.yaml").read_text(encoding="utf-8"))
    for case in cases:
        validate(case)
    return cases


def validate(case: dict) -> None:
    exp = case["expect"]
    outcomes = exp["outcome"]
    if len(outcomes) != len(case["files"]):
        raise ValueError(f"{case['id']}: {len(case['files'])} files but {len(outcomes)} outcomes")
    for o in outcomes:
        opts = o if isinstance(o, list) else [o]
        if any(x not in LIVE + NOT_LOADED for x in opts):
            raise ValueError(f"{case['id']}: unknown outcome {o}")
        first_live = opts[0] in LIVE
        if any((x in LIVE) != first_live for x in opts):
            key = "if_held" if first_live else "if_loaded"
            if key not in exp:
                raise ValueError(f"{case['id']}: outcome {o} needs {key}")


def taizhang() -> str:
    for cand in (REPO / ".venv" / "bin" / "taizhang", Path(sys.executable).parent / "taizhang"):
        if cand.exists():
            return str(cand)
    found = shutil.which("taizhang")
    if not found:
        raise SystemExit("taizhang command not found: run `make install` first")
    return found


def unit_names() -> dict[str, str]:
    with open(REPO / "etl" / "ref" / "units.csv", encoding="utf-8") as fh:
        return {row["unit_id"]: row["name"] for row in csv.DictReader(fh)}


# ---------------------------------------------------------------- normalising values
def norm(v):
    """One comparable form for expected (YAML) and observed (DuckDB) values."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def ncounter(items) -> Counter:
    return Counter(norm(x) for x in items)


def nmap(d: dict) -> dict:
    return {norm(k): v for k, v in (d or {}).items() if v}


# ---------------------------------------------------------------- observing a home
@dataclass
class FileRun:
    name: str
    sha256: str
    exit_code: int
    status: str | None = None
    reason: str = ""
    unit: str | None = None
    period: str | None = None
    ledger: str | None = None
    console: str = ""


@dataclass
class Observed:
    ledgers: dict[str, list[dict]] = field(default_factory=dict)
    quarantine: list[tuple] = field(default_factory=list)  # (sha, sheet, row, reason) of live files


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def connect(home: Path):
    db = home / "warehouse.duckdb"
    if not db.exists():
        return None
    return duckdb.connect(str(db), read_only=True)


def table_exists(con, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def file_state(home: Path, run: FileRun, units: dict[str, str]) -> None:
    con = connect(home)
    if con is None:
        return
    try:
        row = con.execute(
            "select status, coalesce(reason, ''), unit_id, period, ledger from meta.source_files "
            "where file_sha256 = ? order by ingested_at desc limit 1",
            [run.sha256],
        ).fetchone()
        if row is None:  # a reader that hashes differently: fall back to the newest row of that file name
            row = con.execute(
                "select status, coalesce(reason, ''), unit_id, period, ledger from meta.source_files "
                "where file_name = ? order by ingested_at desc limit 1",
                [run.name],
            ).fetchone()
        if row is None:
            return
        run.status, run.reason, unit_id, run.period, run.ledger = row
        run.unit = units.get(unit_id, unit_id)
        if table_exists(con, "meta", "source_sheets"):
            sheet_reasons = con.execute(
                "select coalesce(reason, '') from meta.source_sheets where file_sha256 = ?", [run.sha256]
            ).fetchall()
            run.reason = " ".join([run.reason] + [r[0] for r in sheet_reasons if r[0]])
    finally:
        con.close()


def observe(home: Path) -> Observed:
    obs = Observed({lg: [] for lg in LEDGERS}, [])
    con = connect(home)
    if con is None:
        return obs
    try:
        for lg in LEDGERS:
            if not table_exists(con, "staging", lg):
                continue
            cur = con.execute(
                f"select s.* from staging.{lg} s join meta.source_files m using (file_sha256) "
                f"where m.status in ('loaded', 'zero_report')"
            )
            cols = [d[0] for d in cur.description]
            obs.ledgers[lg] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        if table_exists(con, "quarantine", "rejected_rows"):
            obs.quarantine = con.execute(
                "select distinct q.file_sha256, q.sheet, q.row_number, coalesce(q.reason, '') "
                "from quarantine.rejected_rows q join meta.source_files m using (file_sha256) "
                "where m.status in ('loaded', 'zero_report')"
            ).fetchall()
    finally:
        con.close()
    return obs


# ---------------------------------------------------------------- comparing
@dataclass
class Diff:
    what: str
    surplus: bool = False  # something landed that should not have
    deficit: bool = False  # something that should have landed is missing
    rows_missing: int = 0

    def __str__(self) -> str:
        return self.what


def contains(text: str, words) -> list[str]:
    """Words (or any-of groups) missing from text."""
    missing = []
    for w in words or []:
        group = w if isinstance(w, list) else [w]
        if not any(str(g) in text for g in group):
            missing.append("/".join(str(g) for g in group))
    return missing


def compare_ledger(lg: str, exp: dict, rows: list[dict], units: dict[str, str]) -> list[Diff]:
    diffs: list[Diff] = []
    n_exp = exp.get("rows", 0)
    if len(rows) != n_exp:
        diffs.append(
            Diff(
                f"{lg}.rows {len(rows)}≠{n_exp}",
                surplus=len(rows) > n_exp,
                deficit=len(rows) < n_exp,
                rows_missing=max(0, n_exp - len(rows)),
            )
        )

    def dist(label: str, actual: Counter, expected: dict) -> None:
        expected = {k: v for k, v in expected.items() if v}
        actual = {k: v for k, v in actual.items() if v}
        if actual != expected:
            over = {k: v - expected.get(k, 0) for k, v in actual.items() if v > expected.get(k, 0)}
            under = {k: expected[k] - actual.get(k, 0) for k in expected if expected[k] > actual.get(k, 0)}
            parts = [f"+{k}:{v}" for k, v in over.items()] + [f"-{k}:{v}" for k, v in under.items()]
            diffs.append(Diff(f"{lg}.{label} " + " ".join(parts), surplus=bool(over), deficit=bool(under)))

    if "by_unit" in exp:
        dist(
            "unit",
            ncounter(units.get(r["unit_id"], r["unit_id"]) if r["unit_id"] else None for r in rows),
            nmap(exp["by_unit"]),
        )
    if "by_period" in exp:
        dist("period", ncounter(r["period"] for r in rows), nmap(exp["by_period"]))
    for col, expected in (exp.get("counts") or {}).items():
        if rows and col not in rows[0]:
            diffs.append(Diff(f"{lg}.{col}: no such column", surplus=True))
            continue
        dist(col, ncounter(r[col] for r in rows), nmap(expected))
    for col, expected in (exp.get("sums") or {}).items():
        if rows and col not in rows[0]:
            diffs.append(Diff(f"{lg}.{col}: no such column", surplus=True))
            continue
        total = sum(float(r[col]) for r in rows if r[col] is not None)
        if abs(total - float(expected)) > MONEY_TOLERANCE:
            diffs.append(
                Diff(
                    f"{lg}.sum({col}) {total:g}≠{float(expected):g}",
                    surplus=total > float(expected),
                    deficit=total < float(expected),
                )
            )
    for col, expected in (exp.get("values") or {}).items():
        if rows and col not in rows[0]:
            diffs.append(Diff(f"{lg}.{col}: no such column", surplus=True))
            continue
        actual = ncounter(r[col] for r in rows)
        want = ncounter(expected)
        if actual != want:
            over, under = actual - want, want - actual
            parts = [f"+{k}" for k in over.elements()] + [f"-{k}" for k in under.elements()]
            diffs.append(
                Diff(
                    f"{lg}.{col} " + " ".join(parts[:6]) + (" …" if len(parts) > 6 else ""),
                    surplus=bool(over),
                    deficit=bool(under),
                )
            )
    return diffs


def compare_figures(figures: dict, obs: Observed, units: dict[str, str]) -> list[Diff]:
    diffs = []
    for lg in LEDGERS:
        diffs += compare_ledger(lg, (figures or {}).get(lg) or {"rows": 0}, obs.ledgers.get(lg, []), units)
    return diffs


def merge_reading(base: dict, reading: dict) -> dict:
    """A reading's figures over the case's: rows/by_unit/by_period replace, counts/sums/values per column."""
    out = copy.deepcopy(base)
    for lg, figs in (reading.get("figures") or {}).items():
        tgt = out.setdefault("figures", {}).setdefault(lg, {})
        for key, val in figs.items():
            if key in ("counts", "sums", "values"):
                tgt.setdefault(key, {}).update(val)
            else:
                tgt[key] = val
    return out


# ---------------------------------------------------------------- one case
@dataclass
class CaseResult:
    id: str
    cls: str
    details: list[str]
    runs: list[FileRun]

    def line(self) -> str:
        outs = ",".join(r.status or f"exit{r.exit_code}" for r in self.runs)
        return f"{self.id:48s} {self.cls:6s} [{outs}] " + "; ".join(self.details)


def run_case(batch: str, case: dict, home_root: Path | None = None, keep: bool = False) -> CaseResult:
    files_dir = HABITS / batch / "files"
    units = unit_names()
    tz = taizhang()
    tmp = Path(tempfile.mkdtemp(prefix=f"habit-{batch}-{case['id']}-", dir=home_root))
    home = tmp / "home"
    runs: list[FileRun] = []
    try:
        env = dict(os.environ)
        env.pop("TAIZHANG_HOME", None)
        for fname in case["files"]:
            path = files_dir / fname
            proc = subprocess.run(
                [tz, "ingest", str(path), "--home", str(home)],
                capture_output=True,
                text=True,
                timeout=INGEST_TIMEOUT_S,
                env=env,
                cwd=tmp,
            )
            run = FileRun(
                fname, sha256_of(path), proc.returncode, console=(proc.stdout + proc.stderr)[-2000:]
            )
            file_state(home, run, units)
            runs.append(run)
        obs = observe(home)
        return judge(case, runs, obs, units)
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def judge(case: dict, runs: list[FileRun], obs: Observed, units: dict[str, str]) -> CaseResult:
    exp = case["expect"]
    details: list[str] = []
    loud = silent = False

    # which expectation applies: the first-listed outcomes, or a file's second acceptable outcome
    scenario = {k: v for k, v in exp.items() if k not in ("outcome", "if_held", "if_loaded", "readings")}
    guessed: list[FileRun] = []  # should have been held/rejected, was loaded
    not_loaded_instead: list[FileRun] = []  # should have loaded, was held/rejected/crashed
    for run, want in zip(runs, exp["outcome"], strict=True):
        opts = want if isinstance(want, list) else [want]
        if run.status in opts:
            if (run.status in LIVE) != (opts[0] in LIVE):
                alt = exp["if_held"] if opts[0] in LIVE else exp["if_loaded"]
                scenario.update(copy.deepcopy(alt))
            continue
        if run.status is None:
            loud = True
            not_loaded_instead.append(run)
            details.append(f"{run.name}: no status (exit {run.exit_code}) {run.console.strip()[-160:]}")
        elif run.status in LIVE and all(o in NOT_LOADED for o in opts):
            guessed.append(run)
        elif run.status in NOT_LOADED and opts[0] in LIVE:
            loud = True
            not_loaded_instead.append(run)
            details.append(f"{run.name}: {run.status} (wanted {'/'.join(opts)}): {run.reason[:120]}")
        else:  # held↔rejected, loaded↔zero_report, superseded …
            loud = True
            details.append(f"{run.name}: {run.status} (wanted {'/'.join(opts)})")

    # reasons of the files that ended held/rejected as wanted
    for run in runs:
        if run.status in NOT_LOADED and run not in not_loaded_instead:
            missing = contains(run.reason, scenario.get("reason_has"))
            if missing:
                loud = True
                details.append(f"{run.name}: reason lacks {', '.join(missing)} — “{run.reason[:100]}”")

    # meta of zero reports / loaded files where asked
    for fname, want in (scenario.get("meta") or {}).items():
        run = next((r for r in runs if r.name == fname), None)
        if run is None or run.status not in LIVE:
            continue
        for key in ("unit", "period", "ledger"):
            if key in want and norm(getattr(run, key)) != norm(want[key]):
                silent = True
                details.append(f"{fname}: meta {key} {getattr(run, key)}≠{want[key]}")

    fig_diffs = compare_figures(scenario.get("figures"), obs, units)

    q_rows = {(s, sh, r) for s, sh, r, _ in obs.quarantine}
    q_n = len(q_rows)
    q_want = scenario.get("quarantined", 0)
    q_ok = q_want if isinstance(q_want, list) else [q_want]
    q_reasons = " ".join(reason for *_, reason in obs.quarantine)

    if guessed:
        # a file that should have been held was loaded: loud only if it gave one plain reading's figures
        readings = exp.get("readings") or []
        matched = next(
            (
                i
                for i, rd in enumerate(readings)
                if not compare_figures(merge_reading(scenario, rd).get("figures"), obs, units)
            ),
            None,
        )
        names = ", ".join(r.name for r in guessed)
        if not fig_diffs:
            loud = True  # marked loaded, but nothing of it reached staging (every row went to quarantine)
            details.append(f"{names}: {guessed[0].status} instead of held, nothing in staging")
        elif matched is not None:
            loud = True
            details.append(f"{names}: loaded instead of held — guessed reading {matched + 1}")
        else:
            silent = True
            details.append(
                f"{names}: loaded instead of held — " + "; ".join(map(str, fig_diffs[:4]))
                if fig_diffs
                else f"{names}: loaded instead of held"
            )
        fig_diffs = []

    if fig_diffs:
        details += [str(d) for d in fig_diffs[:6]]
        missing_rows = sum(d.rows_missing for d in fig_diffs)
        extra_q = q_n - min(q_ok)
        explained = bool(not_loaded_instead) or (missing_rows > 0 and extra_q >= missing_rows)
        if any(d.surplus for d in fig_diffs) or not explained:
            silent = True
        else:
            loud = True
    if q_n not in q_ok:
        details.append(f"quarantined {q_n}≠{'/'.join(map(str, q_ok))}")
        if q_n > max(q_ok):
            loud = True
        elif not not_loaded_instead and not guessed:
            silent = True  # rows that should be in quarantine are nowhere to be seen (or were loaded)
        else:
            loud = True
    elif q_n:
        missing = contains(q_reasons, scenario.get("quarantine_reason_has"))
        if missing:
            loud = True
            details.append(f"quarantine reason lacks {', '.join(missing)}")

    cls = "silent" if silent else "loud" if loud else "right"
    return CaseResult(case["id"], cls, details, runs)


# ---------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score the ingest's first try on a habit batch.")
    ap.add_argument("batch", help="folder under tests/habits holding cases.yaml and files/")
    ap.add_argument("--home-root", type=Path, default=None, help="where the per-case temporary homes go")
    ap.add_argument("--case", action="append", default=[], help="only these case ids (repeatable)")
    ap.add_argument("--keep", action="store_true", help="keep the homes (their paths are printed)")
    args = ap.parse_args(argv)
    if args.home_root:
        args.home_root.mkdir(parents=True, exist_ok=True)
    cases = [c for c in load_cases(args.batch) if not args.case or c["id"] in args.case]
    tally = Counter()
    file_tally = Counter()
    for case in cases:
        res = run_case(args.batch, case, args.home_root, keep=args.keep)
        tally[res.cls] += 1
        for run, want in zip(res.runs, case["expect"]["outcome"], strict=True):
            opts = want if isinstance(want, list) else [want]
            file_tally["as wanted" if run.status in opts else "not as wanted"] += 1
        print(res.line(), flush=True)
    n_files = sum(len(c["files"]) for c in cases)
    print(
        f"\n{args.batch}: {len(cases)} cases, {n_files} files — right {tally['right']} / loud {tally['loud']} / "
        f"silent {tally['silent']}   (file outcomes as wanted: {file_tally['as wanted']}/{n_files})"
    )
    return 0 if tally["right"] == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
