"""Understanding a sheet's layout: where the header is, which ledger it is, which columns could hold each
field (and which one does), and which rows below the header are data, sections, totals, footers or notes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache

from .read import Grid
from .schema import Catalog, Ledger
from .text import (
    TEXT_CACHE_SIZE,
    cell_text,
    cell_texts,
    is_blank,
    nfkc,
    normalise_header,
    same_header,
    squash,
)
from .values import BadValue, parse_number, unit_written_in

HEADER_SCAN_LIMIT = 300  # rows searched for the header when no data block has begun before it
DATA_BLOCK_ROWS = 3  # rows with values after the best header: the table has begun, stop searching
_WHITESPACE = re.compile(r"\s+")
MIN_FIELDS = 3


@dataclass
class Column:
    index: int  # 0-based column
    header: str  # as the clerk wrote it (joined for two-row headers, parts separated by "/")
    field: (
        str | None
    )  # the field it could hold (None: no field); the chosen column of a field is in Layout.chosen
    unit: str | None  # unit named in the header, e.g. 万元
    exact: bool = False  # the header is exactly a synonym of the field (not a longer text containing one)
    compound: tuple[str, ...] = ()  # one column holding several fields: 应到/实到 → (expected, attended)

    @property
    def question(self) -> str | None:
        """What a yes/no header asks (是否化解 → 化解), else None."""
        text = normalise_header(self.header.split("/")[-1])[0]
        return text[2:] if text.startswith("是否") and len(text) > 2 else None


@dataclass
class CompoundPart:
    """One field of a column that holds several, written “38/35” under 应到/实到."""

    column: Column
    position: int

    @property
    def header(self) -> str:
        return self.column.header

    @property
    def index(self) -> int:
        return self.column.index

    @property
    def unit(self):
        return self.column.unit

    @property
    def field(self) -> str:
        return self.column.compound[self.position]


COMPOUND_SEPARATORS = re.compile(r"[/／、]")


def columns_of(where) -> list:
    """The columns a field is read from: a column, the columns of a tick-box group, a compound's column."""
    if isinstance(where, TickGroup):
        return [c for c, _ in where.options]
    if isinstance(where, CompoundPart):
        return [where.column]
    return [where]


@dataclass
class TickGroup:
    """Columns that together hold one category field, a tick (√) under the value that applies: 化解情况 over
    已化解 | 化解中 | 未化解."""

    field: str
    options: list[tuple[Column, str]]  # (column, canonical value it stands for)

    @property
    def header(self) -> str:
        return "、".join(c.header for c, _ in self.options)

    @property
    def index(self) -> int:
        return self.options[0][0].index

    unit = None


@dataclass
class Layout:
    ledger: Ledger
    header_rows: tuple[int, ...]  # 0-based
    columns: list[Column]
    score: int
    alternatives: tuple[
        tuple[str, int], ...
    ] = ()  # other ledgers whose fields the header also names (kind, score)
    chosen: dict[str, Column | TickGroup | CompoundPart] = dc_field(
        default_factory=dict
    )  # field → where read

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def candidates(self) -> dict[str, list[Column]]:
        """Every column that could hold each field, left to right (a compound column for each of its fields)."""
        out: dict[str, list[Column]] = {}
        for c in self.columns:
            for name in c.compound or ((c.field,) if c.field else ()):
                out.setdefault(name, []).append(c)
        return out

    def field_columns(self) -> dict[str, Column | TickGroup]:
        """Where each field is read from: the chosen columns (see choose_columns)."""
        return self.chosen

    @property
    def signature(self) -> str:
        """The layout's identity across files: the ledger and its header texts in order."""
        text = "\x1f".join([self.ledger.kind, *(normalise_header(c.header)[0] for c in self.columns)])
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]

    def unmapped(self) -> list[str]:
        used = {id(c) for x in self.chosen.values() for c in columns_of(x)}
        return [c.header for c in self.columns if id(c) not in used]


# Header matching is cached for the one catalog object in use. find_layout tries every row of the first 25
# against every ledger, so the same texts come back thousands of times per file, and the answer depends only
# on the text and the catalog (docs/scaling.md: ~70% of the ingest's time went here before the cache).
_MATCH_CACHE: dict = {
    "catalog": None,
    "answers": {},
    "columns": {},
    "synonyms": {},
    "any": None,
    "plausible": {},
    "ascii": None,
}
_MISSING = object()
_MATCH_CACHE_MAX = 10_000  # entries per table; header texts repeat, data-cell texts do not: memory stays flat


def _cache(catalog: Catalog) -> dict:
    if _MATCH_CACHE["catalog"] is not catalog:
        _MATCH_CACHE.update(
            catalog=catalog, answers={}, columns={}, synonyms={}, any=None, plausible={}, ascii=None
        )
    return _MATCH_CACHE


def _make_room(table: dict) -> None:
    """Called before adding to a cache table: start that table afresh when it is full."""
    if len(table) >= _MATCH_CACHE_MAX:
        table.clear()


def _match_field(text: str, ledger_kind: str, catalog: Catalog) -> str | None:
    """A normalised header text → field of the given ledger: exact synonym, else the longest synonym inside it."""
    answers = _cache(catalog)["answers"]
    key = (ledger_kind, text)
    found = answers.get(key, _MISSING)
    if found is _MISSING:
        _make_room(answers)
        found = answers[key] = _match_field_uncached(text, ledger_kind, catalog)
    return found


