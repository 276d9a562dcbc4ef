"""The data-quality figures, counted once: `taizhang quality` prints them and the data docs page shows them.

    quality(con, outcomes) -> Quality      # con: the warehouse (read only); outcomes: the recorded checks

What is counted (all of the warehouse, not one ingest):
- files: the latest version of each file — 已导入 (loaded, with 零报告 among them), 待确认 (held), 拒收
  (rejected); files replaced by a later one (superseded) are counted apart and their rows left out;
- rows: quarantined data rows (one row with several problems counts once), per village/community with the
  reasons that occur most; a reason is shown as a kind (its column and the sentence with every quoted value
  replaced by “…”, ID and phone numbers too), never with what the cell held: no personal data;
- checks: each asset check once (a check groups one or more rules) — passed, warned, failed (blocking) —
  and the held-files check of meta.source_files (a warning while a file waits), as `taizhang run` counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .outcome import CheckOutcome

UNKNOWN_UNIT = "未识别单位"
TOP_REASONS = 3
LIVE = ("loaded", "zero_report")
HELD_CHECK = ("meta.source_files", "held_files")


@dataclass
class UnitQuarantine:
    """Quarantined rows of one village/community (or office): how many, and the reasons most often met."""

    unit: str
    rows: int
    reasons: list[tuple[str, int]]  # (reason, cells), most frequent first, at most TOP_REASONS

    def reasons_text(self) -> str:
        """主要原因 as one phrase: 受理日期有歧义（3处）；化解日期早于受理日期（1处）."""
        return "；".join(f"{r}（{n}处）" for r, n in self.reasons)


@dataclass
class Quality:
    """What the warehouse holds and what the checks found, in numbers."""

    files_loaded: int = 0  # loaded or 零报告
    files_zero_report: int = 0
    files_held: int = 0
    files_rejected: int = 0
    files_superseded: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    checks_run: int = 0
    checks_passed: int = 0
    checks_warned: int = 0
    checks_failed: int = 0
    failed_checks: list[str] = field(default_factory=list)  # 表：检查 of the blocking failures
    by_unit: list[UnitQuarantine] = field(default_factory=list)

    def figures(self) -> list[tuple[str, int]]:
        """The numbers with their Chinese labels, in the order both the command and the page show them."""
        return [
            ("导入的文件", self.files_loaded),
            ("其中零报告", self.files_zero_report),
            ("待确认的文件", self.files_held),
            ("拒收的文件", self.files_rejected),
            ("已被替换的文件", self.files_superseded),
            ("导入的行", self.rows_loaded),
            ("隔离的行", self.rows_quarantined),
            ("运行的检查", self.checks_run),
            ("通过的检查", self.checks_passed),
            ("警告的检查", self.checks_warned),
            ("未通过的检查（阻断）", self.checks_failed),
        ]

    def lines(self) -> list[str]:
        """The whole summary as lines of text (the command line prints these)."""
        out = ["数据质量汇总："]
        out += [f"  {label}：{value:,}" for label, value in self.figures()]
        out += [f"  ✗ 未通过 {name}" for name in self.failed_checks]
        if self.by_unit:
            out.append("隔离的行（按村（社区）/单位）：")
            out += [f"  {u.unit}：{u.rows} 行；主要原因：{u.reasons_text()}" for u in self.by_unit]
        else:
            out.append("没有隔离的行。")
        return out


_QUOTED = re.compile(r"“([^”]*)”")


def reason_kind(column: str | None, reason: str | None) -> str:
    """A quarantine reason without the values it quotes: 受理日期：日期“…”不存在，请核对."""
    from taizhang.etl.privacy import scrub_text

    column = (column or "").strip()
    text = _QUOTED.sub(lambda m: m.group(0) if m.group(1) == column else "“…”", scrub_text(reason) or "")
    text = text.strip() or "（未说明）"
    return f"{column}：{text}" if column and column not in text else text


def _tables(con) -> set[str]:
    return {
        f"{s}.{t}" for s, t in con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
    }


def quality(con, outcomes: Iterable[CheckOutcome]) -> Quality:
    """Count files, quarantined rows by unit and checks (con None: no warehouse yet, only the checks)."""
    from taizhang.etl.privacy import scrub_text

    q = Quality()
    tables = _tables(con) if con is not None else set()
    if "meta.source_files" in tables:
        status: Counter = Counter()
        for st, loaded in con.execute("SELECT status, rows_loaded FROM meta.source_files").fetchall():
            status[st] += 1
            if st in LIVE:
                q.rows_loaded += loaded or 0
        q.files_loaded = status["loaded"] + status["zero_report"]
        q.files_zero_report = status["zero_report"]
        q.files_held, q.files_rejected = status["held"], status["rejected"]
        q.files_superseded = status["superseded"]
    if "quarantine.rejected_rows" in tables:
        superseded = (
            "AND q.file_sha256 NOT IN (SELECT file_sha256 FROM meta.source_files WHERE status = 'superseded')"
            if "meta.source_files" in tables
            else ""
        )
        names = (
            dict(con.execute("SELECT unit_id, name FROM ref.units").fetchall())
            if "ref.units" in tables
            else {}
        )
        cells = con.execute(
            "SELECT q.file_sha256, q.sheet, q.row_number, q.unit_id, q.sender, q.column_name, q.reason "
            f"FROM quarantine.rejected_rows q WHERE true {superseded}"
        ).fetchall()
        rows: dict[str, set] = {}
        reasons: dict[str, Counter] = {}
        for sha, sheet, row, unit_id, sender, column, reason in cells:
            unit = names.get(unit_id) or scrub_text(sender) or UNKNOWN_UNIT
            rows.setdefault(unit, set()).add((sha, sheet, row))
            reasons.setdefault(unit, Counter())[reason_kind(column, reason)] += 1
        q.by_unit = sorted(
            (
                UnitQuarantine(unit, len(keys), reasons[unit].most_common(TOP_REASONS))
                for unit, keys in rows.items()
            ),
            key=lambda u: (-u.rows, u.unit),
        )
        q.rows_quarantined = sum(u.rows for u in q.by_unit)
    checks: dict[tuple[str, str], set[str]] = {}
    for o in outcomes:
        checks.setdefault((o.table, o.check or o.name), set()).add(o.status)
    if "meta.source_files" in tables:
        checks[HELD_CHECK] = {"warned" if q.files_held else "passed"}
    for (table, name), statuses in checks.items():
        q.checks_run += 1
        if "failed" in statuses:
            q.checks_failed += 1
            q.failed_checks.append(f"{table}：{name}")
        elif "warned" in statuses:
            q.checks_warned += 1
        else:
            q.checks_passed += 1
    return q
