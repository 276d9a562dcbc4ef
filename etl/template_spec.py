"""What one 报送模板 holds, for one sender, ledger and month: its title lines, its columns in the canonical order
with the clerk-facing labels, which are required, the dropdown words and the date rule of each column — all
from ledgers.yaml, template_notes.yaml and the reference data, so that a template never drifts from the reader.

Who gets which template: every (sender, ledger) of etl/ref/expected_submissions.csv, and the ledgers that
etl/ref/senders.csv lists for a town office (镇综治中心 also sends disputes for several villages).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .records import EARLIEST
from .reference import TOWN_NAME, Reference, Sender, read_ref, reference
from .schema import Catalog, Field, Ledger, catalog
from .text import squash

# Bump when what a template looks like changes (columns, rows, rules): the marker carries it, so the reader
# knows which layout a returned template has.
TEMPLATE_VERSION = 1

MONEY_UNIT = "万元"  # the reader's default money unit: the template says it in the header
WINDOWS = ("month", "year_to_month", "up_to_month", "from_month")
_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class SpecError(ValueError):
    """A period, sender or ledger that no template can be made for; the message is Chinese for the user."""


@dataclass(frozen=True)
class Column:
    field: Field
    header: str  # the header text without the required mark, e.g. 总投资（万元）
    required: bool
    choices: tuple[str, ...] | None  # dropdown words, None for a free column
    window: tuple[dt.datetime, dt.datetime] | None  # first and last moment a date column accepts
    help: str

    @property
    def text(self) -> str:
        """The header cell's text as the reader sees it (the red * is part of it)."""
        return ("*" if self.required else "") + self.header