def _synonyms_longest_first(ledger_kind: str, catalog: Catalog) -> list[tuple[int, str, str]]:
    """(length, synonym, field) of a ledger, longest first; equal lengths keep field and synonym order."""
    table = _cache(catalog)["synonyms"]
    if ledger_kind not in table:
        pairs = [
            (len(syn), syn, name)
            for name, f in catalog.ledgers[ledger_kind].fields.items()
            for syn in f.synonyms
            if len(syn) >= 2
        ]
        table[ledger_kind] = sorted(pairs, key=lambda x: -x[0])  # stable: first-listed wins a tie
    return table[ledger_kind]


def _contains_any_synonym(text: str, catalog: Catalog) -> bool:
    """Whether any synonym (≥ 2 characters) of any ledger occurs in the text: one regex search, so the cell
    texts of data rows (dates, names, amounts) are ruled out without looping over every synonym."""
    cache = _cache(catalog)
    if cache["any"] is None:
        synonyms = {
            syn
            for ledger in catalog.ledgers.values()
            for f in ledger.fields.values()
            for syn in f.synonyms
            if len(syn) >= 2
        }
        cache["any"] = re.compile("|".join(re.escape(s) for s in sorted(synonyms, key=len, reverse=True)))
    return cache["any"].search(text) is not None


_COUNT_SUFFIXES = ("数", "数量", "个数", "件数", "次数", "总数", "人数", "率", "比例", "占比")


def _match_field_uncached(text: str, ledger_kind: str, catalog: Catalog) -> str | None:
    for kind, name in catalog.header_index.get(text, ()):
        if kind == ledger_kind:
            return name
    if len(text) < 2 or not _contains_any_synonym(text, catalog):
        return None
    best, best_len, best_syn = None, 0, ""
    for length, syn, name in _synonyms_longest_first(ledger_kind, catalog):
        if length <= len(text) and syn in text:  # the first hit is the longest
            best, best_len, best_syn = name, length, syn
            break
    # a long header that merely contains a short generic word (日期, 类型) is not that field
    if best is not None and best_len <= 2 and len(text) > best_len + 3:
        return None
    # 参学率, 累计完成投资比例: a share of the thing, not a count or an amount of it
    if (
        best is not None
        and _SHARE.search(text)
        and not _SHARE.search(best_syn)
        and catalog.ledgers[ledger_kind].fields[best].type in ("int", "money")
    ):
        return None
    # 项目数, 纠纷件数, 活动次数: a count of the thing, not the thing
    if (
        best is not None
        and text.endswith(_COUNT_SUFFIXES)
        and not text.endswith(best_syn)
        and catalog.ledgers[ledger_kind].fields[best].type not in ("int", "money")
    ):
        return None
    return best


class _ScanRows:
    """The rows find_layout scans, each row's cell texts and value test worked out once per sheet: a row is
    looked at up to three times (alone, and below one or two rows above it)."""

    def __init__(self, rows: list[list]):
        self.rows = rows
        self._texts: dict[int, list[str]] = {}
        self._counts: dict[int, int] = {}
        self._has_value: dict[int, bool] = {}

    def _row_texts(self, k: int) -> list[str]:
        texts = self._texts.get(k)
        if texts is None:
            texts = self._texts[k] = cell_texts(self.rows[k])
        return texts

    def texts(self, k: int, width: int) -> list[str]:
        """Row k's cell texts, padded with '' to `width` columns (a new list: callers may keep it)."""
        texts = self._row_texts(k)
        return texts + [""] * (width - len(texts))

    def text_count(self, k: int) -> int:
        """How many of row k's cell texts are not ''."""
        count = self._counts.get(k)
        if count is None:
            count = self._counts[k] = sum(1 for t in self._row_texts(k) if t)
        return count

    def has_value(self, k: int) -> bool:
        """Whether row k holds a number or a date (then it is a data row)."""
        found = self._has_value.get(k)
        if found is None:
            found = self._has_value[k] = any(_looks_like_value(c) for c in self.rows[k])
        return found


def _header_candidates(
    grid: Grid, r: int, scan: _ScanRows | None = None
) -> list[tuple[tuple[int, ...], list[str]]]:
    """Header texts for row r alone, and for rows r..r+1 and r..r+2 joined (two- and three-row merged headers):
    each column's texts from top to bottom, a merged group header spread over the columns it covers. A row
    holding a number or a date is a data row, never a lower header row."""
    rows = grid.rows
    scan = scan or _ScanRows(rows)
    width = max((len(x) for x in rows[r : r + 3]), default=0)
    top = scan.texts(r, width)
    out = [((r,), top)]
    parents: list[list[str]] = []  # filled in only when a row below joins (most rows are data rows)
    for k in (r + 1, r + 2):
        if k >= len(rows):
            break
        if scan.text_count(k) < 2 or scan.has_value(k):
            break
        below = scan.texts(k, width)
        if not parents:
            parents.append(_fill_merged(top, r, grid.merged))
        joined = []
        for j in range(width):
            parts = []
            for text in [p[j] for p in parents] + [below[j]]:
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            joined.append("|".join(parts))
        out.append((tuple(range(r, k + 1)), joined))
        parents.append(_fill_merged(below, k, grid.merged))
    return out


_VALUE_TEXT = re.compile(r"[\d\s.,:/\-年月日号]+")


