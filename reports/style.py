"""One style for the whole report pack: palette, sizes, fonts, number formats, titles and source lines.

Charts, the Excel 报表 and the Word draft all take their wording and formats from here, so a figure reads
the same everywhere. matplotlib is imported only inside `mpl_rc()` / `register_font()`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from taizhang.etl.reference import TOWN_NAME as TOWN  # noqa: F401 - the pack names the town through S.TOWN

DEFAULT_SOURCE = "各村（社区）报送台账"

# ── sizes: A4 portrait text width is 21 − 2.8 − 2.6 = 15.6 cm; charts are drawn at 16 cm and placed at 15 cm
CM = 1 / 2.54
FIG_WIDTH_CM = 16.0
FIG_HEIGHT_CM = 9.5  # default; charts with 17–22 bars are taller
DPI = 200  # print resolution
THUMB_WIDTH = 480  # px, for Dagster metadata
DOCX_PICTURE_WIDTH_CM = 15.0

# ── chart font: Noto Sans CJK SC from the mplfonts package (pinned in uv.lock, installed without root)
CHART_FONT_FILE = "NotoSansCJKsc-Regular.otf"
CHART_FONT_FAMILY = "Noto Sans CJK SC"
TITLE_SIZE = 12
LABEL_SIZE = 9
TICK_SIZE = 8.5
ANNOT_SIZE = 8
SOURCE_SIZE = 7.5

# ── palette: sober, prints well in grey, red only for reference lines (序时进度, 全镇平均)
NAVY = "#1F4E79"
BLUE = "#4A7FB5"
LIGHT_BLUE = "#9DC3E6"
TEAL = "#2E8B87"
ORANGE = "#D9822B"
GOLD = "#C9A227"
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
INK = "#262626"
RED = "#C0392B"
TOTAL = "#595959"  # 合计 bars
AREA_COLOURS = [NAVY, TEAL, ORANGE, GOLD, BLUE, GREY]
STAGE_COLOURS = {"在建": NAVY, "预备": TEAL, "前期": LIGHT_BLUE}
LEVEL_COLOURS = {"村/社区": NAVY, "片区调解室": TEAL, "镇": BLUE, "上级/移交": ORANGE, "未注明": LIGHT_GREY}

# ── Word (公文 style). Fonts are named as Chinese offices have them; WPS and Word map them.
DOC_TITLE_FONT = "方正小标宋简体"
DOC_HEADING_FONT = "黑体"
DOC_SUBHEADING_FONT = "楷体_GB2312"
DOC_BODY_FONT = "仿宋_GB2312"
DOC_TABLE_FONT = "仿宋_GB2312"
DOC_TITLE_PT = 22  # 二号
DOC_BODY_PT = 16  # 三号
DOC_TABLE_PT = 10.5  # 五号
DOC_CAPTION_PT = 14  # 四号
DOC_LINE_PT = 28  # fixed line spacing of the body
DOC_MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}

# ── Excel formats (xlsxwriter num_format)
XL_FONT = "宋体"
XL_TITLE_FONT = "黑体"
# one format per kind across the workbook: counts and money with thousands separators, rates, percentage
# points and hours with the 2 decimals the marts store (the figure officials publish)
XL_FORMATS = {
    "count": "#,##0",
    "money": "#,##0.00",
    "rate": "0.00",
    "hours": "0.00",
    "pp": "+0.00;-0.00;0.00",
    "date": 'yyyy"年"m"月"d"日"',
}

FULL_SPACE = "\u3000"


# ── dates and wording ────────────────────────────────────────────────────────────────────────────


def to_date(as_of: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    return dt.date.fromisoformat(str(as_of))


def date_zh(d: dt.date | str) -> str:
    """2023年11月3日"""
    d = to_date(d)
    return f"{d.year}年{d.month}月{d.day}日"


def date_dots(d) -> str | None:
    """2016.4.12 — the compact date of Chinese tables; None stays None."""
    if d is None:
        return None
    d = to_date(d)
    return f"{d.year}.{d.month}.{d.day}"


def month_day_zh(d: dt.date | str) -> str:
    """11月3日 (the year is in the title)"""
    d = to_date(d)
    return f"{d.month}月{d.day}日"


def as_of_phrase(as_of) -> str:
    """截至2023年11月3日"""
    return f"截至{date_zh(as_of)}"


def chart_title(title: str, as_of) -> str:
    """各村（社区）矛盾纠纷化解率（截至2023年11月3日）"""
    return f"{title}（{as_of_phrase(as_of)}）"


def source_line(as_of, source: str = DEFAULT_SOURCE) -> str:
    """数据来源：各村（社区）报送台账，截至2023年11月3日"""
    return f"数据来源：{source}，{as_of_phrase(as_of)}"


def partial_month_day(month: str, as_of) -> int | None:
    """The as-of date's day when `month` ('YYYY-MM') is the as-of month and the as-of date does not close it
    (a month cut short: no 环比), else None."""
    year, mon = (int(x) for x in str(month).split("-")[:2])
    d = to_date(as_of)
    nxt = dt.date(year + (mon == 12), mon % 12 + 1, 1)
    if (d.year, d.month) == (year, mon) and d != nxt - dt.timedelta(days=1):
        return d.day
    return None


def partial_month_note(month: str, as_of) -> str | None:
    """What a 环比 cell of a month cut short says instead of a figure: 本月截至3日."""
    day = partial_month_day(month, as_of)
    return None if day is None else f"本月截至{day}日"


def month_label(month: str, as_of=None) -> str:
    """'2023-11' → '11月'; the as-of month, when not finished, → '11月(1—3日)'."""
    mon = int(str(month).split("-")[1])
    label = f"{mon}月"
    day = None if as_of is None else partial_month_day(month, as_of)
    if day is not None:
        label += f"\n(1—{day}日)"
    return label


# ── numbers ──────────────────────────────────────────────────────────────────────────────────────


def round_half_up(x: float | None, places: int = 2) -> float | None:
    if x is None:
        return None
    q = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def rate(numerator, denominator, places: int = 2) -> float | None:
    """numerator ÷ denominator × 100, rounded half-up to 2 places; None when the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return round_half_up(float(numerator) * 100.0 / float(denominator), places)


