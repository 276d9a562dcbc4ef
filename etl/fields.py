"""The catalogue of what analysts see of the warehouse (etl/fields.yaml): the exportable tables with their
Chinese names, each column's Chinese name, the columns left out, the columns a scope filters on, and the
words shown for stored codes. `taizhang export`, `taizhang tables` and the data-quality page read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class TableInfo:
    table: str  # schema.table
    name: str  # 中文表名
    about: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # this table's own column names
    hide: tuple[str, ...] = ()
    scope: dict[str, str] = field(default_factory=dict)  # kind of scope → column

    @property
    def short(self) -> str:
        return self.table.split(".", 1)[1]

    @property
    def has_as_of(self) -> bool:
        return self.table.startswith("marts.")

    def label(self, column: str) -> str:
        """The column's Chinese name (the column itself when the catalogue has none)."""
        return self.columns.get(column) or fields().get(column) or column


@cache
def _doc() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("fields.yaml").read_text(encoding="utf-8"))


@cache
def fields() -> dict[str, str]:
    """column → Chinese name, for every table."""
    return dict(_doc()["fields"])


@cache
def tables() -> dict[str, TableInfo]:
    """schema.table → TableInfo, in the catalogue's order (the order `taizhang tables` lists them)."""
    out = {}
    for table, spec in _doc()["tables"].items():
        out[table] = TableInfo(
            table=table,
            name=spec["name"],
            about=spec.get("about", ""),
            columns=dict(spec.get("columns") or {}),
            hide=tuple(spec.get("hide") or ()),
            scope=dict(spec.get("scope") or {}),
        )
    return out


def label(column: str, table: str | None = None) -> str:
    """A column's Chinese name, in `table` when given."""
    info = tables().get(table) if table else None
    return info.label(column) if info else (fields().get(column) or column)


@cache
def value_words() -> dict[str, dict[str, str]]:
    """column → {stored code: the word shown}: the catalogue's own, the ledger names, and the statuses whose
    words are kept where they are used (etl/outcome.py, etl/missing.py)."""
    from .missing import MART_STATUS
    from .missing import STATUS_ZH as CHASE_ZH
    from .outcome import STATUS_ZH as FILE_ZH
    from .schema import catalog

    out = {column: {str(k): v for k, v in words.items()} for column, words in _doc()["values"].items()}
    out["ledger"] = {kind: ledger.name_zh for kind, ledger in catalog().ledgers.items()}
    submission = {code: CHASE_ZH[status] for status, code in MART_STATUS.items() if status != "returned"}
    out["status@marts.submission_completeness"] = submission
    out["status@meta.source_files"] = dict(FILE_ZH)
    return out


def words_for(column: str, table: str) -> dict[str, str] | None:
    """The words for a column's codes in a table, or None when the column holds no codes."""
    words = value_words()
    return words.get(f"{column}@{table}") or words.get(column)