def _looks_like_value(cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float, dt.date, dt.time)):
        return True
    return bool(cell_text(cell)) and bool(_VALUE_TEXT.fullmatch(nfkc(cell_text(cell))))


def _fill_merged(top: list[str], r: int, merged) -> list[str]:
    """Spread a merged group header ("投资情况" over three columns) to every column it covers."""
    filled = list(top)
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1 and c0 < len(filled):
            value = top[c0] if c0 < len(top) else ""
            for j in range(c0, min(c1 + 1, len(filled))):
                filled[j] = filled[j] or value
    if not merged:  # CSV or a writer that loses merges: spread to the right over blanks
        last = ""
        for j, v in enumerate(filled):
            if v:
                last = v
            elif last:
                filled[j] = last
    return filled


@lru_cache(maxsize=8192)
def _column_texts(raw: str) -> tuple[str, tuple[tuple[str, str | None], ...], str | None]:
    """What _map_columns needs of one header cell, whatever the ledger: the header as shown, the normalised
    texts to try (child alone, parent+child, parent alone) with their units, and a unit named in any part."""
    parts = raw.split("|")
    tries = ["".join(parts[k:]) for k in range(len(parts) - 1, -1, -1)] + (
        parts[:1] if len(parts) > 1 else []
    )
    part_unit = next((normalise_header(p)[1] for p in parts if normalise_header(p)[1]), None)
    return _WHITESPACE.sub("", raw).replace("|", "/"), tuple(normalise_header(t) for t in tries), part_unit


def _column_field(raw: str, ledger: Ledger, catalog: Catalog) -> tuple[str | None, str | None, bool]:
    """(field, unit, exact) of one header cell for one ledger: the child alone first (化解日期 under 化解情况),
    then the parent+child text, then the parent alone; exact when that text is a synonym itself."""
    columns = _cache(catalog)["columns"]
    key = (ledger.kind, raw)
    found = columns.get(key)
    if found is None:
        _, attempts, part_unit = _column_texts(raw)
        found = (None, None, False)
        child, child_unit = attempts[0]
        if _names_a_share(
            child, child_unit
        ):  # 完成率（%） under 累计完成投资（万元）: not the parent's figure
            attempts = tuple(a for a in attempts if child in a[0])
        for text, unit_in_text in attempts:
            field_name = _match_field(text, ledger.kind, catalog)
            if field_name:
                exact = any(
                    kind == ledger.kind and name == field_name
                    for kind, name in catalog.header_index.get(text, ())
                )
                unit = unit_in_text or part_unit
                if unit == "%" and ledger.fields[field_name].type in ("int", "money"):
                    break  # 实到人数（%）, 累计完成投资（%）: a share, not the count or amount
                found = (field_name, unit, exact)
                break
        _make_room(columns)
        columns[key] = found
    return found


def _could_be_a_header(raw: str, catalog: Catalog) -> bool:
    """Whether a cell can match a field of any ledger (an exact synonym or one inside it), whatever the ledger."""
    plausible = _cache(catalog)["plausible"]
    answer = plausible.get(raw)
    if answer is None:
        _make_room(plausible)
        answer = plausible[raw] = any(
            text in catalog.header_index or (len(text) >= 2 and _contains_any_synonym(text, catalog))
            for text, _ in _column_texts(raw)[1]
        )
    return answer


def _plausible_count(texts: list[str], catalog: Catalog) -> int:
    """How many of a candidate's texts _could_be_a_header. While no header text of the catalog is ASCII, an
    ASCII cell (a number, a date, an ID: a data row's one-off texts) cannot be one (NFKC keeps ASCII)."""
    cache = _cache(catalog)
    if cache["ascii"] is None:
        cache["ascii"] = any(text.isascii() for text in catalog.header_index)
    ascii_too, known = cache["ascii"], cache["plausible"]
    count = 0
    for raw in texts:
        if raw and (ascii_too or not raw.isascii()):
            answer = known.get(raw)  # _could_be_a_header's own table, read here first: no call when known
            count += _could_be_a_header(raw, catalog) if answer is None else answer
    return count


def _fields_found(texts: list[str], ledger: Ledger, catalog: Catalog) -> set[str]:
    """The distinct fields of the ledger that the texts name (what _map_columns would find, without building
    its columns); reads _column_field's table first, so known texts cost no call."""
    known = _cache(catalog)["columns"]
    kind = ledger.kind
    found = set()
    for raw in texts:
        if raw:
            field_unit = known.get((kind, raw)) or _column_field(raw, ledger, catalog)
            if field_unit[0]:
                found.add(field_unit[0])
    return found


def _at_least_filled(row: list, n: int) -> bool:
    """Whether at least n cells of the row are not blank (stops counting there)."""
    for c in row:
        if not is_blank(c):
            n -= 1
            if n <= 0:
                return True
    return n <= 0


def _map_columns(texts: list[str], ledger: Ledger, catalog: Catalog) -> tuple[list[Column], int]:
    """Every header cell as a column with the field it could hold; and how many distinct fields are named."""
    columns, seen = [], set()
    for j, raw in enumerate(texts):
        if not raw:
            continue
        field_name, unit, exact = _column_field(raw, ledger, catalog)
        compound = _compound_fields(raw, ledger, catalog)
        if compound:
            field_name = compound[0]
            seen.update(compound)
        if field_name:
            seen.add(field_name)
        columns.append(
            Column(
                index=j,
                header=_column_texts(raw)[0],
                field=field_name,
                unit=unit,
                exact=exact,
                compound=compound,
            )
        )
    return columns, len(seen)