def fmt_money(x) -> str:
    """万元 with thousands separators: 12,345.60"""
    return "—" if x is None else f"{x:,.2f}"


def fmt_count(x) -> str:
    """a count with thousands separators: 16,213"""
    return "—" if x is None else f"{x:,.0f}"


def fmt_rate(x) -> str:
    """a percentage's figure, 2 decimals: 84.71"""
    return "—" if x is None else f"{x:.2f}"


def fmt_hours(x) -> str:
    """hours, 2 decimals as stored: 19.67"""
    return "—" if x is None else f"{x:.2f}"


def fmt_pp(x) -> str:
    """percentage points, signed: +3.21 / -1.50"""
    return "—" if x is None else f"{x:+.2f}"


def money_phrase(wan: float | None) -> str:
    """Money for running text: 亿元 from 1 亿 up (2 decimals), else 万元 (whole)."""
    if wan is None:
        return "—"
    if abs(wan) >= 10000:
        return f"{wan / 10000:.2f}亿元"
    return f"{wan:.0f}万元" if float(wan).is_integer() else f"{wan:.2f}万元"


def text_width(s: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(s))


# ── matplotlib ───────────────────────────────────────────────────────────────────────────────────


@lru_cache(maxsize=1)
def chart_font_path() -> Path:
    """The Noto Sans CJK SC file shipped inside the mplfonts package (found without importing it)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("mplfonts is not installed: the charts need its Noto Sans CJK SC font")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "fonts" / CHART_FONT_FILE
        if path.is_file():
            return path
    raise RuntimeError(f"{CHART_FONT_FILE} not found in the mplfonts package")


@lru_cache(maxsize=1)
def register_font() -> str:
    """Add the CJK font file to matplotlib's font manager (in memory only) and return its family name."""
    from matplotlib import font_manager

    path = chart_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    if name != CHART_FONT_FAMILY:  # pragma: no cover - a different mplfonts build
        raise RuntimeError(f"unexpected font family {name!r} in {path}")
    return name


def mpl_rc() -> dict:
    """rcParams for every chart; use with `matplotlib.rc_context(mpl_rc())`."""
    family = register_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [family],
        "axes.unicode_minus": False,  # ASCII hyphen-minus: always in the font
        "font.size": LABEL_SIZE,
        "axes.titlesize": LABEL_SIZE + 1,
        "axes.labelsize": LABEL_SIZE,
        "axes.edgecolor": GREY,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.labelcolor": INK,
        "axes.titlecolor": INK,
        "axes.axisbelow": True,
        "axes.grid": False,
        "grid.color": LIGHT_GREY,
        "grid.linewidth": 0.5,
        "xtick.labelsize": TICK_SIZE,
        "ytick.labelsize": TICK_SIZE,
        "xtick.color": INK,
        "ytick.color": INK,
        "legend.fontsize": ANNOT_SIZE,
        "legend.frameon": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "text.color": INK,
        "hatch.linewidth": 0.5,
    }
