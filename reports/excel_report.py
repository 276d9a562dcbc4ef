"""The Excel 报表: one workbook per as-of date, one sheet per table, in the layout officials send upward.

    write_excel_report(con, as_of, path) -> Path

Every sheet: a title row, a 填报单位 / 截至 line, a 单位 line, one or two header rows (merged group headers
such as “矛盾纠纷” over 受理数/化解数/化解率), the rows straight from the marts, a 合计 row (sums; rates
recomputed from the summed numerators and denominators, never averaged), notes, a source line and the
制表人/审核人 footer. Frozen panes under the header, column widths that fit Chinese text, A4 print setup.
No formulas: every value is written as a value (write_string / write_number / write_datetime).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from taizhang.etl.faults import checkpoint
from taizhang.etl.files import atomic

from . import data as D
from . import style as S

SUM = "sum"


@dataclass(frozen=True)
class Col:
    header: str
    key: str | Callable[[dict], Any] | None
    kind: str = "count"  # seq · text · count · money · rate · pp · hours · date · auto · auto_part
    group: str | None = None  # merged header over consecutive columns of the same group
    total: Any = SUM  # SUM · None · a callable(totals: dict, rows: list[dict]) -> value · a constant
    name: str | None = None  # key in the totals dict (defaults to key when it is a str)
    blank: bool = False  # no value: an empty cell (not “—”), e.g. 分子/分母 of a figure they do not give

    @property
    def tkey(self) -> str:
        return self.name or (self.key if isinstance(self.key, str) else self.header)

    def get(self, row: dict):
        if self.key is None:
            return None
        return self.key(row) if callable(self.key) else row.get(self.key)


@dataclass
class Table:
    sheet: str
    title: str
    unit_line: str
    cols: list[Col]
    rows: list[dict]
    totals: bool = True
    total_label: str = "合计"
    notes: list[str] = field(default_factory=list)
    merge_col: str | None = None  # tkey of a text column whose runs of equal values are merged (grouping)
    freeze_cols: int = 0
    source: str = S.DEFAULT_SOURCE


def _is_text(kind: str) -> bool:
    return kind in ("seq", "text", "center")


def header_lines(header: str) -> str:
    """Long headers break before a trailing bracket: 超序时进度（百分点） → 超序时进度\n（百分点）."""
    if S.text_width(header) > 10 and header.endswith("）") and "（" in header[1:]:
        k = header.rindex("（")
        return header[:k] + "\n" + header[k:]
    return header


# ── totals ───────────────────────────────────────────────────────────────────────────────────────


def rate_of(num: str, den: str) -> Callable[[dict, list], float | None]:
    """A totals-row rate: summed numerator ÷ summed denominator × 100 (2 places)."""
    return lambda t, _rows: S.rate(t.get(num), t.get(den))


def compute_totals(table: Table) -> dict:
    """The 合计 row: sums first, then the derived columns (rates) from those sums."""
    detail = [r for r in table.rows if not r.get("_subtotal")]
    t: dict[str, Any] = {}
    for c in table.cols:
        if c.total == SUM:
            vals = [c.get(r) for r in detail]
            vals = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
            t[c.tkey] = sum(vals) if vals else None
    for c in table.cols:
        if callable(c.total):
            t[c.tkey] = c.total(t, detail)
        elif c.total not in (SUM, None):
            t[c.tkey] = c.total
        elif c.total is None:
            t.setdefault(c.tkey, None)
    return t


# ── writing ──────────────────────────────────────────────────────────────────────────────────────


class _Formats:
    def __init__(self, wb):
        self.wb = wb
        self.cache: dict = {}
        base = {"font_name": S.XL_FONT, "font_size": 11, "valign": "vcenter"}
        self.base = base
        self.title = wb.add_format({**base, "font_name": S.XL_TITLE_FONT, "font_size": 16, "align": "center"})
        self.line_left = wb.add_format({**base, "align": "left"})
        self.line_right = wb.add_format({**base, "align": "right"})
        self.header = wb.add_format(
            {**base, "bold": True, "align": "center", "text_wrap": True, "border": 1, "bg_color": "#D9E2F3"}
        )
        self.note = wb.add_format(
            {**base, "font_size": 10, "align": "left", "valign": "top", "text_wrap": True}
        )
        self.footer = wb.add_format({**base, "align": "left"})

    def cell(self, kind: str, role: str = "data"):
        key = (kind, role)
        if key not in self.cache:
            spec = {**self.base, "border": 1}
            if kind in S.XL_FORMATS:
                spec["num_format"] = S.XL_FORMATS[kind]
                spec["align"] = "right" if kind != "date" else "center"
            elif kind in ("seq", "center"):
                spec["align"] = "center"
            elif kind == "dash":
                spec["align"] = "center"
            else:
                spec["align"] = "left" if role == "data" else "center"
                spec["indent"] = 1 if role == "data" else 0
                spec["text_wrap"] = True
            if role in ("total", "subtotal"):
                spec["bold"] = True
            if role == "total":
                spec["bg_color"] = "#F2F2F2"
            self.cache[key] = self.wb.add_format(spec)
        return self.cache[key]


def _auto_kind(row: dict) -> str:
    """The kind of a headline row's value, from its unit."""
    unit = (row.get("unit") or "").strip()
    return {"%": "rate", "万元": "money", "个百分点": "pp", "小时": "hours"}.get(unit, "count")