_BRACKETED_PAIR = re.compile(r"[（(]([^（）()]*[/／、][^（）()]*)[)）]")


def _compound_fields(raw: str, ledger: Ledger, catalog: Catalog) -> tuple[str, ...]:
    """The fields of a header naming several of the same kind at once (应到/实到（人）), else ()."""
    last = raw.split("|")[-1]
    if not COMPOUND_SEPARATORS.search(last):
        return ()
    inner = _BRACKETED_PAIR.search(last)  # 参会情况（实到/应到）: the pair is in the brackets, in that order
    last = inner.group(1) if inner else last
    pieces = [normalise_header(p)[0] for p in COMPOUND_SEPARATORS.split(normalise_header(last)[0])]
    fields = tuple(_match_field(p, ledger.kind, catalog) for p in pieces if p)
    kinds = {ledger.fields[f].type for f in fields if f}
    if len(fields) >= 2 and all(fields) and len(set(fields)) == len(fields) and kinds <= {"int", "money"}:
        return fields
    return ()


def find_layout(grid: Grid, catalog: Catalog, hint_text: str = "", only: str | None = None) -> Layout | None:
    """The best header above the sheet's first data block and the ledger it belongs to, or None. Every ledger
    whose fields the best header also names is kept in `alternatives` (a header is rarely two ledgers)."""
    best: Layout | None = None
    best_mapped = 0
    scores: dict[str, tuple[int, tuple[int, ...]]] = {}
    hint = squash(hint_text)
    scan = _ScanRows(grid.rows)
    data_rows_seen = 0
    for r in range(min(HEADER_SCAN_LIMIT, len(grid.rows))):
        if best is not None and r > best.header_rows[-1]:
            data_rows_seen += scan.has_value(r)
            if data_rows_seen >= DATA_BLOCK_ROWS:
                break  # the table under the best header has begun: a header further down is another table
        if not _at_least_filled(grid.rows[r], MIN_FIELDS):
            continue
        for rows, texts in _header_candidates(grid, r, scan):
            if _plausible_count(texts, catalog) < MIN_FIELDS:
                continue  # a data or title row: fewer than MIN_FIELDS cells could match any ledger
            for ledger in catalog.ledgers.values():
                if only and ledger.kind != only:
                    continue
                found = _fields_found(texts, ledger, catalog)  # most rows fail here for most ledgers
                if len(found) < MIN_FIELDS or not found & set(ledger.signature):
                    continue
                columns, matched = _map_columns(texts, ledger, catalog)
                fields = {c.field for c in columns if c.field}
                if (
                    matched < MIN_FIELDS
                    or not fields & set(ledger.signature)
                    or not fields & ledger.essential
                ):
                    continue  # e.g. a 低保 roster (姓名, 身份证号, 所属村居) is no 三官一律 ledger
                score = matched * 10 + sum(3 for s in ledger.signature if s in fields)
                score += 5 if any(w in hint for w in ledger.title_words) else 0
                if score > scores.get(ledger.kind, (-1, ()))[0]:
                    scores[ledger.kind] = (score, rows)
                # equal scores: the deeper header that gives more columns a field (化解情况 over 已化解 | 化解中)
                mapped = sum(1 for c in columns if c.field)
                if best is None or (score, mapped) > (best.score, best_mapped):
                    best = Layout(ledger=ledger, header_rows=rows, columns=columns, score=score)
                    best_mapped = mapped
    if best is not None:
        best.alternatives = tuple(
            (kind, score)
            for kind, (score, rows) in scores.items()
            if kind != best.ledger.kind and rows == best.header_rows
        )
    return best


_UNIT_LINE = re.compile(r"(?:金额|投资)?单位\s*[:：]\s*(亿元|万元|元)")


def apply_unit_line(grid: Grid, layout: Layout) -> list:
    """“单位：亿元” in a line above the header: the unit of every money column that names none itself. A money
    column whose header names another unit (万元 under 单位：亿元) is a question, not a pick."""
    from .decisions import Question

    for row in grid.rows[: layout.header_rows[0]]:
        m = _UNIT_LINE.search(squash(" ".join(cell_text(c) for c in row if not is_blank(c))))
        if m:
            line_unit = m.group(1)
            money = [c for c in layout.columns if c.field and layout.ledger.fields[c.field].type == "money"]
            clashing = [c for c in money if c.unit and c.unit != line_unit]
            for c in money:
                if not c.unit:
                    c.unit = line_unit
            if clashing:
                names = "、".join(c.header for c in clashing)
                return [
                    Question(
                        "unit_of_money",
                        f"表格上方写“单位：{line_unit}”，但表头{names}写的是"
                        f"{clashing[0].unit}：金额按哪个单位计？",
                        [line_unit, clashing[0].unit],
                    )
                ]
            return []
    return _unitless_money(grid, layout)


