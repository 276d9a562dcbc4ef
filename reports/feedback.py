"""退回修改: one workbook per sender (village/community, town office, party organisation) that has problems,
listing what to fix — rows in quarantine, whole files that were refused, and (when given) failing rows
found by the data-quality checks — in plain Chinese, with file, sheet, row and the clerk's own column header,
the value written and the value it conflicts with; a second sheet lists the sender's files held for
confirmation (待确认). One line per record: a record wrong in every cumulative monthly file is listed once.
Printable: A4 landscape, fitted to the page width, the header row repeated on every page.

File names are built from reference names only (etl/ref/*.csv), never from the names of inbox files.
Every cell is written with `write_string` in a workbook that turns no string into a formula, number or URL:
a clerk's '=1+1' or 'https://…' stays text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

FEEDBACK_DIR = "feedback"
PREFIX = "退回修改_"
UNKNOWN_SENDER = "未识别报送单位"
HEADERS = [
    "序号",
    "文件",
    "工作表",
    "行号",
    "列（表头）",
    "填写内容",
    "相关内容",
    "问题",
    "修改建议",
    "同一记录也见于",
]
# column widths in Excel units (a CJK character counts 2): at least MIN, at most MAX (longer text wraps);
# the MAX widths add up to a landscape A4 page at about 85 %
MIN_WIDTHS = [5, 16, 8, 6, 10, 10, 10, 20, 20, 12]
MAX_WIDTHS = [5, 28, 12, 6, 14, 16, 18, 30, 28, 18]
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
WHOLE_FILE_HINT = "请按“问题”一栏修改后，重新报送整个文件"
HELD_SHEET = "待确认文件"
HELD_HEADERS = ["序号", "文件", "台账", "月份", "收到时间", "暂未导入的原因"]
HELD_MIN_WIDTHS = [5, 24, 12, 9, 17, 40]
HELD_MAX_WIDTHS = [5, 36, 16, 9, 17, 90]
HELD_NOTE = (
    "以下文件已收到，但文件中的单位、月份或栏目有说法不一致之处，镇里正在确认，确认前暂未导入。"
    "如是填写有误，请按“暂未导入的原因”改正后重新报送。"
)


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    row: str
    column: str
    value: str
    problem: str
    hint: str
    related: str = ""  # the value it conflicts with: 登记日期：2023-06-12
    also_in: str = ""  # the earlier files (cumulative monthly ledgers) with the same record and problem

    def cells(self) -> list[str]:
        return [
            self.file,
            self.sheet,
            self.row,
            self.column,
            self.value,
            self.related,
            self.problem,
            self.hint,
            self.also_in,
        ]


@dataclass(frozen=True)
class Held:
    file: str
    ledger: str
    period: str
    received: str
    reason: str

    def cells(self) -> list[str]:
        return [self.file, self.ledger, self.period, self.received, self.reason]


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


# ── the clerk's own words ─────────────────────────────────────────────────────────────────────────


def _labels() -> dict[str, dict[str, str]]:
    """ledger → field → the field's label (etl/ledgers.yaml): the words the reader's messages use."""
    from taizhang.etl.schema import catalog

    return {
        kind: {n: f.label for n, f in ledger.fields.items()} for kind, ledger in catalog().ledgers.items()
    }


def _clerk_headers(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, str]]:
    """(file, sheet) → label → the header the clerk wrote for that field (meta.source_sheets.columns, which
    the reader records per sheet), for the labels the clerk wrote otherwise."""
    if not _has_table(con, "meta", "source_sheets"):
        return {}
    has_columns = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'meta' "
        "AND table_name = 'source_sheets' AND column_name = 'columns'"
    ).fetchone()[0]
    if not has_columns:
        return {}
    labels = _labels()
    out: dict[tuple[str, str], dict[str, str]] = {}
    for sha, sheet, ledger, columns in con.execute(
        "SELECT file_sha256, sheet, ledger, columns FROM meta.source_sheets WHERE columns IS NOT NULL"
    ).fetchall():
        try:
            mapping = json.loads(columns)
        except (TypeError, ValueError):
            continue
        if not isinstance(mapping, dict):
            continue
        names = labels.get(ledger or "", {})
        words = {
            names[f]: str(h).strip()
            for f, h in mapping.items()
            if f in names and isinstance(h, str) and h.strip() and h.strip() != names[f]
        }
        if words:
            out[(sha, sheet)] = words
    return out


def _in_clerk_words(text: str, words: dict[str, str]) -> str:
    """The reader's field labels in a message replaced by the clerk's own headers (化解日期 → 办结日期);
    labels of two characters (日期) are too common a word to replace."""
    usable = {label: head for label, head in words.items() if len(label) >= 3}
    if not text or not usable:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(usable, key=len, reverse=True)))
    return pattern.sub(lambda m: usable[m.group(0)], text)


_BESIDE = re.compile(r"^(?P<value>.+?)（(?P<label>[^（）\d]{2,12})(?P<other>\d[^（）]*)）$")


def _split_related(value: str, reason: str, column: str, names: set[str]) -> tuple[str, str]:
    """(the value written, the value it conflicts with), e.g. '2023-05-28（登记日期2023-06-12）' →
    ('2023-05-28', '登记日期：2023-06-12'); a reason '实际参加人数（15）多于应参加人数（12）' gives '应参加人数：12'.
    `names`: the column names the sheet may mention (the clerk's headers and the ledger's labels)."""
    m = _BESIDE.match(value or "")
    if m and m.group("label") in names:
        return m.group("value"), f"{m.group('label')}：{m.group('other').strip()}"
    others = []
    for name in sorted(names - {column}, key=len, reverse=True):
        for found in re.finditer(rf"{re.escape(name)}（([^（）]+)）", reason or ""):
            if not any(name in o for o in others):
                others.append(f"{name}：{found.group(1)}")
    return value, "；".join(others)


def _month(period: str) -> str:
    """'2023-06' → '6月'; a year or nothing as it is."""
    m = re.fullmatch(r"\d{4}-(\d{2})", period or "")
    return f"{int(m.group(1))}月" if m else (period or "")


# ── collecting ───────────────────────────────────────────────────────────────────────────────────


def collect_problems(
    con: duckdb.DuckDBPyConnection, check_outcomes: Iterable | None = None
) -> dict[str, list[Problem]]:
    """Sender name (a reference name, or UNKNOWN_SENDER) → its problems: refused files first, then by
    period, file, sheet and row. A record that is wrong in each of a sender's cumulative monthly files is
    listed once, in its latest file, with the earlier files named (not once per file)."""
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
    found: list[dict] = []  # one per quarantined cell or failing check sample, before merging repeats
    if _has_table(con, "quarantine", "rejected_rows"):
        superseded = (
            "AND file_sha256 NOT IN (SELECT file_sha256 FROM meta.source_files WHERE status = 'superseded')"
            if _has_table(con, "meta", "source_files")
            else ""
        )
        headers = _clerk_headers(con)
        labels = _labels()
        for r in _rows(
            con,
            f"""SELECT file_sha256, file_name, sheet, row_number, column_name, value, reason, fix_hint,
                       sender, unit_id, ledger, period
                FROM quarantine.rejected_rows WHERE true {superseded}
                ORDER BY period, file_name, sheet, row_number, column_name""",
        ):
            words = headers.get((r["file_sha256"], r["sheet"]), {})
            column = _text(r["column_name"])
            reason = _in_clerk_words(_text(r["reason"]), words)
            known = set(words.values()) | set(labels.get(r["ledger"] or "", {}).values())
            value, related = _split_related(_in_clerk_words(_text(r["value"]), words), reason, column, known)
            found.append(
                {
                    "who": names.of(r["sender"], r["unit_id"]) or names.found_in(r["file_name"] or ""),
                    "ledger": _text(r["ledger"]),
                    "period": _text(r["period"]),
                    "file": _text(r["file_name"]),
                    "sheet": _text(r["sheet"]),
                    "row": r["row_number"] or 0,
                    "column": column,
                    "value": value,
                    "related": related,
                    "problem": reason,
                    "hint": _in_clerk_words(_text(r["fix_hint"]), words) or "请核对后重新填写",
                }
            )
    for o in check_outcomes or ():
        if getattr(o, "passed", True) or not str(getattr(o, "table", "")).startswith("staging."):
            continue
        for smp in o.sample:
            if not smp.get("file_name"):
                continue
            problem = o.description_zh + (f"（{smp['note_zh']}）" if smp.get("note_zh") else "")
            level = "（必须修改）" if o.severity == "ERROR" else "（请核对）"
            found.append(
                {
                    "who": names.of(smp.get("sender"), smp.get("unit_id"))
                    or names.found_in(smp.get("file_name") or ""),
                    "ledger": str(o.table).removeprefix("staging."),
                    "period": _text(smp.get("period")),
                    "file": _text(smp.get("file_name")),
                    "sheet": _text(smp.get("sheet")),
                    "row": smp.get("row_number") or 0,
                    "column": _text(smp.get("column_label") or smp.get("column")),
                    "value": _text(smp.get("value")),
                    "related": "",
                    "problem": problem + level,
                    "hint": o.hint_zh or "请核对后重新填写",
                }
            )
    for who, problem, key in _one_line_per_record(found):
        add(who, key, problem)
    out = {}
    for who, items in by_sender.items():
        items.sort(key=lambda kp: (*kp[0][:3], kp[0][3] if isinstance(kp[0][3], int) else 0))
        out[who] = [p for _, p in items]
    return out


def _one_line_per_record(found: list[dict]):
    """Merge the repeats of one problem of one record: a cumulative monthly ledger carries every record of
    the year again each month, so the same row, column, value and problem come back in each month's file.
    The latest file's rows are listed (that is the file to correct); the earlier files are named. Two rows
    of one file with the same problem stay two lines."""
    groups: dict[tuple, list[dict]] = {}
    for f in found:
        key = (f["who"], f["ledger"], f["column"], f["value"], f["related"], f["problem"])
        groups.setdefault(key, []).append(f)
    for items in groups.values():
        latest = max((f["period"], f["file"]) for f in items)
        keep = [f for f in items if (f["period"], f["file"]) == latest]
        earlier = sorted({(f["period"], f["file"]) for f in items} - {latest})
        also = ""
        if earlier:
            months = [_month(p) for p, _ in earlier]
            also = (
                f"{'、'.join(months)}的台账（共{len(earlier)}份）"
                if all(months) and len(set(months)) == len(months)
                else "；".join(f for _, f in earlier)
            )
        for f in sorted(keep, key=lambda f: (f["sheet"], f["row"])):
            yield (
                f["who"],
                Problem(
                    f["file"],
                    f["sheet"],
                    _text(f["row"]) if f["row"] else "",
                    f["column"],
                    f["value"],
                    f["problem"],
                    f["hint"],
                    f["related"],
                    also,
                ),
                (f["period"], f["file"], f["sheet"], f["row"]),
            )


def collect_held(con: duckdb.DuckDBPyConnection) -> dict[str, list[Held]]:
    """Sender name → its files held for confirmation (待确认): received, not loaded, with the reason."""
    if not _has_table(con, "meta", "source_files"):
        return {}
    from taizhang.etl.schema import catalog

    ledgers = {kind: ledger.name_zh for kind, ledger in catalog().ledgers.items()}
    names = SenderNames()
    out: dict[str, list[Held]] = {}
    for r in _rows(
        con,
        """SELECT file_name, sender, unit_id, ledger, period, reason, ingested_at FROM meta.source_files
           WHERE status = 'held' ORDER BY ingested_at, file_name""",
    ):
        who = names.of(r["sender"], r["unit_id"]) or names.found_in(r["file_name"] or "") or UNKNOWN_SENDER
        received = r["ingested_at"]
        out.setdefault(who, []).append(
            Held(
                _text(r["file_name"]),
                ledgers.get(r["ledger"] or "", _text(r["ledger"]) or "未能确定"),
                _text(r["period"]) or "未能确定",
                f"{received:%Y-%m-%d %H:%M}" if isinstance(received, dt.datetime) else _text(received),
                _text(r["reason"]) or "报送单位、月份或栏目需要确认",
            )
        )
    return out


# ── writing ──────────────────────────────────────────────────────────────────────────────────────


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _print_setup(ws, header_row: int, ncols: int) -> None:
    """A4 landscape, every column on the page's width (as many pages down as it takes), the header row on
    every page, page numbers in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell takes."""
    return max(1, -(-_width(text) // max(1, int(width - 1))))


def _sheet(
    wb, fm: dict, name: str, title: str, note: str, headers: list[str], min_widths, max_widths, rows
) -> None:
    ws = wb.add_worksheet(name)
    ncols = len(headers)
    widths = [max(min_widths[c], min(max_widths[c], _width(h) + 2)) for c, h in enumerate(headers)]
    for cells in rows:
        for c, value in enumerate(cells, start=1):
            widths[c] = max(widths[c], min(max_widths[c], _width(value) + 2))
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.merge_range(0, 0, 0, ncols - 1, "", fm["title"])
    ws.write_string(0, 0, title, fm["title"])
    ws.set_row(0, 26)
    ws.merge_range(1, 0, 1, ncols - 1, "", fm["note"])
    ws.write_string(1, 0, note, fm["note"])
    lines = -(-_width(note) // max(1, int(sum(widths) * 0.95)))
    ws.set_row(1, 16 * max(1, lines) + 2)  # the instruction line wraps, never cut
    header_row = 2
    for c, h in enumerate(headers):
        ws.write_string(header_row, c, h, fm["head"])
    ws.set_row(header_row, 30)
    for i, cells in enumerate(rows, start=1):
        r = header_row + i
        ws.write_string(r, 0, str(i), fm["seq"])
        for c, value in enumerate(cells, start=1):
            ws.write_string(r, c, value, fm["cell"])
        ws.set_row(r, 15 * max(_lines(v, widths[c]) for c, v in enumerate(cells, start=1)) + 3)
    ws.freeze_panes(header_row + 1, 0)
    if rows:
        ws.autofilter(header_row, 0, header_row + len(rows), ncols - 1)
    _print_setup(ws, header_row, ncols)


def write_workbook(
    path: Path,
    sender_name: str,
    problems: list[Problem],
    generated: dt.datetime | None = None,
    held: list[Held] = (),
) -> Path:
    import xlsxwriter

    generated = generated or dt.datetime.now()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
    try:
        base = {"font_name": "宋体", "font_size": 10.5}
        fm = {
            "title": wb.add_format(
                {**base, "bold": True, "font_size": 14, "align": "left", "valign": "vcenter"}
            ),
            "note": wb.add_format({**base, "font_color": "#444444", "text_wrap": True, "valign": "top"}),
            "head": wb.add_format(
                {
                    **base,
                    "bold": True,
                    "bg_color": "#F2F2F2",
                    "border": 1,
                    "align": "center",
                    "valign": "vcenter",
                    "text_wrap": True,
                }
            ),
            "cell": wb.add_format({**base, "border": 1, "valign": "top", "text_wrap": True}),
            "seq": wb.add_format({**base, "border": 1, "valign": "top", "align": "center"}),
        }
        _sheet(
            wb,
            fm,
            "退回修改",
            f"{sender_name} 台账退回修改清单",
            f"生成时间：{generated:%Y-%m-%d %H:%M}　共 {len(problems)} 处问题。"
            "请按“修改建议”改正后重新报送；“列（表头）”是您表格中的栏目名称；"
            "整份退回的文件请修改后重新报送整个文件；同一记录在此前各月台账中也有的，在“同一记录也见于”中注明。",
            HEADERS,
            MIN_WIDTHS,
            MAX_WIDTHS,
            [p.cells() for p in problems],
        )
        if held:
            _sheet(
                wb,
                fm,
                HELD_SHEET,
                f"{sender_name} 待确认文件",
                HELD_NOTE,
                HELD_HEADERS,
                HELD_MIN_WIDTHS,
                HELD_MAX_WIDTHS,
                [h.cells() for h in held],
            )
    finally:
        wb.close()
    tmp.replace(path)
    return path


def write_feedback(con: duckdb.DuckDBPyConnection, out_dir: Path, check_outcomes=None) -> list[Path]:
    """One workbook per sender with problems or held files under <out_dir>/feedback/ (out_dir: the reports
    folder; the feedback folder itself is accepted too). Earlier 退回修改_*.xlsx there are removed first, so a
    sender whose files are now clean gets none. Returns the paths written, sorted."""
    out_dir = Path(out_dir)
    folder = out_dir if out_dir.name == FEEDBACK_DIR else out_dir / FEEDBACK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{PREFIX}*.xlsx"):
        old.unlink()
    generated = dt.datetime.now()
    problems = collect_problems(con, check_outcomes)
    held = collect_held(con)
    written = []
    for who in sorted(set(problems) | set(held)):
        if problems.get(who) or held.get(who):
            written.append(
                write_workbook(
                    feedback_path(folder, who), who, problems.get(who, []), generated, held.get(who, [])
                )
            )
    return sorted(written)
