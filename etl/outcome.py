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
    "template": "空模板行",
    "section": "分节行",
    "example": "示例行",
    "part_of_record": "同一记录的续行",
}
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
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_quarantined: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmapped: list[str] = field(default_factory=list)
    sender_source: str | None = None
    period_source: str | None = None
    total_disagrees: str | None = None  # a 合计 row that is not the sum of the records read (why, in Chinese)


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
        name = self.file_name
        if self.status == "held":
            return f"? {name}: 待确认 — {self.reason}"
        if self.status == "skipped":
            return f"- {name}: skipped 未读取 — {self.reason}"
        if self.status == "rejected":
            return f"✗ {name}: rejected 拒收 — {self.reason}"
        if self.status == "unchanged":
            return f"= {name}: unchanged 未变化（与已导入的 {self.same_as} 内容相同）"
        what = "; ".join(f"{s.ledger} {s.sender or '?'} {s.period or '?'}" for s in self.used)
        dropped = self.dropped
        detail = "、".join(f"{DROP_LABELS.get(k, k)}{v}" for k, v in sorted(dropped.items()))
        text = (
            f"✓ {name} [{what}]: loaded {self.rows_loaded} rows · quarantined {self.rows_quarantined}"
            f" · dropped {sum(dropped.values())}" + (f" ({detail})" if detail else "")
        )
        if self.status == "zero_report":
            text += " · 零报告"
        if self.replaced:
            text += f" · replaces {', '.join(self.replaced)}"
            if self.rows_removed:
                text += f"（去掉原文件中的{self.rows_removed}条记录）"
        if self.added_to:
            text += f" · 追加到 {', '.join(self.added_to)}"
        skipped = [s for s in self.sheets if s.status == "skipped" and s.reason]
        if skipped:
            text += " · skipped sheets: " + "; ".join(f"{s.sheet}（{s.reason}）" for s in skipped)
        return text