def _unitless_money(grid: Grid, layout: Layout) -> list:
    """Money columns whose header names no unit, under no 单位 line, with bare numbers below: 35000 may be 元 or
    万元 (the templates say 万元, a clerk's own table may not), so the unit is asked, never assumed."""
    from .decisions import Question

    money = [
        c for c in layout.columns if c.field and not c.unit and layout.ledger.fields[c.field].type == "money"
    ]
    bare = [
        c
        for c in money
        if any(_bare_amount(row[c.index]) for row in grid.rows[layout.first_data_row :] if c.index < len(row))
    ]
    if not bare:
        return []
    names = "、".join(c.header for c in bare)
    return [
        Question(
            "unit_of_money",
            f"金额列（{names}）的表头没有写单位，表格上方也没有“单位：万元”之类的说明，"
            f"数字按万元还是元计差一万倍：请在表头写明单位（如“总投资（万元）”）后重新报送，或确认金额单位",
            ["万元", "元", "亿元"],
        )
    ]


def _bare_amount(value) -> bool:
    """A non-zero amount with no unit written beside it (0 is 0 in any unit; 1.2亿元 says its own)."""
    try:
        number = parse_number(value)
    except BadValue:
        return False
    return bool(number) and not (isinstance(value, str) and unit_written_in(value))


# --- which column is which field ------------------------------------------------------------------------

_YEAR_IN_HEADER = re.compile(r"(20\d{2})\s*年")
_MONTHS_IN_HEADER = re.compile(r"(?:(1[0-2]|[1-9])\s*[-~至—]\s*)?(1[0-2]|[1-9])\s*月")
_THIS_MONTH = ("本月", "当月")
_CUMULATIVE = ("累计", "累积", "合计")
TICKS = frozenset({"√", "✓", "✔", "☑", "●", "■", "▲", "v", "V", "是", "1", "Y", "y", "有", "○", "★"})
NOT_TICKED = frozenset({"×", "✗", "✘", "否", "0", "N", "n", "无", "-", "—", "/"})


def find_tick_groups(layout: Layout, catalog: Catalog) -> list[TickGroup]:
    """Category columns written as one column per value with a tick under the one that applies: the last
    part of each header is a value of the field (化解情况 over 已化解 | 化解中 | 未化解), two or more values."""
    groups = []
    for name, f in layout.ledger.fields.items():
        if f.type not in ("category", "bool"):
            continue
        vocab = catalog.vocabs[f.vocab or "yes_no"]
        options = []
        for c in layout.columns:
            parts = c.header.split("/")
            canon = vocab.exact.get(squash(parts[-1]).lower())
            under = len(parts) > 1 and _column_field(parts[0], layout.ledger, catalog)[0] == name
            if canon is not None and (under or c.field in (None, name)):  # 主题党日 under 活动类型 is a type
                options.append((c, canon))
        if len(options) >= 2 and len({canon for _, canon in options}) == len(options):
            groups.append(TickGroup(field=name, options=options))
    return groups


def _header_months(header: str) -> tuple[int | None, int | None, bool, bool]:
    """(year, last month, cumulative, this month only) a header names: 1-10月累计完成投资 → (None, 10, True,
    False); 2023年10月完成投资 → (2023, 10, False, True)."""
    t = nfkc(header)
    year = _YEAR_IN_HEADER.search(t)
    months = _MONTHS_IN_HEADER.search(_YEAR_IN_HEADER.sub(" ", t))
    cumulative = any(w in t for w in _CUMULATIVE) or bool(months and months.group(1))
    single = (bool(months) and not months.group(1) and not cumulative) or any(w in t for w in _THIS_MONTH)
    return (
        int(year.group(1)) if year else None,
        int(months.group(2)) if months else None,
        cumulative,
        single,
    )


def choose_columns(layout: Layout, catalog: Catalog, period: str | None, answers: dict[str, str]) -> list:
    """Set layout.chosen: for each field, the column it is read from. Where several columns could hold a
    field that counts in a figure, a rule decides only when it is provably right — a tick-box group; the
    analyst's answer; the year of the reporting period; for a 累计 field the column whose months end at the
    reporting month (1-10月累计 in an October file), never a single month's column. Otherwise a question (the
    file is held);
    a field that is in no figure (当事人电话 beside 调解员电话) takes the first column. Returns the questions."""
    from .decisions import Question

    questions = []
    chosen: dict[str, Column | TickGroup] = {}
    grouped = {g.field: g for g in find_tick_groups(layout, catalog)}
    in_groups = {id(c) for g in grouped.values() for c, _ in g.options}
    year = int(period[:4]) if period else None
    month = int(period[5:7]) if period and len(period) == 7 else None
    candidates = layout.candidates()
    for name in layout.ledger.fields:
        answer = answers.get(f"column:{name}")
        if answer and name not in grouped:  # the analyst's choice, also of a column the header did not name
            match = [c for c in layout.columns if same_header(c.header, answer)]
            if match:
                chosen[name] = match[0]
    for name, columns in candidates.items():
        columns = [c for c in columns if id(c) not in in_groups]
        if name in grouped or not columns or answers.get(f"column:{name}"):
            continue  # an answer "不使用" (or a header no longer there): the field is not read
        f = layout.ledger.fields[name]
        pick = _pick(columns, f.cumulative, year, month)
        if pick is not None and pick.compound:
            chosen[name] = CompoundPart(pick, pick.compound.index(name))
        elif pick is not None:
            chosen[name] = pick
        elif not layout.ledger.affects_figures(name):
            chosen[name] = columns[0]
        else:
            options = [c.header for c in columns]
            questions.append(
                Question(
                    "column",
                    f"“{f.label}”有{len(columns)}列都像：{'、'.join(options)}。指标按哪一列计算？",
                    options,
                    field=name,
                )
            )
    chosen.update(grouped)
    for name, f in layout.ledger.fields.items():  # 身份 not written, 派出单位 says it (西天尾法庭 → 法官)
        if f.or_from and name not in chosen and f.or_from in chosen and isinstance(chosen[f.or_from], Column):
            chosen[name] = chosen[f.or_from]
    layout.chosen = chosen
    return questions


