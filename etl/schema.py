"""The ledger definitions (ledgers.yaml) as Python objects, and the staging tables they imply."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .text import normalise_header, squash

LEDGER_KINDS = ("disputes", "key_projects", "petitions", "legal_visits", "grid_events", "party_activities")

# Columns every staging table starts with: where the row came from and what it belongs to.
LINEAGE_COLUMNS: list[tuple[str, str]] = [
    ("file_sha256", "VARCHAR NOT NULL"),
    ("file_name", "VARCHAR NOT NULL"),
    ("sheet", "VARCHAR NOT NULL"),
    ("row_number", "INTEGER NOT NULL"),  # as Excel shows it (1-based, counting title rows)
    ("sender", "VARCHAR"),  # who sent the file (unit, office or party organisation), canonical name
    ("unit_id", "VARCHAR"),  # the village/community the record belongs to (ref.units), NULL for town-level
    ("period", "VARCHAR NOT NULL"),  # reporting period of the file: 'YYYY-MM' or 'YYYY'
    ("record_key", "VARCHAR NOT NULL"),  # identifies the record across monthly files
]

# the latest version of each record: a later period's file updates an earlier one (core views, marts, checks)
LATEST_VERSION = (
    "QUALIFY row_number() OVER (PARTITION BY record_key "
    "ORDER BY period DESC, loaded_at DESC, file_sha256, row_number) = 1"
)

SQL_TYPES = {
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "int": "INTEGER",
    "money": "DOUBLE",
    "text": "VARCHAR",
    "bool": "BOOLEAN",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    vocab: str | None = None
    pii: bool = False
    cumulative: bool = False  # a running total (累计): of several such columns, the one ending at the period
    identifier: bool = False  # an ID, phone or case number: digits that must never be rounded or converted
    or_from: str | None = None  # without a column of its own, read from this field's column (its vocabulary)
    # headers of a share of this field (参学率 of 实到人数): never the field itself
    shares: tuple[str, ...] = ()
    share_over: tuple[str, ...] = ()  # the fields a share of this one is taken over (实到 ÷ 应到)
    dated_yes: bool = False  # a yes/no a date can answer: the day a pledge was signed says it was signed

    def columns(self) -> list[tuple[str, str]]:
        """The staging columns this field becomes (personal data never stored in clear)."""
        n = self.name
        if self.type == "category":
            return [(n, "VARCHAR"), (f"{n}_raw", "VARCHAR")]
        if self.type == "name":  # masked for display (王某某), keyed hash for matching
            return [(f"{n}_masked", "VARCHAR"), (f"{n}_token", "VARCHAR")]
        if self.type in ("phone", "id_number"):
            return [(f"{n}_token", "VARCHAR")]
        if self.type == "unit":
            return [("unit_raw", "VARCHAR")]  # unit_id is a lineage column
        if self.type == "grid":
            return [("grid_id", "VARCHAR"), ("grid_raw", "VARCHAR")]
        if self.type == "party_org":
            return [("party_org_id", "VARCHAR"), ("org_raw", "VARCHAR")]
        if self.type == "bool":
            return [(n, "BOOLEAN"), (f"{n}_raw", "VARCHAR")]
        return [(n, SQL_TYPES[self.type])]


@dataclass(frozen=True)
class Vocab:
    """Raw words → canonical values of one category (see the vocab section of ledgers.yaml)."""

    name: str
    values: dict[str, tuple[str, ...]]
    other: str | None = None
    # what a canonical value becomes when its word is negated (未能化解 → not_resolved); a canonical value
    # not named here means nothing when negated (未开工 is no stage at all)
    negation: dict[str, str] = field(default_factory=dict)
    # what a canonical value becomes when its word follows 正在/尚在/仍在 (正在化解 → open)
    ongoing: dict[str, str] = field(default_factory=dict)
    # words that mean their value only as the whole cell (已结, but not 已结转下月)
    whole: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # words that make a text none of the values (法官助理 is not 法官, 实习律师 not 律师)
    never: tuple[str, ...] = ()
    # whole-cell words (and the canonical names themselves) → canonical value
    exact: dict[str, str] = field(init=False, repr=False, compare=False)
    # (word, canonical) for the words of 2+ characters that may stand inside a longer text, longest first
    words_longest_first: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        exact: dict[str, str] = {}
        for canon, words in self.values.items():
            exact.setdefault(canon.lower(), canon)
            for w in words:
                exact.setdefault(w, canon)
        for canon, words in self.whole.items():
            for w in words:
                exact.setdefault(w, canon)
        inside = sorted(
            ((w, canon) for canon, words in self.values.items() for w in words if len(w) >= 2),
            key=lambda x: -len(x[0]),
        )
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "words_longest_first", tuple(inside))


@dataclass(frozen=True)
class Ledger:
    kind: str
    name_zh: str
    title_words: tuple[str, ...]
    signature: tuple[str, ...]
    key: tuple[str, ...]
    date_field: str | None
    fields: dict[str, Field] = field(default_factory=dict)
    needs: tuple[
        str, ...
    ] = ()  # fields an indicator reads: a sheet without them is asked about its free columns
    dates_in_period: bool = True  # its records fall in the reporting month (not a backlog of old cases)
    once: bool = False  # a record happens on one day: its key on another day in another month is asked
    key_fallback: tuple[str, ...] = ()  # the key when the key fields are empty (a case without a case number)

    @property
    def table(self) -> str:
        return f"staging.{self.kind}"

    @property
    def essential(self) -> set[str]:
        """Fields of which a header must name one to be this ledger: the required ones and the date."""
        return {n for n, f in self.fields.items() if f.required} | (
            {self.date_field} if self.date_field else set()
        )

    def affects_figures(self, name: str) -> bool:
        """Whether a field counts in an indicator or identifies a record (then its column is never guessed)."""
        f = self.fields[name]
        return name in self.key or (name != "seq" and f.type not in ("text", "name", "phone", "id_number"))

    def columns(self) -> list[tuple[str, str]]:
        cols = list(LINEAGE_COLUMNS)
        for f in self.fields.values():
            cols.extend(f.columns())
        cols.append(("loaded_at", "TIMESTAMP"))
        return cols

    def ddl(self) -> str:
        body = ",\n  ".join(f"{name} {sqltype}" for name, sqltype in self.columns())
        return f"CREATE TABLE IF NOT EXISTS {self.table} (\n  {body}\n)"


@dataclass(frozen=True)
class Catalog:
    ledgers: dict[str, Ledger]
    vocabs: dict[str, Vocab]
    # normalised header text → list of (ledger kind, field name)
    header_index: dict[str, list[tuple[str, str]]]


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    raw = yaml.safe_load(resources.files("taizhang.etl").joinpath("ledgers.yaml").read_text(encoding="utf-8"))
    ledgers: dict[str, Ledger] = {}
    index: dict[str, list[tuple[str, str]]] = {}
    for kind, spec in raw["ledgers"].items():
        fields = {}
        for name, f in spec["fields"].items():
            synonyms = tuple(dict.fromkeys(normalise_header(str(s))[0] for s in f["synonyms"]))
            fields[name] = Field(
                name=name,
                type=f["type"],
                label=f.get("label", name),
                synonyms=synonyms,
                required=bool(f.get("required")),
                vocab=f.get("vocab"),
                pii=bool(f.get("pii")),
                cumulative=bool(f.get("cumulative")),
                identifier=f["type"] in ("phone", "id_number")
                or (f["type"] == "text" and name in spec["key"]),
                or_from=f.get("or_from"),
                shares=tuple(f.get("shares", ())),
                share_over=tuple(f.get("share_over", ())),
                dated_yes=bool(f.get("dated_yes")),
            )
            for s in synonyms:
                index.setdefault(s, []).append((kind, name))
        ledgers[kind] = Ledger(
            kind=kind,
            name_zh=spec["name_zh"],
            title_words=tuple(spec["title_words"]),
            signature=tuple(spec["signature"]),
            key=tuple(spec["key"]),
            date_field=spec.get("date_field"),
            fields=fields,
            needs=tuple(spec.get("needs", ())),
            dates_in_period=bool(spec.get("dates_in_period", True)),
            once=bool(spec.get("once", False)),
            key_fallback=tuple(spec.get("key_fallback", ())),
        )
    vocabs = {}
    for name, spec in raw["vocab"].items():
        values = {
            str(canon): tuple(squash(str(w)).lower() for w in words)
            for canon, words in spec["values"].items()
        }
        vocabs[name] = Vocab(
            name=name,
            values=values,
            other=spec.get("other"),
            negation={str(k): str(v) for k, v in (spec.get("negation") or {}).items()},
            ongoing={str(k): str(v) for k, v in (spec.get("ongoing") or {}).items()},
            whole={
                str(canon): tuple(squash(str(w)).lower() for w in words)
                for canon, words in (spec.get("whole") or {}).items()
            },
            never=tuple(squash(str(w)).lower() for w in spec.get("never") or ()),
        )
    return Catalog(ledgers=ledgers, vocabs=vocabs, header_index=index)


def categories(vocab: str) -> tuple[str, ...]:
    """The canonical values of a vocabulary of ledgers.yaml in the file's order (the order officials list
    them), its catch-all (其他) last: the one source of every category list."""
    v = catalog().vocabs[vocab]
    return (*v.values, *((v.other,) if v.other and v.other not in v.values else ()))