def _part_kind(row: dict) -> str:
    """The kind of a rate's 分子/分母: money (万元) for the investment completion rates, else a count."""
    return "money" if "investment" in str(row.get("indicator") or "") else "count"


def _kind(c: Col, row: dict) -> str:
    return {"auto": _auto_kind, "auto_part": _part_kind}.get(c.kind, lambda _r: c.kind)(row)


def exact(value: int | float | Decimal) -> int | Decimal:
    """The number as it is published, for the cell's XML: xlsxwriter writes a float with 16 significant digits
    (84.71 → 84.70999999999999 in the file); a Decimal of the float's shortest form writes 84.71 itself."""
    if isinstance(value, Decimal):
        value = float(value)  # 219180.4500000000 (a sum's scale) → 219180.45
    if isinstance(value, float):
        value = round(value, 9)  # a sum of floats (219180.44999999998) is the figure it adds up to
        return int(value) if value.is_integer() else Decimal(repr(value))
    return value


def _put(ws, fm: _Formats, r: int, c: int, value, kind: str, role: str = "data") -> None:
    """Write one cell with the method of its type (never a formula, never a guessed type)."""
    if value is None:
        if _is_text(kind):
            ws.write_blank(r, c, None, fm.cell(kind, role))
        else:
            ws.write_string(r, c, "—", fm.cell("dash", role))
        return
    if isinstance(value, bool):
        ws.write_string(r, c, "是" if value else "否", fm.cell("seq", role))
    elif isinstance(value, dt.datetime | dt.date) and kind == "date":
        d = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(r, c, d, fm.cell("date", role))
    elif isinstance(value, int | float | Decimal) and not _is_text(kind):
        ws.write_number(r, c, exact(value), fm.cell(kind, role))
    elif isinstance(value, int | float | Decimal) and kind == "seq":
        ws.write_number(r, c, exact(value), fm.cell("seq", role))
    else:
        ws.write_string(r, c, str(value), fm.cell(kind if _is_text(kind) else "seq", role))