@dataclass(frozen=True)
class TemplateSpec:
    ledger: Ledger
    sender: Sender
    period: str  # YYYY-MM
    columns: tuple[Column, ...]
    about: str
    rows: int  # data rows prepared (validation and formats reach this far)

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def month(self) -> int:
        return int(self.period[5:7])

    @property
    def month_zh(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def ledger_title(self) -> str:
        name = self.ledger.name_zh
        return name if name.endswith("台账") else name + "台账"

    @property
    def title(self) -> str:
        place = (
            self.sender.name[1:]
            if self.sender.kind == "office" and self.sender.name.startswith("镇")
            else self.sender.name
        )  # 西天尾镇综治中心, not 西天尾镇镇综治中心
        return f"{TOWN_NAME}{place}{self.month_zh}{self.ledger_title}"

    @property
    def filler(self) -> str:
        return f"填报单位：{self.sender.name}"

    @property
    def period_line(self) -> str:
        return f"报送月份：{self.month_zh}"

    @property
    def sheet_name(self) -> str:
        return self.ledger_title[:31]

    @property
    def file_name(self) -> str:
        return f"{self.sender.name}_{self.month_zh}_{self.ledger_title}.xlsx"

    @property
    def template_id(self) -> str:
        """Stable for a sender, ledger, month and template version: generating again gives the same id."""
        text = f"{self.ledger.kind}|{self.sender.name}|{self.period}|{TEMPLATE_VERSION}"
        return "TZ-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def describe(self) -> str:
        return f"{self.sender.name} {self.month_zh} {self.ledger_title}"

    def column(self, field_name: str) -> Column | None:
        return next((c for c in self.columns if c.field.name == field_name), None)


# --- periods and windows ------------------------------------------------------------------------------


def check_period(period: str) -> str:
    if not _PERIOD.fullmatch(period or ""):
        raise SpecError(f"报送月份应写成 YYYY-MM，例如 2023-12（收到“{period}”）")
    return period


def month_bounds(period: str) -> tuple[dt.date, dt.date]:
    year, month = int(period[:4]), int(period[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def next_period(day: dt.date) -> str:
    """The month after the one `day` is in: templates are sent out before the month they are for."""
    first = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return f"{first.year:04d}-{first.month:02d}"


def window(kind: str, period: str) -> tuple[dt.datetime, dt.datetime]:
    """First and last moment a date column of this window kind accepts in the month's template."""
    first, last = month_bounds(period)
    end = dt.datetime.combine(last, dt.time(23, 59, 59))
    if kind == "month":
        return dt.datetime.combine(first, dt.time()), end
    if kind == "year_to_month":
        return dt.datetime(first.year, 1, 1), end
    if kind == "up_to_month":
        return EARLIEST, end
    if kind == "from_month":
        return dt.datetime.combine(first, dt.time()), end + dt.timedelta(days=366)
    raise ValueError(f"unknown date window {kind!r} in template_notes.yaml")


# --- notes ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def notes() -> dict:
    text = resources.files("taizhang.etl").joinpath("template_notes.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["ledgers"]


def window_kind(ledger: str, field_name: str) -> str:
    """The date rule of a date column (up_to_month where the notes name none)."""
    return (notes()[ledger]["fields"].get(field_name) or {}).get("window") or "up_to_month"


# --- who sends what ------------------------------------------------------------------------------------


def sender_named(name: str, ref: Reference | None = None) -> Sender | None:
    """A sender as the user or the reference data writes it (林山村, 林山, 综治中心) → its Sender, or None."""
    ref = ref or reference()
    named = ref.name_of(name)
    return ref.sender_for(named) if named is not None and named.kind in ("unit", "office") else None


def assignments(ref: Reference | None = None) -> list[tuple[Sender, str]]:
    """Every (sender, ledger kind) that gets a template, in the order of expected_submissions.csv."""
    ref = ref or reference()
    pairs: list[tuple[str, str]] = [(r["sender"], r["ledger"]) for r in read_ref("expected_submissions")]
    for office in ref.senders.values():
        pairs.extend((office["name"], kind) for kind in office["ledgers"].split("|") if kind)
    out, seen = [], set()
    for name, kind in pairs:
        sender = sender_named(name, ref)
        if sender is None:
            raise SpecError(f"参考数据里的报送单位“{name}”不是本镇的村（社区）或镇直单位，请核对 etl/ref/")
        if (sender.name, kind) not in seen:
            seen.add((sender.name, kind))
            out.append((sender, kind))
    return out


def ledger_named(text: str, cat: Catalog | None = None) -> str | None:
    """A ledger kind from its code (disputes), its Chinese name or one of its title words (矛盾纠纷)."""
    cat = cat or catalog()
    t = squash(text)
    for kind, ledger in cat.ledgers.items():
        if t in (kind, squash(ledger.name_zh)) or t in ledger.title_words:
            return kind
    hits = [kind for kind, ledger in cat.ledgers.items() if t and t in squash(ledger.name_zh)]
    return hits[0] if len(hits) == 1 else None


def select(unit: str | None = None, ledger: str | None = None) -> list[tuple[Sender, str]]:
    """The assignments for `--unit` and `--ledger` (both optional); an unknown name is a SpecError naming
    the valid ones."""
    chosen = assignments()
    if unit:
        sender = sender_named(unit)
        names = list(dict.fromkeys(s.name for s, _ in chosen))
        if sender is None or sender.name not in names:
            raise SpecError(f"没有“{unit}”这个报送单位。可选：" + "、".join(names))
        chosen = [(s, k) for s, k in chosen if s.name == sender.name]
    if ledger:
        kind = ledger_named(ledger)
        if kind is None:
            cat = catalog()
            raise SpecError(
                f"没有“{ledger}”这类台账。可选："
                + "、".join(f"{k}（{lg.name_zh}）" for k, lg in cat.ledgers.items())
            )
        mine = [(s, k) for s, k in chosen if k == kind]
        if not mine:
            raise SpecError(
                f"{unit}不报送{catalog().ledgers[kind].name_zh}。它报送的是："
                + "、".join(catalog().ledgers[k].name_zh for _, k in chosen)
            )
        chosen = mine
    return chosen


# --- the columns ---------------------------------------------------------------------------------------


def _fixed_by_sender(f: Field, sender: Sender) -> bool:
    """Columns whose value the template already knows from its 填报单位: a village's own name and party
    organisation, a project office's zone (镇/园区)."""
    if sender.kind == "unit" and f.type in ("unit", "party_org"):
        return True
    return f.type == "category" and f.vocab == "project_zone" and bool(sender.zone)


def choices(f: Field, sender: Sender, ref: Reference, cat: Catalog) -> tuple[str, ...] | None:
    """The dropdown words of a column: the Chinese canonical words of its vocabulary (for an internal code
    such as resolved, the first word clerks write for it: 已化解), the units, the grids, the party
    organisations a town office reports for."""
    if f.type in ("category", "bool"):
        vocab = cat.vocabs[f.vocab or "yes_no"]
        words = [canon if not canon.isascii() else words[0] for canon, words in vocab.values.items()]
        return tuple(words + ([vocab.other] if vocab.other else []))
    if f.type == "unit":
        return tuple(u["name"] for u in ref.units.values())
    if f.type == "grid":
        return tuple(g["name"] for g in ref.grids.values())
    if f.type == "party_org":  # a town office reports the organisations that belong to no village
        return tuple(o["name"] for o in ref.party_orgs.values() if not o["unit_id"])
    return None


def build_spec(sender: Sender, kind: str, period: str) -> TemplateSpec:
    check_period(period)
    ref, cat = reference(), catalog()
    ledger = cat.ledgers[kind]
    about = notes()[kind]
    cols = []
    for f in ledger.fields.values():
        if _fixed_by_sender(f, sender):
            continue
        header = f.label + (f"（{MONEY_UNIT}）" if f.type == "money" else "")
        # the unit, grid and organisation of a row are what the figures are counted by: asked for whenever
        # the template has the column, though the reader would fall back to the sender
        required = f.required or f.type in ("unit", "grid", "party_org")
        win = window(window_kind(kind, f.name), period) if f.type in ("date", "datetime") else None
        cols.append(
            Column(
                field=f,
                header=header,
                required=required,
                choices=choices(f, sender, ref, cat),
                window=win,
                help=(about["fields"].get(f.name) or {}).get("help", ""),
            )
        )
    return TemplateSpec(
        ledger=ledger,
        sender=sender,
        period=period,
        columns=tuple(cols),
        about=about["about"],
        rows=int(about.get("rows", 1000)),
    )
