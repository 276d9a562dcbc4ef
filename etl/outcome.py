"""What reading a file gave: per sheet and per file, the records, the problems, and the status to store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import privacy
from .decisions import Question
from .records import Problem

DROP_LABELS = {
    "blank": "空行",
    "total": "合计",
    "footer": "页脚",
    "note": "注释",
    "zero_report": "零报告说明",
    "header_repeat": "重复表头",
    "other_table": "表格下方的另一张表",
    "template": "空模板行",
    "section": "分节行",
    "example": "示例行",
    "part_of_record": "同一记录的续行",
}


class RecordColumns:
    """A sheet's records as one list per field, as the reader hands them to the writer: a dict per row costs
    about three times the memory, and as much again to pickle across the process boundary."""

    __slots__ = ("count", "data")

    def __init__(self, records: list[dict]):
        names = dict.fromkeys(k for r in records for k in r)
        self.data = {n: [r.get(n) for r in records] for n in names}
        self.count = len(records)
        row = self.data.pop("_row", None)  # the sheet row a record was read from is stored as row_number
        if row is not None:
            stored = self.data.get("row_number") or [None] * self.count
            self.data["row_number"] = [r if r is not None else s for r, s in zip(row, stored, strict=True)]

    def __len__(self) -> int:
        return self.count

    def __getstate__(self):
        return self.count, self.data

    def __setstate__(self, state) -> None:
        self.count, self.data = state

    def column(self, name: str) -> list:
        """The field's values row by row (None throughout for a field no record has)."""
        return self.data[name] if name in self.data else [None] * self.count

    def drop(self, indexes: set[int]) -> None:
        """Leave out the records at these positions."""
        self.data = {n: [v for i, v in enumerate(vs) if i not in indexes] for n, vs in self.data.items()}
        self.count -= len(indexes)


STATUS_ZH = {
    "loaded": "已导入",
    "zero_report": "零报告",
    "held": "待确认",
    "rejected": "拒收",
    "unchanged": "未变化",
    "superseded": "已被替换",
    "skipped": "已跳过",
}


@dataclass
class SheetOutcome:
    sheet: str
    ledger: str | None = None
    sender: str | None = None
    unit_id: str | None = None
    period: str | None = None
    status: str = "skipped"  # loaded | zero_report | skipped | held | rejected
    reason: str | None = None
    questions: list[Question] = field(default_factory=list)  # why it is held
    notes: list[Problem] = field(default_factory=list)  # cells left empty in loaded records
    unit_source: str | None = None
    ledger_source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field → the header it was read from
    layout: str | None = None  # the layout's signature (ledger and header texts)
    title: str | None = None  # the lines above the header
    seen: str | None = None  # without a header: what the first rows hold (for the reason)
    header_row: int | None = None
    records: list[dict] | RecordColumns = field(default_factory=list)  # columns once read (pack)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_quarantined: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmapped: list[str] = field(default_factory=list)
    sender_source: str | None = None
    period_source: str | None = None
    total_disagrees: str | None = None  # a 合计 row that is not the sum of the records read (why, in Chinese)
    late_dates: list = field(default_factory=list)  # dates of rows set aside for lying well after the period
    repeats: dict = field(
        default_factory=dict
    )  # record index → (month, file name) it was reported in: set aside

    def pack(self) -> RecordColumns:
        """The records column by column (once reading is done; idempotent)."""
        if not isinstance(self.records, RecordColumns):
            self.records = RecordColumns(self.records)
        return self.records