def _shown(value, kind: str) -> str:
    """The text Excel will show, for column widths."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是"
    if kind == "date" and isinstance(value, dt.date):
        return S.date_zh(value)
    if isinstance(value, int | float) and not _is_text(kind):
        if kind == "money":
            return f"{value:,.2f}"
        if kind in ("rate", "pp"):
            return f"{value:+.2f}" if kind == "pp" else f"{value:.2f}"
        if kind == "hours":
            return S.fmt_hours(value)
        return S.fmt_count(value) if float(value).is_integer() else f"{value:,}"
    return str(value)


def _widths(table: Table, kinds: list[list[str]], totals: dict | None) -> list[float]:
    widths = []
    for j, c in enumerate(table.cols):
        vals = [S.text_width(_shown(c.get(r), kinds[i][j])) for i, r in enumerate(table.rows)]
        if totals is not None:
            vals.append(S.text_width(_shown(totals.get(c.tkey), c.kind)))
        data_w = max(vals, default=0) + (2 if c.kind == "text" else 0)  # + the indent
        lines = header_lines(c.header).split("\n")
        head_w = max(S.text_width(x) for x in lines)
        if len(lines) == 1 and head_w > 12 and head_w > data_w:  # long headers wrap onto two lines
            head_w = (head_w + 1) // 2 + 4
        w = max(data_w, head_w) + 2.5
        widths.append(min(max(w, 6.0), 48.0 if _is_text(c.kind) else 18.0))
    return widths


def _write_table(wb, fm: _Formats, table: Table, as_of: dt.date) -> None:
    ws = wb.add_worksheet(table.sheet)
    cols = table.cols
    n = len(cols)
    kinds = [[_kind(c, r) for c in cols] for r in table.rows]
    totals = compute_totals(table) if table.totals else None
    widths = _widths(table, kinds, totals)
    # the title (16 pt) must fit over the table
    need = S.text_width(table.title) * 1.55 + 4
    if sum(widths) < need:
        extra = (need - sum(widths)) / n
        widths = [w + extra for w in widths]
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)

    r = 0
    ws.merge_range(r, 0, r, n - 1, table.title, fm.title)
    ws.set_row(r, 32)
    r += 1
    ws.merge_range(
        r, 0, r, n - 1, f"填报单位：{S.TOWN}{S.FULL_SPACE * 2}截至：{S.date_zh(as_of)}", fm.line_left
    )
    ws.set_row(r, 20)
    r += 1
    ws.merge_range(r, 0, r, n - 1, table.unit_line, fm.line_right)
    ws.set_row(r, 18)
    r += 1

    # headers
    two = any(c.group for c in cols)
    head_top = r
    if two:
        j = 0
        while j < n:
            g = cols[j].group
            if g is None:
                ws.merge_range(r, j, r + 1, j, header_lines(cols[j].header), fm.header)
                j += 1
                continue
            k = j
            while k + 1 < n and cols[k + 1].group == g:
                k += 1
            if k > j:
                ws.merge_range(r, j, r, k, g, fm.header)
            else:
                ws.write_string(r, j, g, fm.header)
            for m in range(j, k + 1):
                ws.write_string(r + 1, m, header_lines(cols[m].header), fm.header)
            j = k + 1
        ws.set_row(r, 20)
        ws.set_row(r + 1, 32)
        r += 2
    else:
        for j, c in enumerate(cols):
            ws.write_string(r, j, header_lines(c.header), fm.header)
        ws.set_row(r, 32)
        r += 1
    head_bottom = r - 1
    first_data = r

    # rows
    merge_j = next((j for j, c in enumerate(cols) if c.tkey == table.merge_col), None)
    seq = 0
    for i, row in enumerate(table.rows):
        role = "subtotal" if row.get("_subtotal") else "data"
        if role == "data":
            seq += 1
        for j, c in enumerate(cols):
            v = c.get(row)
            if c.kind == "seq":
                v = seq if role == "data" else None
            if v is None and c.blank:
                ws.write_blank(r, j, None, fm.cell("seq", role))
                continue
            _put(ws, fm, r, j, v, kinds[i][j], role)
        ws.set_row(r, 18)
        r += 1
    if merge_j is not None and table.rows:
        start = first_data
        vals = [cols[merge_j].get(row) for row in table.rows]
        for i in range(1, len(vals) + 1):
            if i == len(vals) or vals[i] != vals[i - 1]:
                end = first_data + i - 1
                if end > start:
                    ws.merge_range(start, merge_j, end, merge_j, "", fm.cell("seq", "data"))
                    _put(ws, fm, start, merge_j, vals[i - 1], "seq")
                start = first_data + i

    # totals
    if totals is not None:
        lead = 0
        while lead < n and _is_text(cols[lead].kind) and (cols[lead].total in (SUM, None)):
            lead += 1
        lead = max(lead, 1)
        if lead > 1:
            ws.merge_range(r, 0, r, lead - 1, table.total_label, fm.cell("seq", "total"))
        else:
            ws.write_string(r, 0, table.total_label, fm.cell("seq", "total"))
        for j in range(lead, n):
            c = cols[j]
            v = totals.get(c.tkey)
            kind = c.kind if c.kind not in ("auto", "auto_part") else "count"
            if v is None:
                ws.write_blank(r, j, None, fm.cell(kind, "total"))
            else:
                _put(ws, fm, r, j, v, kind, "total")
        ws.set_row(r, 20)
        r += 1

    # notes, source, footer
    r += 1
    for note in table.notes:
        ws.merge_range(r, 0, r, n - 1, note, fm.note)
        ws.set_row(r, 18 * max(1, -(-S.text_width(note) // max(1, int(sum(widths) - 2)))))
        r += 1
    ws.merge_range(r, 0, r, n - 1, S.source_line(as_of, table.source), fm.note)
    r += 2
    ws.merge_range(r, 0, r, n - 1, f"制表人：{S.FULL_SPACE * 8}审核人：{S.FULL_SPACE * 8}", fm.footer)
    ws.set_row(r, 20)

    # view and print
    ws.freeze_panes(first_data, table.freeze_cols)
    ws.set_paper(9)  # A4
    if sum(widths) > 95:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head_top, head_bottom)
    ws.set_footer("&C第 &P 页，共 &N 页")


# ── the sheets ───────────────────────────────────────────────────────────────────────────────────


def _month_zh(month: str, as_of) -> str:
    year, mon = (int(x) for x in str(month).split("-")[:2])
    label = S.month_label(month, as_of).replace("\n", "")
    return f"{year}年{label.replace('(', '（').replace(')', '）')}"


def _mom(key: str, as_of) -> Callable[[dict], Any]:
    """A 环比 cell: the mart's figure, or 本月截至3日 for the month the as-of date cuts short (no 环比)."""
    return lambda r: S.partial_month_note(r["month"], as_of) or r.get(key)


