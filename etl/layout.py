"""Understanding a sheet's layout: where the header is, which ledger it is, who sent it for which period,
and which rows below the header are data, totals, footers, notes or blank."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .read import Grid
from .reference import Reference, Sender
from .schema import Catalog, Ledger
from .text import cell_text, is_blank, nfkc, normalise_header, squash

HEADER_SCAN_ROWS = 25
_WHITESPACE = re.compile(r"\s+")
MIN_FIELDS = 3


@dataclass
class Column:
    index: int  # 0-based column
    header: str  # as the clerk wrote it (joined for two-row headers)
    field: str | None
    unit: str | None  # unit named in the header, e.g. 万元


@dataclass
class Layout:
    ledger: Ledger
    header_rows: tuple[int, ...]  # 0-based
    columns: list[Column]
    score: int

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def field_columns(self) -> dict[str, Column]:
        out: dict[str, Column] = {}
        for c in self.columns:
            if c.field and c.field not in out:
                out[c.field] = c
        return out


# Header matching is cached for the one catalog object in use. find_layout tries every row of the first 25
# against every ledger, so the same texts come back thousands of times per file, and the answer depends only
# on the text and the catalog (docs/scaling.md: ~70% of the ingest's time went here before the cache).
_MATCH_CACHE: dict = {"catalog": None, "answers": {}, "columns": {}, "synonyms": {}, "any": None, "plausible": {}}
_MISSING = object()
_MATCH_CACHE_MAX = 10_000  # entries per table; header texts repeat, data-cell texts do not: memory stays flat


def _cache(catalog: Catalog) -> dict:
    if _MATCH_CACHE["catalog"] is not catalog:
        _MATCH_CACHE.update(catalog=catalog, answers={}, columns={}, synonyms={}, any=None, plausible={})
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
        pairs = [(len(syn), syn, name) for name, f in catalog.ledgers[ledger_kind].fields.items()
                 for syn in f.synonyms if len(syn) >= 2]
        table[ledger_kind] = sorted(pairs, key=lambda x: -x[0])  # stable: first-listed wins a tie
    return table[ledger_kind]


def _contains_any_synonym(text: str, catalog: Catalog) -> bool:
    """Whether any synonym (≥ 2 characters) of any ledger occurs in the text: one regex search, so the cell
    texts of data rows (dates, names, amounts) are ruled out without looping over every synonym."""
    cache = _cache(catalog)
    if cache["any"] is None:
        synonyms = {syn for ledger in catalog.ledgers.values() for f in ledger.fields.values()
                    for syn in f.synonyms if len(syn) >= 2}
        cache["any"] = re.compile("|".join(re.escape(s) for s in sorted(synonyms, key=len, reverse=True)))
    return cache["any"].search(text) is not None


def _match_field_uncached(text: str, ledger_kind: str, catalog: Catalog) -> str | None:
    for kind, name in catalog.header_index.get(text, ()):
        if kind == ledger_kind:
            return name
    if len(text) < 2 or not _contains_any_synonym(text, catalog):
        return None
    best, best_len = None, 0
    for length, syn, name in _synonyms_longest_first(ledger_kind, catalog):
        if length <= len(text) and syn in text:  # the first hit is the longest
            best, best_len = name, length
            break
    # a long header that merely contains a short generic word (日期, 类型) is not that field
    if best is not None and best_len <= 2 and len(text) > best_len + 3:
        return None
    return best


def _header_candidates(grid: Grid, r: int) -> list[tuple[tuple[int, ...], list[str]]]:
    """Header texts for row r alone, and for rows r..r+1 and r..r+2 joined (two- and three-row merged headers):
    each column's texts from top to bottom, a merged group header spread over the columns it covers. A row
    holding a number or a date is a data row, never a lower header row."""
    rows = grid.rows
    width = max((len(x) for x in rows[r: r + 3]), default=0)

    def texts(k):
        return [cell_text(rows[k][j]) if j < len(rows[k]) else "" for j in range(width)]

    top = texts(r)
    out = [((r,), top)]
    parents = [_fill_merged(top, r, grid.merged)]
    for k in (r + 1, r + 2):
        if k >= len(rows):
            break
        below = texts(k)
        if sum(1 for b in below if b) < 2 or any(_looks_like_value(c) for c in rows[k]):
            break
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
    tries = ["".join(parts[k:]) for k in range(len(parts) - 1, -1, -1)] + (parts[:1] if len(parts) > 1 else [])
    part_unit = next((normalise_header(p)[1] for p in parts if normalise_header(p)[1]), None)
    return _WHITESPACE.sub("", raw).replace("|", "/"), tuple(normalise_header(t) for t in tries), part_unit


def _column_field(raw: str, ledger: Ledger, catalog: Catalog) -> tuple[str | None, str | None]:
    """(field, unit) of one header cell for one ledger: the child alone first (化解日期 under 化解情况), then the
    parent+child text, then the parent alone."""
    columns = _cache(catalog)["columns"]
    key = (ledger.kind, raw)
    found = columns.get(key)
    if found is None:
        _, attempts, part_unit = _column_texts(raw)
        found = (None, None)
        for text, unit_in_text in attempts:
            field_name = _match_field(text, ledger.kind, catalog)
            if field_name:
                found = (field_name, unit_in_text or part_unit)
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
            for text, _ in _column_texts(raw)[1])
    return answer


def _map_columns(texts: list[str], ledger: Ledger, catalog: Catalog) -> tuple[list[Column], int]:
    columns, seen = [], set()
    for j, raw in enumerate(texts):
        if not raw:
            continue
        field_name, unit = _column_field(raw, ledger, catalog)
        if field_name in seen:
            field_name = None
        if field_name:
            seen.add(field_name)
        columns.append(Column(index=j, header=_column_texts(raw)[0], field=field_name, unit=unit))
    return columns, len(seen)


def find_layout(grid: Grid, catalog: Catalog, hint_text: str = "") -> Layout | None:
    """The best header in the first rows of the sheet and the ledger it belongs to, or None."""
    best: Layout | None = None
    hint = squash(hint_text)
    for r in range(min(HEADER_SCAN_ROWS, len(grid.rows))):
        if sum(1 for c in grid.rows[r] if not is_blank(c)) < MIN_FIELDS:
            continue
        for rows, texts in _header_candidates(grid, r):
            if sum(1 for raw in texts if raw and _could_be_a_header(raw, catalog)) < MIN_FIELDS:
                continue  # a data or title row: fewer than MIN_FIELDS cells could match any ledger
            for ledger in catalog.ledgers.values():
                # the distinct fields _map_columns would find, without building its columns: most rows
                # (data rows, titles) fail here for most ledgers
                found = {f for raw in texts if raw and (f := _column_field(raw, ledger, catalog)[0])}
                if len(found) < MIN_FIELDS or not found & set(ledger.signature):
                    continue
                columns, matched = _map_columns(texts, ledger, catalog)
                fields = {c.field for c in columns if c.field}
                if matched < MIN_FIELDS or not fields & set(ledger.signature):
                    continue
                score = matched * 10 + sum(3 for s in ledger.signature if s in fields)
                score += 5 if any(w in hint for w in ledger.title_words) else 0
                if best is None or score > best.score:
                    best = Layout(ledger=ledger, header_rows=rows, columns=columns, score=score)
    return best


_UNIT_LINE = re.compile(r"(?:金额|投资)?单位\s*[:：]\s*(亿元|万元|元)")


def apply_unit_line(grid: Grid, layout: Layout) -> None:
    """“单位：亿元” in a line above the header: the unit of every money column that names none itself."""
    for row in grid.rows[: layout.header_rows[0]]:
        m = _UNIT_LINE.search(squash(" ".join(cell_text(c) for c in row if not is_blank(c))))
        if m:
            for c in layout.columns:
                if c.field and layout.ledger.fields[c.field].type == "money" and not c.unit:
                    c.unit = m.group(1)
            return


# --- context: sender and period ------------------------------------------------------------------

_PERIOD_YM = re.compile(r"(20\d{2})\s*(?:年|\.|-|/|_)?\s*(?:1\s*[-~至—]\s*)?(1[0-2]|0?[1-9])\s*(?:月份|月)")
_PERIOD_YM_NUM = re.compile(r"(?<!\d)(20\d{2})[.\-_/]?(1[0-2]|0[1-9])(?![\d])")
_PERIOD_YM_DOT = re.compile(r"(?<!\d)(20\d{2})[.\-_/](1[0-2]|[1-9])(?![\d.\-/])")
_PERIOD_Y = re.compile(r"(20\d{2})\s*年(?:度)?")
_MONTH_ONLY = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*月(?:份)?")
_FILLER = re.compile(r"(?:填报|报送|填表|上报)单位\s*[:：]?\s*([^\s:：,，;；]+?)(?=\s|填报|报送|日期|时间|$|[:：,，;；])")
_FILL_DATE = re.compile(r"(?:填报|报送|填表|统计)(?:日期|时间)\s*[:：]?\s*([0-9０-９]{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?)")


@dataclass
class Context:
    sender: Sender | None = None
    sender_source: str | None = None
    period: str | None = None  # 'YYYY-MM' or 'YYYY'
    period_source: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.period[:4]) if self.period else None


def find_period(text: str) -> str | None:
    t = nfkc(text)
    for pattern in (_PERIOD_YM, _PERIOD_YM_DOT, _PERIOD_YM_NUM):
        m = pattern.search(t)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    m = _PERIOD_Y.search(t)
    if m:
        return m.group(1)
    return None


def find_sender(text: str, ref: Reference, on: dt.date | None = None) -> Sender | None:
    office = ref.find_office_in(text)
    if office:
        return ref.office(office)
    org = ref.find_party_org_in(text)
    if org and ref.party_orgs[org]["unit_id"]:
        return ref.unit_sender(ref.party_orgs[org]["unit_id"])
    if org:
        r = ref.party_orgs[org]
        return Sender(name=r["name"], kind="party_org", party_org_id=org)
    unit = ref.find_unit_in(text, on)
    if unit:
        return ref.unit_sender(unit)
    return None


def read_context(grid: Grid, layout: Layout | None, file_name: str, ref: Reference) -> Context:
    """Sender and period from the 填报单位 line, the title, the sheet name and the file name, in that order."""
    ctx = Context()
    above = layout.header_rows[0] if layout else min(len(grid.rows), 6)
    lines = [" ".join(cell_text(c) for c in row if not is_blank(c)) for row in grid.rows[:above]]
    lines = [ln for ln in lines if ln]
    # the title and the 填报单位 line
    for line in lines:
        line = squash(line).replace("填报单位", " 填报单位").replace("填报日期", " 填报日期")
        m = _FILLER.search(nfkc(line))
        if m and ctx.sender is None:
            ctx.sender = find_sender(m.group(1), ref)
            ctx.sender_source = "填报单位" if ctx.sender else None
    sources = [("标题", " ".join(lines)), ("工作表名", grid.name), ("文件名", file_name)]
    if not find_period(sources[0][1]) and not find_period(grid.name) and _MONTH_ONLY.search(nfkc(grid.name)):
        year = next((p[:4] for _, t in sources if (p := find_period(_without_filler_dates(t)))), None)
        if year:  # one sheet per month: the sheet's month, the year from the title or the file name
            m = _MONTH_ONLY.search(nfkc(grid.name))
            ctx.period, ctx.period_source = f"{year}-{int(m.group(1)):02d}", "工作表名"
    for label, text in sources:
        if ctx.sender is None:
            ctx.sender = find_sender(_without_filler_dates(text), ref)
            ctx.sender_source = label if ctx.sender else None
        if ctx.period is None or len(ctx.period) == 4:
            period = find_period(_without_filler_dates(text))
            if period and (ctx.period is None or len(period) > 4):
                ctx.period, ctx.period_source = period, label
    if ctx.period is None or len(ctx.period) == 4:
        # "10月" in a sheet name with the year in the title or file name
        year = ctx.period or next((p[:4] for _, t in sources if (p := find_period(t))), None)
        for label, text in sources:
            m = _MONTH_ONLY.search(nfkc(_without_filler_dates(text)))
            if m and year:
                ctx.period, ctx.period_source = f"{year}-{int(m.group(1)):02d}", label
                break
    return ctx


def _without_filler_dates(text: str) -> str:
    """Drop '填报日期：2023年11月2日' so that the filing date is not read as the period."""
    return _FILL_DATE.sub(" ", nfkc(text))


# --- rows below the header -----------------------------------------------------------------------

TOTAL_WORDS = ("合计", "小计", "总计", "共计", "累计合计")
FOOTER = re.compile(r"^(填报人|审核人|制表人|填表人|统计人|负责人|单位负责人|分管领导|主要领导|联系电话|联系人|审核|审批|填报日期|报送日期|制表日期|签字|盖章|单位盖章|制表|经办人)\s*(?:[:：(（]|$)")
NOTE = re.compile(r"^(注|备注|说明|填表说明|附注|附)\s*[:：、.．\d]")
ZERO_REPORT = re.compile(r"零报告|本月无|本期无|当月无|暂无.{0,8}(纠纷|事件|活动|项目|案件|记录|情况)|无.{0,6}(纠纷|事件|案件|下沉).{0,4}(发生|情况)?$")


_LAYOUT_SETS: list = [None, None]  # the last layout classify_row saw → its header texts and 序号 columns


def _layout_sets(layout: Layout) -> tuple[set[str], set[int]]:
    """Per sheet, not per row: the normalised header texts (to spot a repeated header) and the 序号 columns."""
    if _LAYOUT_SETS[0] is not layout:
        _LAYOUT_SETS[:] = [layout, ({normalise_header(c.header.split("/")[-1])[0] for c in layout.columns if c.field},
                                    {c.index for c in layout.columns if c.field == "seq"})]
    return _LAYOUT_SETS[1]


def classify_row(row: list, layout: Layout) -> str | None:
    """None for a data row, else why it is dropped: blank, total, footer, note, zero_report, header_repeat, template."""
    cells = [cell_text(c) for c in row]
    filled = [c for c in cells if c]
    if not filled:
        return "blank"
    first = squash(filled[0])
    if any(squash(c) in TOTAL_WORDS or squash(c).startswith(("合计", "小计", "总计"))
           or (len(squash(c)) <= 8 and squash(c).endswith(("合计", "小计", "总计"))) for c in filled[:3]):
        return "total"
    if len(filled) <= 2 and ZERO_REPORT.search(squash(" ".join(filled))):
        return "zero_report"
    if FOOTER.match(first) or (len(filled) <= 4 and any(FOOTER.match(squash(c)) for c in filled)):
        return "footer"
    if NOTE.match(first) and len(filled) <= 3:
        return "note"
    header_texts, seq_columns = _layout_sets(layout)
    if sum(1 for c in filled if normalise_header(c)[0] in header_texts) >= max(2, len(filled) // 2):
        return "header_repeat"
    if not [c for j, c in enumerate(cells) if c and j not in seq_columns]:
        return "template"  # a pre-numbered empty row of the template
    return None


def fill_merged_data_cells(grid: Grid, first_data_row: int) -> None:
    """A cell merged down several data rows (所属村居 written once for a block) belongs to every row it covers."""
    for (r0, c0), (r1, c1) in grid.merged:
        # only a single column merged down rows; a merge across columns is a note, a title or a 零报告 line
        if c0 != c1 or r1 == r0 or r1 < first_data_row or r0 >= len(grid.rows):
            continue
        top = grid.rows[r0][c0] if c0 < len(grid.rows[r0]) else None
        if top is None or top == "":
            continue
        for r in range(max(r0, first_data_row), min(r1, len(grid.rows) - 1) + 1):
            row = grid.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (row[c] is None or row[c] == ""):
                    row[c] = top