def _pick(columns: list[Column], cumulative: bool, year: int | None, month: int | None) -> Column | None:
    if len(columns) == 1:
        return columns[0]
    read = [(c, _header_months(c.header)) for c in columns]
    if year is not None:  # 2022年完成投资 beside 2023年完成投资 in a 2023 file
        read = [(c, m) for c, m in read if m[0] in (None, year)] or read
    if cumulative:
        read = [(c, m) for c, m in read if not m[3]] or read  # a month's own figure is not a 累计
        if month is not None and any(m[1] for _, m in read):
            ending = [(c, m) for c, m in read if m[1] == month]
            if len(ending) == 1:
                return ending[0][0]
            if not ending:
                return None  # no column ends at the reporting month: asked
    if len(read) == 1:
        return read[0][0]
    return None  # 累计完成投资 beside 累计完成投资（统计入库口径）: two measures, not a note — asked


# --- rows below the header -----------------------------------------------------------------------

TOTAL_WORDS = ("合计", "小计", "总计", "共计", "累计合计", "汇总")  # 汇总: an Excel table's totals row
_TOTAL_STARTS = ("合计", "小计", "总计")
FOOTER_WORDS = (
    "填报人",
    "审核人",
    "制表人",
    "填表人",
    "统计人",
    "负责人",
    "单位负责人",
    "分管领导",
    "主要领导",
    "联系电话",
    "联系人",
    "审核",
    "审批",
    "填报日期",
    "报送日期",
    "制表日期",
    "签字",
    "盖章",
    "单位盖章",
    "制表",
    "经办人",
)
FOOTER = re.compile(rf"^({'|'.join(FOOTER_WORDS)})\s*(?:[:：(（]|$)")
NOTE = re.compile(r"^(注|备注|说明|填表说明|附注|附)\s*[:：、.．\d]")
ZERO_REPORT = re.compile(
    r"零报告|本月无|本期无|当月无|暂无.{0,8}(纠纷|事件|活动|项目|案件|记录|情况)|无.{0,6}(纠纷|事件|案件|下沉).{0,4}(发生|情况)?$"
)

_EXAMPLE = re.compile(
    r"^[(（【\[]?(?:示例|样例|填写示例|填表示例|举例)|^[(（【\[]?例[)）】\]]?(?:$|[:：.、])"
)
_NOTHING_MARKS = frozenset({"无", "—", "——", "-", "/", "／", "暂无", "0"})

# Total and footer words are Chinese, and NFKC leaves ASCII as it is: a cell of ASCII only (a number, a date,
# an event ID: most one-off texts) can be neither, so classify_row answers for it without a lookup.
_ASCII_NEVER_MARKED = not any(w.isascii() for w in (*TOTAL_WORDS, *_TOTAL_STARTS, *FOOTER_WORDS))
_NO_MARKS = (False, False)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _cell_marks(text: str) -> tuple[bool, bool]:
    """(marks a total, starts a footer) of one cell text, once per distinct text."""
    s = squash(text)
    total = s in TOTAL_WORDS or s.startswith(_TOTAL_STARTS) or (len(s) <= 8 and s.endswith(_TOTAL_STARTS))
    return total, FOOTER.match(s) is not None


def _edge_marks(filled: list[str]) -> tuple[bool, bool, bool]:
    """(a total in the first 3 filled cells, a footer in the first, a footer in the first 4): the cells
    classify_row looks at for totals and footers."""
    total = first_footer = any_footer = False
    for j, c in enumerate(filled[:4]):
        is_total, is_footer = _NO_MARKS if _ASCII_NEVER_MARKED and c.isascii() else _cell_marks(c)
        total = total or (is_total and j < 3)
        first_footer = first_footer or (is_footer and j == 0)
        any_footer = any_footer or is_footer
    return total, first_footer, any_footer