def _seq() -> Col:
    return Col("序号", None, "seq", total=None)


def _headline_table(con, as_of) -> Table:
    ind = D.headline(con, as_of)
    order = {code: i for i, code in enumerate(INDICATOR_ORDER)}
    items = sorted(ind.values(), key=lambda r: (order.get(r["indicator"], 999), r["indicator"]))
    for r in items:
        r["_group"] = next((g for prefix, g in INDICATOR_GROUPS if r["indicator"].startswith(prefix)), "其他")
    return Table(
        sheet="主要指标",
        title=f"{S.TOWN}{S.to_date(as_of).year}年主要指标",
        unit_line="单位：见各行",
        cols=[
            _seq(),
            Col("类别", "_group", "center"),
            Col("指标", "name_zh", "text"),
            Col("数值", "value", "auto"),
            Col("单位", "unit", "center"),
            # 分子/分母 only where they give the figure: a rate (%); a count is its own figure, and
            # 超序时进度 or a median comes from no 分子/分母
            Col(
                "分子",
                lambda r: r.get("numerator") if r.get("unit") == "%" else None,
                "auto_part",
                blank=True,
            ),
            Col(
                "分母",
                lambda r: r.get("denominator") if r.get("unit") == "%" else None,
                "auto_part",
                blank=True,
            ),
        ],
        rows=items,
        totals=False,
        freeze_cols=3,
        merge_col="_group",
        notes=[
            "注：比率＝分子÷分母×100%，保留两位小数（投资完成率的分子、分母单位为万元）；"
            "超序时进度＝投资完成率－序时进度，单位为个百分点；办结用时中位数为全部已办结事件用时的中位数；"
            "二者均无分子、分母。"
        ],
    )


INDICATOR_GROUPS = [
    ("party_", "党建"),
    ("key_projects", "镇重点项目"),
    ("park_projects", "园区重点项目"),
    ("showcase", "乡村振兴"),
    ("dispute", "矛盾纠纷"),
    ("mediation", "矛盾纠纷"),
    ("legal_", "三官一律"),
    ("petition", "信访积案"),
    ("grid_", "网格治理"),
]

INDICATOR_ORDER = [
    "party_orgs",
    "party_activities",
    "party_attendance_rate",
    "key_projects_total",
    "key_projects_in_construction",
    "key_projects_preparatory",
    "key_projects_preliminary",
    "key_projects_investment_completion_rate",
    "key_projects_ahead_of_schedule",
    "park_projects_total",
    "park_projects_in_construction",
    "park_projects_preparatory",
    "park_projects_preliminary",
    "park_projects_investment_completion_rate",
    "park_projects_ahead_of_schedule",
    "showcase_line_km",
    "disputes_received",
    "disputes_resolved",
    "dispute_resolution_rate",
    "disputes_within_village_rate",
    "disputes_within_town_rate",
    "disputes_escalated_rate",
    "mediation_rooms",
    "legal_visits",
    "legal_visit_disputes_resolved",
    "legal_consultations",
    "petition_backlog_cases",
    "petition_backlog_resolved",
    "petition_pledges_signed",
    "grid_count",
    "grid_units",
    "grid_party_orgs",
    "grid_events_collected",
    "grid_events_closed",
    "grid_events_closure_rate",
    "grid_events_on_time_rate",
    "grid_events_median_hours_to_close",
]

_DISPUTE_NOTE = (
    "注：受理数为当年1月1日至截至日受理的矛盾纠纷；化解数为其中截至日前已化解（化解日期不晚于截至日）的件数；"
    "化解率＝化解数÷受理数×100%。"
)


