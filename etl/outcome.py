"""What reading a file gave: per sheet and per file, the records, the problems, and the status to store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import privacy
from .records import Problem

DROP_LABELS = {"blank": "空行", "total": "合计", "footer": "页脚", "note": "注释", "zero_report": "零报告说明",
               "header_repeat": "重复表头", "template": "空模板行"}


@dataclass
class SheetOutcome:
    sheet: str
    ledger: str | None = None
    sender: str | None = None
    unit_id: str | None = None
    period: str | None = None
    status: str = "skipped"  # loaded | zero_report | skipped | rejected
    reason: str | None = None
    header_row: int | None = None
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_quarantined: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmapped: list[str] = field(default_factory=list)
    sender_source: str | None = None
    period_source: str | None = None


@dataclass
class FileOutcome:
    path: Path
    sha256: str = ""
    status: str = "loaded"  # loaded | zero_report | unchanged | rejected | skipped (not read: see discover)
    reason: str | None = None
    name: str = ""  # the file name as stored and shown, personal numbers replaced (privacy.Tokeniser.scrub_name)
    location: str = ""  # the same for the whole path
    sheets: list[SheetOutcome] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    same_as: str | None = None
    size: int | None = None

    def named(self, tokeniser) -> FileOutcome:
        """This outcome with its name and path as they may be stored and shown."""
        self.name, self.location = tokeniser.scrub_name(self.path.name), tokeniser.scrub_name(str(self.path))
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
        name = self.name or privacy.scrub_text(self.path.name)
        if self.status == "skipped":
            return f"- {name}: skipped 未读取 — {self.reason}"
        if self.status == "rejected":
            return f"✗ {name}: rejected 拒收 — {self.reason}"
        if self.status == "unchanged":
            return f"= {name}: unchanged 未变化（与已导入的 {self.same_as} 内容相同）"
        what = "; ".join(f"{s.ledger} {s.sender or '?'} {s.period or '?'}" for s in self.used)
        dropped = self.dropped
        detail = "、".join(f"{DROP_LABELS.get(k, k)}{v}" for k, v in sorted(dropped.items()))
        text = (f"✓ {name} [{what}]: loaded {self.rows_loaded} rows · quarantined {self.rows_quarantined}"
                f" · dropped {sum(dropped.values())}" + (f" ({detail})" if detail else ""))
        if self.status == "zero_report":
            text += " · 零报告"
        if self.replaced:
            text += f" · replaces {', '.join(self.replaced)}"
        skipped = [s for s in self.sheets if s.status == "skipped" and s.reason]
        if skipped:
            text += " · skipped sheets: " + "; ".join(f"{s.sheet}（{s.reason}）" for s in skipped)
        return text