class _SheetHeader:
    """What classify_row compares rows with, per sheet: the normalised header texts (to spot a repeated
    header) and the 序号 columns (to spot a numbered empty template row)."""

    def __init__(self, layout: Layout):
        self.texts = {normalise_header(c.header.split("/")[-1])[0] for c in layout.columns if c.field}
        self.seq_columns = {c.index for c in layout.columns if c.field == "seq"}
        # an ASCII cell normalises to ASCII (NFKC keeps ASCII): it can only repeat an ASCII header text
        self.ascii_can_match = any(t.isascii() for t in self.texts)

    def repeated_in(self, filled: list[str]) -> bool:
        """At least half the filled cells (and 2) are header texts. Stops as soon as the answer is known: a
        data row is settled after about half its cells, mostly its first ones, whose texts repeat."""
        need = max(2, len(filled) // 2)
        left = len(filled)
        for c in filled:
            if (self.ascii_can_match or not c.isascii()) and normalise_header(c)[0] in self.texts:
                need -= 1
                if need == 0:
                    return True
            left -= 1
            if left < need:
                return False
        return False


_SHEET_HEADER: list = [None, None]  # the last layout classify_row saw, and its _SheetHeader


def _sheet_header(layout: Layout) -> _SheetHeader:
    if _SHEET_HEADER[0] is not layout:
        _SHEET_HEADER[:] = [layout, _SheetHeader(layout)]
    return _SHEET_HEADER[1]


def classify_row(row: list, layout: Layout) -> str | None:
    """None for a data row, else why it is not one: blank, total, example, footer, note, zero_report,
    header_repeat, template, or section (a line with one text alone: a section line, or a sparse data row)."""
    cells = cell_texts(row)
    filled = [c for c in cells if c]
    if not filled:
        return "blank"
    total, first_footer, any_footer = _edge_marks(filled)
    if total:
        return "total"
    if _EXAMPLE.match(filled[0]):
        return "example"  # the template's 示例 row, left in
    if (
        len(filled) >= 2
        and squash(filled[0]) in _NOTHING_MARKS
        and all(squash(c) in _NOTHING_MARKS for c in filled)
    ):
        return "zero_report"  # 无 in every cell: nothing this month
    if len(filled) <= 2 and ZERO_REPORT.search(squash(" ".join(filled))):
        return "zero_report"
    if first_footer or (len(filled) <= 4 and any_footer):
        return "footer"
    if len(filled) <= 3 and NOTE.match(squash(filled[0])):
        return "note"
    header = _sheet_header(layout)
    if header.repeated_in(filled):
        return "header_repeat"
    # a pre-numbered empty row of the template (more filled cells than 序号 columns: some are not 序号)
    if (
        len(filled) <= len(header.seq_columns)
        and all(j in header.seq_columns for j, c in enumerate(cells) if c)
        and all(_looks_like_value(c) for c in filled)
    ):
        return "template"
    if len(set(filled)) == 1 and not _looks_like_value(filled[0]):
        return "section"  # one text alone: a section line (一、东星社区) — or a sparse data row (the reader decides)
    return None


def fill_merged_data_cells(grid: Grid, first_data_row: int, top_only: frozenset = frozenset()) -> None:
    """A cell merged down several data rows (所属村居 written once for a block) belongs to every row it covers;
    the merges in top_only (their top-left cells) stay with their first row (one amount for two phases)."""
    for (r0, c0), (r1, c1) in grid.merged:
        # only a single column merged down rows; a merge across columns is a note, a title or a 零报告 line
        if c0 != c1 or r1 == r0 or r1 < first_data_row or r0 >= len(grid.rows) or (r0, c0) in top_only:
            continue
        top = grid.rows[r0][c0] if c0 < len(grid.rows[r0]) else None
        if top is None or top == "":
            continue
        for r in range(max(r0, first_data_row), min(r1, len(grid.rows) - 1) + 1):
            row = grid.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (row[c] is None or row[c] == ""):
                    row[c] = top


NO_SUCH_COLUMN = "没有这一列"
_SAMPLE_ROWS = 30


_COUNT_UNIT = r"\s*\d+\s*(?:人次|起|件|次|人|名)"


def _count_in_sentences(f, layout: Layout, rows: list[list]) -> tuple[str, str] | None:
    """A text column whose sentences carry the count a missing column should hold (调解邻里纠纷1起, 法律咨询5人次
    under 活动内容): the header and the first such fragment."""
    stem = re.sub(r"(人数|次数|件数|数)$", "", f.label)
    if len(stem) < 2:
        return None
    found = re.compile(f"{re.escape(stem[-2:])}[^，。；,;：:]{{0,4}}?{_COUNT_UNIT}")
    for c in layout.columns:
        for r in rows[:_SAMPLE_ROWS]:
            cell = r[c.index] if c.index < len(r) else None
            if isinstance(cell, str) and (m := found.search(cell)):
                return c.header, m.group(0)
    return None


def missing_figure_questions(
    layout: Layout, catalog: Catalog, rows: list[list], answers: dict[str, str], period_year: int | None
) -> list:
    """A field an indicator needs (实到人数, 累计完成投资 …) that no header names, while a column nobody claimed
    holds values of its kind (出席人数 beside 参会人数): which column is it? Asked, never guessed; a sheet
    without any such column simply lacks the field."""
    from .decisions import Question

    used = {id(c) for x in layout.chosen.values() for c in columns_of(x)}
    free = [c for c in layout.columns if id(c) not in used and c.field is None]
    questions = []
    for name in layout.ledger.needs:
        if name in layout.chosen or answers.get(f"column:{name}"):
            continue
        f = layout.ledger.fields[name]

        options = []
        for c in free:
            if _is_share(c):
                continue
            values = [
                r[c.index] for r in rows[:_SAMPLE_ROWS] if c.index < len(r) and not is_blank(r[c.index])
            ]
            if values and sum(_fits(f, v, catalog, period_year) for v in values) >= max(1, 0.8 * len(values)):
                options.append(c.header)
        shares = [c.header for c in free if _is_share(c) and _share_of(c, f)]
        if f.type in ("int", "money") and shares and not options:
            questions.append(
                Question(
                    "column",
                    f"没有找到“{f.label}”列，只有{'、'.join(shares)}：那是比率，不是{f.label}，不能直接"
                    f"当{f.label}入库，也不替您倒推。请补上“{f.label}”列后重新报送；如这份台账确实没有"
                    f"{f.label}，请回答“{NO_SUCH_COLUMN}”",
                    [NO_SUCH_COLUMN],
                    field=name,
                )
            )
            continue
        said = _count_in_sentences(f, layout, rows) if f.type == "int" and not options else None
        if said:
            header, fragment = said
            questions.append(
                Question(
                    "column",
                    f"没有找到“{f.label}”列，但“{header}”的句子里写着数（如“{fragment}”）：句子里的数不替您读，"
                    f"也不按0计。请把{f.label}单独填一列后重新报送；如这份台账确实不计{f.label}，"
                    f"请回答“{NO_SUCH_COLUMN}”",
                    [NO_SUCH_COLUMN],
                    field=name,
                )
            )
            continue
        if options:
            questions.append(
                Question(
                    "column",
                    f"没有找到“{f.label}”列，但{'、'.join(options)}的内容像是"
                    f"{f.label}：是哪一列？（都不是请答“{NO_SUCH_COLUMN}”）",
                    [*options, NO_SUCH_COLUMN],
                    field=name,
                )
            )
    return questions


_SHARE = re.compile(r"率|比例|比重|占比|百分比")


def share_columns(layout: Layout) -> list[tuple[Column, object]]:
    """Unclaimed share columns (年度计划完成率, 参学率) of a field whose share the ledger can check, with it."""
    used = {id(c) for x in layout.chosen.values() for c in columns_of(x)}
    return [
        (c, f)
        for c in layout.columns
        if id(c) not in used and c.field is None and _is_share(c)
        for f in layout.ledger.fields.values()
        if f.share_over and f.name in layout.chosen and _share_of(c, f)
    ]


def _share_of(column: Column, f) -> bool:
    """Whether a share column is a share of this field: 参学率 of 实到人数, 累计完成投资比例 of 累计完成投资."""
    text = normalise_header(column.header)[0]
    return any(w in text for w in (*f.shares, *(s for s in f.synonyms if len(s) >= 3)))


def _is_share(column: Column) -> bool:
    """A 参学率 or a 完成比例（%） column: a share of something, never its count or amount."""
    text, unit = normalise_header(column.header)
    return _names_a_share(text, unit) or column.unit == "%"


def _names_a_share(text: str, unit: str | None) -> bool:
    return unit == "%" or bool(_SHARE.search(text))


_TIME_HEADER = re.compile(r"时刻|时分|几点|(?<!日期)时间$")


def split_time_questions(layout: Layout, rows: list[list], answers: dict[str, str]) -> list:
    """A time field (上报时间) read from a column of bare dates while a free column beside it holds times of
    day (“分列” splits 上报时间 into 上报日期 and 上报时刻): every time would read as midnight and every
    duration wrong. Asked, with the fix."""
    from .decisions import Question

    used = {id(c) for x in layout.chosen.values() for c in columns_of(x)}
    times = [
        c
        for c in layout.columns
        if id(c) not in used and c.field is None and _TIME_HEADER.search(normalise_header(c.header)[0])
    ]
    questions = []
    for name, where in layout.chosen.items():
        f = layout.ledger.fields[name]
        if (
            f.type != "datetime"
            or not isinstance(where, Column)
            or answers.get(f"column:{name}")
            or not times
        ):
            continue
        values = [
            r[where.index]
            for r in rows[:_SAMPLE_ROWS]
            if where.index < len(r) and not is_blank(r[where.index])
        ]
        if not values or not all(_midnight(v) for v in values):
            continue
        beside = [
            c for c in times if any(_time_of_day(r[c.index]) for r in rows[:_SAMPLE_ROWS] if c.index < len(r))
        ]
        if beside:
            questions.append(
                Question(
                    "column",
                    f"“{where.header}”只有日期，时刻在“{beside[0].header}”一列（像是用“分列”拆开的）："
                    f"按日期算，{f.label}都是0点，办结用时和按期办结都会算错。请把日期和时刻合成一列"
                    f"（如2023-10-05 08:15）后重新报送；如确实只有日期，请回答“{where.header}”",
                    [where.header],
                    field=name,
                )
            )
    return questions


def _midnight(value) -> bool:
    if isinstance(value, dt.datetime):
        return value.time() == dt.time()
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*", value))


def _time_of_day(value) -> bool:
    if isinstance(value, dt.time):
        return value != dt.time()
    if isinstance(value, dt.datetime):
        return value.date() <= dt.date(1900, 1, 1) and value.time() != dt.time()
    if isinstance(value, float) and not isinstance(value, bool):
        return 0 < value < 1
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{1,2}[:：]\d{2}(:\d{2})?\s*", value))


def _fits(f, value, catalog: Catalog, period_year: int | None) -> bool:
    """Whether a cell reads as a value of the field's kind (a number, a date, one of its categories)."""
    from .values import BadValue, map_vocab, parse_datetime, parse_number

    try:
        if f.type in ("int", "money"):
            if isinstance(value, str) and any(s in value for s in f.synonyms):  # 应到38人，实到35人
                return any(re.search(re.escape(s) + r"\s*[:：]?\s*\d", value) for s in f.synonyms)
            return parse_number(value) is not None
        if f.type == "grid":
            return bool(re.search(r"第\s*\d+\s*网格|网格\s*\d+", cell_text(value)))
        if f.type in ("date", "datetime"):
            return parse_datetime(value, period_year) is not None
        if f.type in ("category", "bool"):
            vocab = catalog.vocabs[f.vocab or "yes_no"]
            return map_vocab(vocab, cell_text(value)) not in (None, "", vocab.other)
    except BadValue:
        return False
    return False