def _disputes_unit_table(con, as_of) -> Table:
    items = D.disputes_by_unit(con, as_of)
    for r in items:
        r["_unit"] = D.unit_name(r)
        r["_area"] = r.get("area") or "—"
    return Table(
        sheet="矛盾纠纷化解情况",
        title=f"{S.TOWN}{S.to_date(as_of).year}年矛盾纠纷排查化解情况统计表",
        unit_line="单位：件、%",
        cols=[
            _seq(),
            Col("片区", "_area", "text", total=None),
            Col("村（社区）", "_unit", "text", total=None),
            Col("类别", "unit_type", "center", total=None),
            Col("受理数", "received", group="矛盾纠纷"),
            Col("化解数", "resolved", group="矛盾纠纷"),
            Col("化解率", "resolution_rate", "rate", group="矛盾纠纷", total=rate_of("resolved", "received")),
            Col("化解中", "open", group="未化解"),
            Col("未化解", "not_resolved", group="未化解"),
        ],
        rows=items,
        merge_col="_area",
        freeze_cols=3,
        notes=[_DISPUTE_NOTE],
    )


def _disputes_area_table(con, as_of) -> Table:
    return Table(
        sheet="片区调解情况",
        title=f"{S.TOWN}片区品牌调解室矛盾纠纷化解情况统计表",
        unit_line="单位：个、件、%",
        cols=[
            _seq(),
            Col("片区", "area", "text", total=None),
            Col("片区品牌调解室", "mediation_room", "text", total=None),
            Col("覆盖村（社区）数", "units"),
            Col("受理数", "received", group="矛盾纠纷"),
            Col("化解数", "resolved", group="矛盾纠纷"),
            Col("化解率", "resolution_rate", "rate", group="矛盾纠纷", total=rate_of("resolved", "received")),
        ],
        rows=D.disputes_by_area(con, as_of),
        freeze_cols=2,
        notes=[_DISPUTE_NOTE],
    )


def _disputes_category_table(con, as_of) -> Table:
    return Table(
        sheet="矛盾纠纷分类",
        title=f"{S.TOWN}{S.to_date(as_of).year}年矛盾纠纷分类化解情况统计表",
        unit_line="单位：件、%",
        cols=[
            _seq(),
            Col("纠纷类型", "dispute_type", "text", total=None),
            Col("受理数", "received", group="矛盾纠纷"),
            Col("化解数", "resolved", group="矛盾纠纷"),
            Col("化解率", "resolution_rate", "rate", group="矛盾纠纷", total=rate_of("resolved", "received")),
        ],
        rows=D.disputes_by_category(con, as_of),
        freeze_cols=2,
        notes=[_DISPUTE_NOTE],
    )


def _disputes_month_table(con, as_of) -> Table:
    items = D.disputes_by_month(con, as_of)
    for r in items:
        r["_month"] = _month_zh(r["month"], as_of)
    return Table(
        sheet="矛盾纠纷月度",
        title=f"{S.TOWN}{S.to_date(as_of).year}年矛盾纠纷月度受理化解情况统计表",
        unit_line="单位：件、%",
        cols=[
            Col("月份", "_month", "center", total=None),
            Col("受理数", "received", group="当月"),
            Col("化解数", "resolved", group="当月"),
            Col("受理环比", _mom("received_mom_pct", as_of), "rate", group="当月", total=None),
            Col("累计受理", "cumulative_received", group="累计", total=None),
            Col("累计化解", "cumulative_resolved", group="累计", total=None),
            Col("累计化解率", "cumulative_rate", "rate", group="累计", total=rate_of("resolved", "received")),
        ],
        rows=items,
        freeze_cols=1,
        notes=[
            "注：当月化解数按化解日期所在月份统计；环比＝（本月受理数－上月受理数）÷上月受理数×100%；"
            "截至日所在月份未满一月，不计环比。"
        ],
    )


