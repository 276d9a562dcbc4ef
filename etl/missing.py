"""The 催报 list: for one reporting month, each expected submission (etl/ref/expected_submissions.csv) as 已报,
零报告, 未报 or 退回未改, with the time its last file came in — and the same list as an xlsx 催报清单.

退回未改: the latest live file of that sender, ledger and month still has quarantined rows (open 退回修改
items) — a corrected file replaces it (etl/store.py), so no later correction came. The list agrees with
marts.submission_completeness: 已报 and 退回未改 are its `data`, 零报告 its `zero_report`, 未报 its `missing`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .files import atomic
from .home import Home
from .periods import month_zh
from .reference import TOWN_NAME, read_ref
from .safe_output import xlsx_workbook_options
from .schema import LEDGER_KINDS, catalog
from .text import display_width

STATUS_ZH = {"missing": "未报", "returned": "退回未改", "zero_report": "零报告", "reported": "已报"}
STATUS_ORDER = tuple(STATUS_ZH)  # the list's order: what needs chasing first
MART_STATUS = {"reported": "data", "returned": "data", "zero_report": "zero_report", "missing": "missing"}
ADVICE = {
    "missing": "尚未报送，请催报",
    "returned": "有退回修改的行尚未改正，请按退回修改清单改正后重新报送整个文件",
    "zero_report": "本月无数据（零报告）",
    "reported": "",
}

CHASE_SQL = f"""
WITH live AS (  -- the sheets of the month that count now (a replaced file's sheets are 'superseded')
    SELECT s.sender, s.ledger, s.file_sha256, s.status, s.rows_loaded, s.rows_quarantined, f.ingested_at
    FROM meta.source_sheets s JOIN meta.source_files f USING (file_sha256)
    WHERE s.period = $period AND s.status IN ('loaded', 'zero_report')),
sent AS (
    SELECT sender, ledger, arg_max(file_sha256, ingested_at) AS latest, max(ingested_at) AS last_at,
           count(DISTINCT file_sha256) AS files, bool_or(status = 'loaded') AS has_data,
           sum(rows_loaded) AS rows_loaded
    FROM live GROUP BY sender, ledger),
open_items AS (  -- quarantined rows of the latest file: 退回修改 that no correction has answered yet
    SELECT v.sender, v.ledger, sum(v.rows_quarantined) AS rows_quarantined
    FROM live v JOIN sent s ON s.sender = v.sender AND s.ledger = v.ledger AND v.file_sha256 = s.latest
    GROUP BY v.sender, v.ledger)
SELECT e.sender, u.unit_id, e.ledger,
       CASE WHEN s.sender IS NULL THEN 'missing'
            WHEN coalesce(o.rows_quarantined, 0) > 0 THEN 'returned'
            WHEN s.has_data THEN 'reported'
            ELSE 'zero_report' END AS status,
       coalesce(s.files, 0) AS files, coalesce(s.rows_loaded, 0) AS rows_loaded,
       coalesce(o.rows_quarantined, 0) AS rows_quarantined, s.last_at
FROM (SELECT DISTINCT sender, ledger FROM ref.expected_submissions) e
LEFT JOIN ref.units u ON u.name = e.sender
LEFT JOIN sent s ON s.sender = e.sender AND s.ledger = e.ledger
LEFT JOIN open_items o ON o.sender = e.sender AND o.ledger = e.ledger
ORDER BY list_position({list(STATUS_ORDER)}, status), list_position({list(LEDGER_KINDS)}, e.ledger),
         list_position($senders, e.sender), e.sender
"""


@dataclass(frozen=True)
class ChaseRow:
    sender: str
    unit_id: str | None
    ledger: str
    period: str
    status: str  # missing | returned | zero_report | reported
    files: int
    rows_loaded: int
    rows_quarantined: int
    last_file_at: dt.datetime | None

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]

    @property
    def ledger_zh(self) -> str:
        return catalog().ledgers[self.ledger].name_zh

    @property
    def last_file(self) -> str:
        return f"{self.last_file_at:%Y-%m-%d %H:%M}" if self.last_file_at else "—"

    @property
    def advice(self) -> str:
        if self.status == "returned":
            return f"有 {self.rows_quarantined} 行退回修改尚未改正，请按退回修改清单改正后重新报送整个文件"
        return ADVICE[self.status]


def chase_list(con: duckdb.DuckDBPyConnection, period: str) -> list[ChaseRow]:
    """Every expected submission of the month with its status, what needs chasing first."""
    senders = list(
        dict.fromkeys(r["sender"] for r in read_ref("expected_submissions"))
    )  # the town's own order
    rows = con.execute(CHASE_SQL, {"period": period, "senders": senders}).fetchall()
    return [
        ChaseRow(
            sender=r[0],
            unit_id=r[1],
            ledger=r[2],
            period=period,
            status=r[3],
            files=int(r[4]),
            rows_loaded=int(r[5]),
            rows_quarantined=int(r[6]),
            last_file_at=r[7],
        )
        for r in rows
    ]


def counts(rows: list[ChaseRow]) -> dict[str, int]:
    return {status: sum(1 for r in rows if r.status == status) for status in STATUS_ORDER}


def summary(rows: list[ChaseRow], period: str) -> str:
    n = counts(rows)
    return f"{TOWN_NAME}{month_zh(period)}台账报送情况：应报 {len(rows)} 项，" + "，".join(
        f"{STATUS_ZH[s]} {n[s]}" for s in STATUS_ORDER
    )


def reporting_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The home's reporting date: the as-of date of the latest marts (today when none are built yet)."""
    try:
        row = con.execute("SELECT max(as_of) FROM marts.submission_completeness").fetchone()
    except duckdb.CatalogException:
        row = None
    return row[0] if row and row[0] else dt.date.today()


def due_period(as_of: dt.date) -> str:
    """The month whose ledgers are due by `as_of`: the month before (files come in the first days after it)."""
    last = as_of.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


def chase_path(home: Home, as_of: dt.date, period: str) -> Path:
    return home.reports / as_of.isoformat() / f"催报清单_{period}.xlsx"


HEADERS = ("序号", "单位", "台账", "报送情况", "最近文件导入时间", "文件数", "导入行数", "待改行数", "说明")
_FILLS = {"missing": "#F8CBAD", "returned": "#FFE699", "zero_report": "#E2EFDA", "reported": None}


def write_chase_list(rows: list[ChaseRow], path: Path, as_of: dt.date, period: str) -> Path:
    """The 催报清单 as an xlsx a 综治中心 or 党政办 clerk can print and phone down."""
    import xlsxwriter

    with atomic(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), xlsx_workbook_options())
        try:
            ws = wb.add_worksheet("催报清单")
            base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
            title = wb.add_format(
                {**base, "font_name": "黑体", "font_size": 16, "bold": True, "align": "center"}
            )
            line = wb.add_format({**base, "align": "left"})
            head = wb.add_format(
                {
                    **base,
                    "bold": True,
                    "bg_color": "#DDEBF7",
                    "border": 1,
                    "align": "center",
                    "text_wrap": True,
                }
            )
            cells = {
                s: wb.add_format(
                    {**base, "border": 1, "text_wrap": True, **({"bg_color": fill} if fill else {})}
                )
                for s, fill in _FILLS.items()
            }
            last = len(HEADERS) - 1
            ws.merge_range(0, 0, 0, last, f"{TOWN_NAME}{month_zh(period)}台账报送情况（催报清单）", title)
            ws.set_row(0, 30)
            ws.merge_range(
                1, 0, 1, last, f"截至 {as_of:%Y年%m月%d日}　" + summary(rows, period).split("：", 1)[1], line
            )
            for c, h in enumerate(HEADERS):
                ws.write_string(2, c, h, head)
            widths = [display_width(h) + 2 for h in HEADERS]
            for i, r in enumerate(rows, start=1):
                values = [
                    i,
                    r.sender,
                    r.ledger_zh,
                    r.status_zh,
                    r.last_file,
                    r.files,
                    r.rows_loaded,
                    r.rows_quarantined,
                    r.advice,
                ]
                for c, v in enumerate(values):
                    if isinstance(v, int):
                        ws.write_number(2 + i, c, v, cells[r.status])
                    else:
                        ws.write_string(2 + i, c, v, cells[r.status])
                    widths[c] = max(widths[c], min(display_width(str(v)) + 2, 66))
            for c, w in enumerate(widths):
                ws.set_column(c, c, w)
            ws.freeze_panes(3, 0)
            ws.autofilter(2, 0, 2 + len(rows), last)
            ws.set_landscape()
            ws.set_paper(9)
            ws.fit_to_pages(1, 0)
            ws.repeat_rows(2)
        finally:
            wb.close()
    return path