@dataclass
class FileOutcome:
    path: Path
    sha256: str = ""
    status: str = (
        "loaded"  # loaded | zero_report | unchanged | held | rejected | skipped (not read: see discover)
    )
    reason: str | None = None
    name: str = (
        ""  # the file name as stored and shown, personal numbers replaced (privacy.Tokeniser.scrub_name)
    )
    location: str = ""  # the same for the whole path
    sheets: list[SheetOutcome] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    added_to: list[str] = field(
        default_factory=list
    )  # live files of the same unit, ledger and month it adds to
    rows_removed: int = 0  # records of the files it replaces that it does not carry
    same_as: str | None = None
    size: int | None = None
    sent_name: str | None = None  # the name as sent, for reading only (the path may be the archive's copy)
    template_problem: str | None = None  # a 报送模板 whose signed marker disagrees with the file

    @property
    def file_name(self) -> str:
        """The name as stored and shown (personal numbers replaced)."""
        return self.name or privacy.scrub_text(self.path.name)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sheets for q in s.questions]

    def named(self, tokeniser) -> FileOutcome:
        """This outcome with its name and path as they may be stored and shown."""
        self.name = tokeniser.scrub_name(self.sent_name or self.path.name)
        self.location = tokeniser.scrub_name(str(self.path))
        return self

    @property
    def used(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.status in ("loaded", "zero_report")]

    @property
    def rows_loaded(self) -> int:
        return sum(len(s.records) for s in self.used)

    @property
    def rows_quarantined(self) -> int:
        return sum(s.rows_quarantined for s in self.used)

    @property
    def dropped(self) -> Counter:
        total: Counter = Counter()
        for s in self.used:
            total.update(s.dropped)
        return total

    def line(self) -> str:
        """The file's one line, in Chinese: what it was read as, and what became of its rows."""
        name = self.file_name
        if self.status == "held":
            return f"? {name}：待确认 — {self.reason}"
        if self.status == "skipped":
            return f"- {name}：未读取 — {self.reason}"
        if self.status == "rejected":
            return f"✗ {name}：拒收 — {self.reason}"
        if self.status == "unchanged":
            return f"= {name}：未变化（与已导入的 {self.same_as} 内容相同）"
        what = "；".join(f"{_ledger_zh(s.ledger)} {s.sender or '?'} {s.period or '?'}" for s in self.used)
        dropped = self.dropped
        detail = "、".join(f"{DROP_LABELS.get(k, k)}{v}" for k, v in sorted(dropped.items()))
        text = (
            f"✓ {name}［{what}］：导入 {self.rows_loaded} 行，隔离 {self.rows_quarantined} 行，"
            f"略过 {sum(dropped.values())} 行" + (f"（{detail}）" if detail else "")
        )
        if self.status == "zero_report":
            text += "；零报告"
        if self.replaced:
            text += f"；替换 {'、'.join(self.replaced)}"
            if self.rows_removed:
                text += f"（去掉原文件中的{self.rows_removed}条记录）"
        if self.added_to:
            text += f"；追加到 {'、'.join(self.added_to)}"
        skipped = [s for s in self.sheets if s.status == "skipped" and s.reason]
        if skipped:
            text += "；跳过的工作表：" + "、".join(f"{s.sheet}（{s.reason}）" for s in skipped)
        return text

    def problem(self) -> str | None:
        """Why this file needs a look, in one line (None when it loaded whole): rejected, held, not read, or
        rows quarantined (with the first one's place and reason)."""
        name = self.file_name
        if self.status in ("rejected", "held", "skipped"):
            return f"{STATUS_ZH[self.status]}　{name}：{self.reason}"
        if self.rows_quarantined:
            first = next((p for s in self.used for p in s.problems), None)
            where = (
                f"（如第{first.row_number}行{(' ' + first.column) if first.column else ''}）" if first else ""
            )  # no value: it may be personal
            return f"有隔离行　{name}：隔离 {self.rows_quarantined} 行{where}"
        return None


def _ledger_zh(kind: str | None) -> str:
    from .schema import catalog

    ledgers = catalog().ledgers
    return ledgers[kind].name_zh if kind in ledgers else (kind or "?")


def summary(outcomes: list[FileOutcome], verbose: bool = False) -> list[str]:
    """What an ingest did, for the console: one line of counts (files loaded, rows quarantined, files held,
    files rejected), then each file that needs a look on its own line with its reason; every file's line
    first with `verbose`."""
    lines = [o.line() for o in outcomes] if verbose else []
    count = {s: sum(1 for o in outcomes if o.status == s) for s in STATUS_ZH}
    loaded = count["loaded"] + count["zero_report"]
    text = (
        f"共 {len(outcomes)} 个文件：导入 {loaded} 个（{sum(o.rows_loaded for o in outcomes):,} 行"
        + (f"，其中零报告 {count['zero_report']} 个" if count["zero_report"] else "")
        + f"），隔离 {sum(o.rows_quarantined for o in outcomes):,} 行，"
        f"待确认 {count['held']} 个，拒收 {count['rejected']} 个"
    )
    extra = [f"{STATUS_ZH[s]} {count[s]} 个" for s in ("unchanged", "skipped") if count[s]]
    lines.append(text + ("，" + "，".join(extra) if extra else "") + "。")
    problems = [p for p in (o.problem() for o in outcomes) if p]
    if problems:
        lines.append("需要处理的文件：")
        lines += [f"  {p}" for p in problems]
    if count["held"]:
        lines.append("待确认的文件：taizhang mappings 列出问题，taizhang mappings confirm 编号 确认后导入。")
    if any(o.rows_quarantined for o in outcomes):
        lines.append(
            "隔离的行：taizhang export quarantine.rejected_rows --format xlsx -o 隔离的行.xlsx，"
            "或运行后看退回修改清单（reports/feedback/）。"
        )
    return lines