def _levels_table(con, as_of) -> Table:
    levels = D.dispute_levels(con, as_of)
    units = {r.get("unit"): r for r in D.disputes_by_unit(con, as_of)}
    detail = [r for r in levels if r.get("scope_kind") == "unit"]
    kind_label = "村（社区）"
    if not detail:
        detail = [r for r in levels if r.get("scope_kind") == "area"]
        kind_label = "片区"
    for r in detail:
        u = units.get(r.get("scope"), {})
        r["unit"], r["unit_id"], r["area"] = r.get("scope"), u.get("unit_id"), u.get("area") or r.get("scope")
    detail = D.sort_units(detail) if kind_label != "片区" else D.sort_areas(detail)
    cols = [_seq()]
    if kind_label != "片区":
        cols.append(Col("片区", "area", "text", total=None))
    cols += [
        Col(kind_label, "scope", "text", total=None),
        Col("化解数", "resolved"),
        *(Col(D.LEVEL_NAMES[level], col, group="化解层级（件）") for level, col in D.LEVEL_COLUMNS.items()),
        Col("未注明", "unknown_level", group="化解层级（件）"),
        Col(
            D.SHARE_NAMES["within_village_rate"],
            "within_village_rate",
            "rate",
            group="占化解数的比例（%）",
            total=rate_of("village_level", "resolved"),
        ),
        Col(
            D.SHARE_NAMES["within_town_rate"],
            "within_town_rate",
            "rate",
            group="占化解数的比例（%）",
            total=lambda t, _r: S.rate(
                sum(t.get(k) or 0 for k in ("village_level", "area_room_level", "town_level")),
                t.get("resolved"),
            ),
        ),
        Col(
            D.SHARE_NAMES["escalated_rate"],
            "escalated_rate",
            "rate",
            group="占化解数的比例（%）",
            total=rate_of("escalated", "resolved"),
        ),
    ]
    return Table(
        sheet="化解层级",
        title=f"{S.TOWN}{S.to_date(as_of).year}年矛盾纠纷化解层级统计表",
        unit_line="单位：件、%",
        cols=cols,
        rows=detail,
        merge_col="area" if kind_label != "片区" else None,
        freeze_cols=3 if kind_label != "片区" else 2,
        notes=[
            f"注：{D.SHARE_NAMES['within_village_rate']}＝村（社区）一级化解数÷化解数；"
            f"{D.SHARE_NAMES['within_town_rate']}＝（村（社区）＋片区调解室＋镇）化解数÷化解数；"
            f"{D.SHARE_NAMES['escalated_rate']}＝{D.ESCALATED}化解数÷化解数。"
        ],
    )


def _legal_month_table(con, as_of) -> Table:
    items = D.legal_by_month(con, as_of)
    for r in items:
        r["_month"] = _month_zh(r["month"], as_of)
    return Table(
        sheet="三官一律",
        title=f"{S.TOWN}{S.to_date(as_of).year}年“三官一律”下沉工作情况统计表",
        unit_line="单位：次、件、%",
        cols=[
            Col("月份", "_month", "center", total=None),
            Col("下沉次数", "visits"),
            Col("化解纠纷数", "disputes_resolved"),
            Col("法律咨询数", "consultations"),
            Col("下沉次数环比", _mom("visits_mom_pct", as_of), "rate", total=None),
        ],
        rows=items,
        freeze_cols=1,
        source="“三官一律”下沉工作台账",
        notes=[
            "注：“三官一律”指法官、检察官、警官和律师；环比＝（本月－上月）÷上月×100%；"
            "截至日所在月份未满一月，不计环比。"
        ],
    )


def _legal_role_table(con, as_of) -> Table:
    return Table(
        sheet="三官一律（按身份）",
        title=f"{S.TOWN}{S.to_date(as_of).year}年“三官一律”分身份下沉情况统计表",
        unit_line="单位：次、件",
        cols=[
            _seq(),
            Col("身份", "role", "center", total=None),
            Col("下沉次数", "visits"),
            Col("化解纠纷数", "disputes_resolved"),
            Col("法律咨询数", "consultations"),
        ],
        rows=D.legal_by_role(con, as_of),
        freeze_cols=2,
        source="“三官一律”下沉工作台账",
    )


def _petition_table(con, as_of) -> Table:
    items = D.petitions(con, as_of)
    for r in items:
        r["_status"] = D.petition_status_zh(r)
    n = len(items)
    res = sum(1 for r in items if D.petition_resolved(r))
    pledged = sum(1 for r in items if r.get("pledge_signed"))
    return Table(
        sheet="信访积案",
        title=f"{S.TOWN}信访积案化解情况统计表",
        unit_line="单位：件",
        cols=[
            _seq(),
            Col("案件编号", "case_id", "text", total=f"共{n}件"),
            Col("所属村（社区）", "unit", "text", total=None),
            Col("初访时间", "first_visit_date", "date", total=None),
            Col("化解情况", "_status", "center", total=f"已化解{res}件"),
            Col("化解日期", "resolved_date", "date", total=None),
            Col("是否签订息访息诉承诺书", "pledge_signed", "center", total=f"已签订{pledged}件"),
            Col("责任单位", "responsible_unit", "text", total=None),
        ],
        rows=items,
        freeze_cols=2,
        source="镇综治中心信访积案台账",
        notes=["注：已化解指状态为已化解（已销号）且化解日期在当年1月1日至截至日之间的积案。"],
    )


