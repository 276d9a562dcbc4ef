"""What a check found: the severities, and one outcome per expectation (staging) or rule (marts), as the
asset checks, the data docs and the 退回修改 workbooks show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR = "ERROR"
WARN = "WARN"
CUSTOM = "custom"  # an expectation computed with pandas in the suite, not by GX


@dataclass
class CheckOutcome:
    """The result of one expectation (staging) or one rule (marts)."""

    name: str  # the expectation / rule name, unique within its table
    table: str  # staging.disputes, marts.headline_indicators, …
    severity: str  # ERROR (blocks the reports) | WARN
    passed: bool
    description_zh: str
    check: str = ""  # the Dagster asset check it belongs to (several expectations may share one)
    expectation: str = ""  # GX expectation type, 'custom' or 'sql'
    column: str | None = None
    column_label: str | None = None  # the column as the ledger calls it (受理日期 …)
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    sample: list[dict[str, Any]] = field(default_factory=list)  # ≤ 5 failing rows: lineage + checked value
    message_zh: str = ""  # what was found, in a sentence (missing columns, differences, errors)
    hint_zh: str = ""  # how a clerk fixes it
    error: str | None = None  # the check could not be evaluated (then passed is False)

    @property
    def status(self) -> str:
        """passed | warned | failed — as shown in the data docs."""
        if self.passed:
            return "passed"
        return "warned" if self.severity == WARN else "failed"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckOutcome:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def display(value: Any) -> str:
    """A cell value as text for samples, JSON and workbooks."""
    if is_missing(value):
        return ""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time(0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        result = pd.isna(value)
        return bool(result) if not hasattr(result, "__len__") else False
    except (TypeError, ValueError):
        return False
