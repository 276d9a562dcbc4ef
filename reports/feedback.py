"""退回修改: one workbook per sender (village/community, town office, party organisation) that has problems,
listing what to fix — rows in quarantine, whole files that were refused, and (when given) failing rows
found by the data-quality checks — in plain Chinese, with file, sheet, row and column.

File names are built from reference names only (etl/ref/*.csv), never from the names of inbox files.
Every cell is written with `write_string` in a workbook that turns no string into a formula, number or URL:
a clerk's '=1+1' or 'https://…' stays text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

FEEDBACK_DIR = "feedback"
PREFIX = "退回修改_"
UNKNOWN_SENDER = "未识别报送单位"
HEADERS = ["文件", "工作表", "行号", "列", "填写内容", "问题", "修改建议"]
MAX_WIDTH = 60  # characters of a column (in Excel width units, a CJK character counts 2)
MIN_WIDTHS = [24, 10, 6, 12, 16, 30, 30]
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
WHOLE_FILE_HINT = "请按“问题”一栏修改后，重新报送整个文件"


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    row: str
    column: str
    value: str
    problem: str
    hint: str

    def cells(self) -> list[str]:
        return [self.file, self.sheet, self.row, self.column, self.value, self.problem, self.hint]


class SenderNames:
    """Canonical sender names from the reference data; resolves what meta/quarantine say to one of them."""

    def __init__(self):
        from taizhang.etl.reference import reference

        self.ref = reference()
        self.units = {uid: r["name"] for uid, r in self.ref.units.items()}
        self.offices = {r["name"] for r in self.ref.senders.values()}
        self.orgs = {r["name"] for r in self.ref.party_orgs.values()}
        self.known = set(self.units.values()) | self.offices | self.orgs

    def of(self, sender: str | None, unit_id: str | None) -> str | None:
        if sender:
            for part in str(sender).split(","):  # meta rows join several senders with ','
                if part.strip() in self.known:
                    return part.strip()
        if unit_id:
            for part in str(unit_id).split(","):
                if part.strip() in self.units:
                    return self.units[part.strip()]
        return None

    def found_in(self, text: str) -> str | None:
        """The one sender a text names (e.g. a refused file's name) → its reference name; None when it names
        none or several."""
        senders = {s.name for m in self.ref.mentions_in(text) if (s := self.ref.sender_for(m)) is not None}
        return senders.pop() if len(senders) == 1 else None


def feedback_path(folder: Path, sender_name: str) -> Path:
    """退回修改_<name>.xlsx with a reference name, made safe for any file system anyway."""
    safe = unicodedata.normalize("NFKC", sender_name)
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", safe).strip(" .") or UNKNOWN_SENDER
    return folder / f"{PREFIX}{safe[:60]}.xlsx"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def collect_problems(
    con: duckdb.DuckDBPyConnection, check_outcomes: Iterable | None = None
) -> dict[str, list[Problem]]:
    """Sender name (a reference name, or UNKNOWN_SENDER) → its problems: refused files first, then by
    period, file, sheet and row."""
    names = SenderNames()
    by_sender: dict[str, list[tuple]] = {}

    def add(who: str | None, key: tuple, problem: Problem) -> None:
        by_sender.setdefault(who or UNKNOWN_SENDER, []).append((key, problem))

    if _has_table(con, "meta", "source_files"):
        for r in _rows(
            con,
            """SELECT file_name, sender, unit_id, reason FROM meta.source_files
                               WHERE status = 'rejected' ORDER BY ingested_at, file_name""",
        ):
            who = names.of(r["sender"], r["unit_id"]) or names.found_in(r["file_name"] or "")
            add(
                who,
                ("", _text(r["file_name"]), "", -1),
                Problem(
                    _text(r["file_name"]),
                    "（整个文件）",
                    "",
                    "",
                    "",
                    "整个文件未能导入：" + (_text(r["reason"]) or "无法识别的文件"),
                    WHOLE_FILE_HINT,
                ),
            )
    if _has_table(con, "quarantine", "rejected_rows"):
        for r in _rows(
            con,
            """SELECT file_name, sheet, row_number, column_name, value, reason, fix_hint,
                                      sender, unit_id, period
                               FROM quarantine.rejected_rows
                               ORDER BY period, file_name, sheet, row_number, column_name""",
        ):
            who = names.of(r["sender"], r["unit_id"]) or names.found_in(r["file_name"] or "")
            add(
                who,
                (_text(r["period"]), _text(r["file_name"]), _text(r["sheet"]), r["row_number"] or 0),
                Problem(
                    _text(r["file_name"]),
                    _text(r["sheet"]),
                    _text(r["row_number"]),
                    _text(r["column_name"]),
                    _text(r["value"]),
                    _text(r["reason"]),
                    _text(r["fix_hint"]) or "请核对后重新填写",
                ),
            )
    for o in check_outcomes or ():
        if getattr(o, "passed", True) or not str(getattr(o, "table", "")).startswith("staging."):
            continue
        for s in o.sample:
            if not s.get("file_name"):
                continue
            who = names.of(s.get("sender"), s.get("unit_id")) or names.found_in(s.get("file_name") or "")
            problem = o.description_zh + (f"（{s['note_zh']}）" if s.get("note_zh") else "")
            level = "（必须修改）" if o.severity == "ERROR" else "（请核对）"
            add(
                who,
                (
                    _text(s.get("period")),
                    _text(s.get("file_name")),
                    _text(s.get("sheet")),
                    s.get("row_number") or 0,
                ),
                Problem(
                    _text(s.get("file_name")),
                    _text(s.get("sheet")),
                    _text(s.get("row_number")),
                    _text(s.get("column_label") or s.get("column")),
                    _text(s.get("value")),
                    problem + level,
                    o.hint_zh or "请核对后重新填写",
                ),
            )
    out = {}
    for who, items in by_sender.items():
        items.sort(
            key=lambda kp: (*kp[0][:3], kp[0][3] if isinstance(kp[0][3], int) else 0)
        )  # period, file, sheet, row
        out[who] = [p for _, p in items]
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def write_workbook(
    path: Path, sender_name: str, problems: list[Problem], generated: dt.datetime | None = None
) -> Path:
    import xlsxwriter

    generated = generated or dt.datetime.now()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
    try:
        ws = wb.add_worksheet("退回修改")
        title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "left", "valign": "vcenter"})
        note_fmt = wb.add_format({"font_color": "#555555"})
        head_fmt = wb.add_format(
            {
                "bold": True,
                "bg_color": "#F2F2F2",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        cell_fmt = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
        ncols = len(HEADERS)
        ws.merge_range(0, 0, 0, ncols - 1, "", title_fmt)
        ws.write_string(0, 0, f"{sender_name} 台账退回修改清单", title_fmt)
        ws.set_row(0, 26)
        ws.merge_range(1, 0, 1, ncols - 1, "", note_fmt)
        ws.write_string(
            1,
            0,
            f"生成时间：{generated:%Y-%m-%d %H:%M}　共 {len(problems)} 处问题。"
            "请按“修改建议”改正后重新报送；整份退回的文件请修改后重新报送整个文件。",
            note_fmt,
        )
        header_row = 2
        for c, h in enumerate(HEADERS):
            ws.write_string(header_row, c, h, head_fmt)
        widths = [max(MIN_WIDTHS[c], _width(h) + 2) for c, h in enumerate(HEADERS)]
        for r, p in enumerate(problems, start=header_row + 1):
            for c, value in enumerate(p.cells()):
                ws.write_string(r, c, value, cell_fmt)
                widths[c] = max(widths[c], min(MAX_WIDTH, _width(value) + 2))
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(header_row + 1, 0)
        if problems:
            ws.autofilter(header_row, 0, header_row + len(problems), ncols - 1)
    finally:
        wb.close()
    tmp.replace(path)
    return path


def write_feedback(con: duckdb.DuckDBPyConnection, out_dir: Path, check_outcomes=None) -> list[Path]:
    """One workbook per sender with problems under <out_dir>/feedback/ (out_dir: the reports folder; the
    feedback folder itself is accepted too). Earlier 退回修改_*.xlsx there are removed first, so a sender
    whose files are now clean gets none. Returns the paths written, sorted."""
    out_dir = Path(out_dir)
    folder = out_dir if out_dir.name == FEEDBACK_DIR else out_dir / FEEDBACK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{PREFIX}*.xlsx"):
        old.unlink()
    generated = dt.datetime.now()
    written = []
    for who, problems in sorted(collect_problems(con, check_outcomes).items()):
        if problems:
            written.append(write_workbook(feedback_path(folder, who), who, problems, generated))
    return sorted(written)