def _projects_stage_table(con, as_of) -> Table:
    items = D.projects_by_stage(con, as_of)
    for r in items:
        r["_zone"] = {"镇": "镇重点项目", "园区": "园区重点项目"}.get(r["zone"], r["zone"])
        if r["stage"] == "合计":
            r["_subtotal"] = True
            r["_stage"] = "小计"
        else:
            r["_stage"] = r["stage"]
    schedule = next((r["schedule_rate"] for r in items if r.get("schedule_rate") is not None), None)

    def completion(t, _rows):
        return S.rate(t.get("completed_investment"), t.get("annual_plan"))

    def ahead(t, rows):
        c = completion(t, rows)
        return None if c is None or schedule is None else S.round_half_up(c - schedule)

    return Table(
        sheet="重点项目（按阶段）",
        title=f"{S.TOWN}{S.to_date(as_of).year}年重点项目分阶段推进情况统计表",
        unit_line="单位：个、万元、%",
        cols=[
            Col("类别", "_zone", "text", total=None),
            Col("项目阶段", "_stage", "center", total=None),
            Col("项目数", "projects"),
            Col("总投资", "total_investment", "money", group="投资（万元）"),
            Col("年度计划投资", "annual_plan", "money", group="投资（万元）"),
            Col("累计完成投资", "completed_investment", "money", group="投资（万元）"),
            Col("投资完成率", "completion_rate", "rate", group="进度（%）", total=completion),
            Col("序时进度", "schedule_rate", "rate", group="进度（%）", total=schedule),
            Col("超序时进度（百分点）", "ahead_of_schedule", "pp", group="进度（%）", total=ahead),
        ],
        rows=items,
        merge_col="_zone",
        freeze_cols=2,
        source="镇项目办、园区管委会重点项目台账",
        notes=[
            "注：投资完成率＝累计完成投资÷年度计划投资×100%；序时进度＝已过月数÷12×100%；"
            "超序时进度＝投资完成率－序时进度（负数为滞后）。小计为各类别全部项目（含前期项目的年度计划投资），"
            "与报送单位台账合计行的口径一致；前期项目累计完成投资填“—”“无”的按0计。"
        ],
    )


def _projects_list_table(con, as_of) -> Table:
    items = D.key_projects(con, as_of)
    schedule = next((r["schedule_rate"] for r in items if r.get("schedule_rate") is not None), None)

    def completion(t, _rows):
        return S.rate(t.get("completed_investment"), t.get("annual_plan"))

    def ahead(t, rows):
        c = completion(t, rows)
        return None if c is None or schedule is None else S.round_half_up(c - schedule)

    return Table(
        sheet="重点项目清单",
        title=f"{S.TOWN}{S.to_date(as_of).year}年重点项目清单",
        unit_line="单位：万元、%",
        cols=[
            _seq(),
            Col("所属", "zone", "center", total=None),
            Col("项目名称", "project_name", "text", total=None),
            Col("项目阶段", "stage", "center", total=None),
            Col("总投资", "total_investment", "money", group="投资（万元）"),
            Col("年度计划投资", "annual_plan", "money", group="投资（万元）"),
            Col("累计完成投资", "completed_investment", "money", group="投资（万元）"),
            Col("投资完成率", "completion_rate", "rate", group="进度（%）", total=completion),
            Col("超序时进度（百分点）", "ahead_of_schedule", "pp", group="进度（%）", total=ahead),
            Col("责任单位", "responsible_unit", "text", total=None),
        ],
        rows=items,
        freeze_cols=3,
        source="镇项目办、园区管委会重点项目台账",
    )


def _grid_cols(first: list[Col], town_median) -> list[Col]:
    return first + [
        Col("采集数", "collected", group="网格事件"),
        Col("办结数", "closed", group="网格事件"),
        Col("按期办结数", "closed_on_time", group="网格事件"),
        Col("办结率", "closure_rate", "rate", group="办理情况", total=rate_of("closed", "collected")),
        Col(
            "按期办结率", "on_time_rate", "rate", group="办理情况", total=rate_of("closed_on_time", "closed")
        ),
        Col("办结时长中位数（小时）", "median_hours_to_close", "hours", group="办理情况", total=town_median),
    ]


_GRID_NOTE = (
    "注：办结率＝办结数÷采集数×100%；按期办结率＝在处理时限内办结数÷办结数×100%；"
    "合计行的办结时长中位数为全部事件的中位数（不是各行平均）。"
)


def _grid_tables(con, as_of) -> list[Table]:
    median = D.hv(D.headline(con, as_of), "grid_events_median_hours_to_close")
    year = S.to_date(as_of).year
    by_month = D.grid_by_month(con, as_of)
    for r in by_month:
        r["_month"] = _month_zh(r["month"], as_of)
    src = "东星社区网格化服务管理平台"
    return [
        Table(
            sheet="网格事件（按类型）",
            title=f"东星社区{year}年网格事件分类办理情况统计表",
            unit_line="单位：件、%、小时",
            cols=_grid_cols([_seq(), Col("事件类型", "event_type", "text", total=None)], median),
            rows=D.grid_by_type(con, as_of),
            freeze_cols=2,
            source=src,
            notes=[_GRID_NOTE],
        ),
        Table(
            sheet="网格事件（按月）",
            title=f"东星社区{year}年网格事件月度办理情况统计表",
            unit_line="单位：件、%、小时",
            cols=_grid_cols([Col("月份", "_month", "center", total=None)], median)
            + [Col("采集数环比", _mom("collected_mom_pct", as_of), "rate", total=None)],
            rows=by_month,
            freeze_cols=1,
            source=src,
            notes=[_GRID_NOTE],
        ),
        Table(
            sheet="网格事件（按网格）",
            title=f"东星社区{year}年各网格事件办理情况统计表",
            unit_line="单位：件、%、小时",
            cols=_grid_cols([_seq(), Col("网格", "grid", "text", total=None)], median),
            rows=D.grid_by_grid(con, as_of),
            freeze_cols=2,
            source=src,
            notes=[_GRID_NOTE],
        ),
    ]


def _party_tables(con, as_of) -> list[Table]:
    year = S.to_date(as_of).year
    src = "各党组织“三会一课”“主题党日”活动台账"
    note = "注：参学率＝实到人次÷应到人次×100%。"
    rate_col = Col("参学率", "attendance_rate", "rate", total=rate_of("attended", "expected"))
    return [
        Table(
            sheet="党组织活动（按组织）",
            title=f"{S.TOWN}{year}年各党组织活动开展情况统计表",
            unit_line="单位：次、人次、%",
            cols=[
                _seq(),
                Col("党组织", "org", "text", total=None),
                Col("类型", "org_type", "text", total=None),
                Col("活动次数", "activities"),
                Col("应到人次", "expected"),
                Col("实到人次", "attended"),
                rate_col,
            ],
            rows=D.party_by_org(con, as_of),
            freeze_cols=2,
            source=src,
            notes=[note],
        ),
        Table(
            sheet="党组织活动（按类型）",
            title=f"{S.TOWN}{year}年党组织活动分类型情况统计表",
            unit_line="单位：次、人次、%",
            cols=[
                _seq(),
                Col("活动类型", "activity_type", "text", total=None),
                Col("活动次数", "activities"),
                Col("应到人次", "expected"),
                Col("实到人次", "attended"),
                rate_col,
            ],
            rows=D.party_by_type(con, as_of),
            freeze_cols=2,
            source=src,
            notes=[note],
        ),
    ]


def tables(con, as_of) -> list[Table]:
    """Every sheet of the workbook, in order (also usable by other writers)."""
    as_of = S.to_date(as_of)
    return [
        _headline_table(con, as_of),
        _disputes_unit_table(con, as_of),
        _disputes_area_table(con, as_of),
        _disputes_category_table(con, as_of),
        _disputes_month_table(con, as_of),
        _levels_table(con, as_of),
        _legal_month_table(con, as_of),
        _legal_role_table(con, as_of),
        _petition_table(con, as_of),
        _projects_stage_table(con, as_of),
        _projects_list_table(con, as_of),
        *_grid_tables(con, as_of),
        *_party_tables(con, as_of),
    ]


def write_excel_report(con, as_of, path: Path) -> Path:
    """Write the 报表 workbook for the as-of date to path (atomically) and return the path."""
    import xlsxwriter

    as_of = S.to_date(as_of)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic(path) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_date_format": S.XL_FORMATS["date"],
            },
        )
        try:
            stamp = dt.datetime.combine(as_of, dt.time())
            wb.set_properties(
                {
                    "title": f"{S.TOWN}报表（截至{S.date_zh(as_of)}）",
                    "author": S.TOWN,
                    "company": S.TOWN,
                    "comments": "由台账系统根据数据集市生成",
                    "created": stamp,
                }
            )
            fm = _Formats(wb)
            for i, table in enumerate(tables(con, as_of)):
                if i == 3:
                    checkpoint("report.excel_mid_write")
                _write_table(wb, fm, table, as_of)
        finally:
            wb.close()
        checkpoint("report.excel_before_publish")
    return path
