"""Reading one cell's value: dates, numbers, yes/no and categories, in all the forms clerks write them.

Each parser returns the canonical value or None for an empty cell, and raises `BadValue` with a reason a
village clerk can act on when the text cannot be read unambiguously. Nothing here guesses.

The Chinese date forms (2023年11月3日, 11月3日, 2023.11.3, 20231103) are parsed by hand: dateutil reads
'2023.11.3' but also turns '11/3' and '3.11' into some date without a word, which is exactly the guess a
published figure must not rest on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

from .text import nfkc, squash

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EMPTY_MARKS = {"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "空", "null", "none", "nan", "n/a", "na", "#n/a"}


class BadValue(ValueError):
    """A value that cannot be read; `reason` is plain Chinese for the clerk."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_empty_mark(text: str) -> bool:
    return squash(text).lower() in EMPTY_MARKS


# --- dates -------------------------------------------------------------------------------------------

_FULL_DATE = re.compile(
    r"^(?P<y>\d{4})\s*(?:年|\.|/|-)\s*(?P<m>\d{1,2})\s*(?:月|\.|/|-)\s*(?P<d>\d{1,2})\s*[日号]?"
    r"(?:[T\s]*(?P<H>\d{1,2})[:时](?P<M>\d{1,2})(?:[:分](?P<S>\d{1,2})(?:\.\d+)?秒?)?分?)?"
    r"\s*(?:\((?:星期|周|礼拜)[一二三四五六日天]\))?$"
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$")
_SHORT_YEAR = re.compile(r"^(?P<y>\d{2})(?P<s>[./\-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})$")  # 23.11.3
_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?$")
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})\s*(?:年|\.|/|-)\s*(?P<m>\d{1,2})\s*月?$")
DATE_FORMS = "2023-11-03、2023年11月3日、2023.11.3 或 2023/11/3"


def _build(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> dt.datetime:
    try:
        return dt.datetime(y, m, d, hh, mm, ss)
    except ValueError:
        raise BadValue(f"日期“{y}年{m}月{d}日”不存在，请核对") from None


# The form exports write (2023-11-03, 2023-11-03 08:15:00): nearly every one a different moment, so neither
# cached nor put through the general parser: fromisoformat gives what _FULL_DATE would. Such a text is never
# an empty mark (it has digits); a day that does not exist is left to the general parser, which says so.
_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])?")


# Parsed texts are remembered per (text, year): dates are written the same way on many rows. Bounded; an
# unreadable text raises BadValue and is not remembered (lru_cache keeps only answers).
_PARSE_CACHE_SIZE = 65_536


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _parse_datetime_string(value: str, period_year: int | None) -> dt.datetime | None:
    """parse_datetime of a text cell: None for an empty mark, else the parsed text."""
    text = value.strip()
    if is_empty_mark(text):
        return None
    return _parse_datetime_text(text, period_year)


def _parse_datetime_text(text: str, period_year: int | None) -> dt.datetime:
    t = nfkc(text).strip()
    for pattern in (_FULL_DATE, _COMPACT):
        m = pattern.match(t)
        if m:
            g = m.groupdict()
            return _build(int(g["y"]), int(g["m"]), int(g["d"]), int(g.get("H") or 0),
                          int(g.get("M") or 0), int(g.get("S") or 0))
    m = _SHORT_YEAR.match(t)
    if m and period_year is not None and 2000 + int(m["y"]) == period_year:
        return _build(period_year, int(m["m"]), int(m["d"]))
    m = _MONTH_DAY.match(t)
    if m:
        if period_year is None:
            raise BadValue(f"日期“{text}”没有写年份，表格标题或文件名里也看不出年份，请写成 {DATE_FORMS}")
        return _build(period_year, int(m["m"]), int(m["d"]))
    if _YEAR_MONTH.match(t):
        raise BadValue(f"日期“{text}”只写到月份，请写出具体哪一天，如 {DATE_FORMS}")
    if re.fullmatch(r"\d{4,5}(\.\d+)?", t):
        serial = float(t)
        if 20000 <= serial <= 80000:  # an Excel serial that came through as text (CSV exports)
            return EXCEL_EPOCH + dt.timedelta(days=serial)
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?", t):
        raise BadValue(f"日期“{text}”写法有歧义（分不清年、月、日），请写成 {DATE_FORMS}")
    raise BadValue(f"“{text}”不是日期，请写成 {DATE_FORMS}")


def parse_datetime(value, period_year: int | None = None) -> dt.datetime | None:
    """A date/time cell in any supported form → datetime, None when empty."""
    if type(value) is str:  # the common case: an ISO text, else answered from the cache
        if _ISO_MOMENT.fullmatch(value):
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                pass
        return _parse_datetime_string(value, period_year)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        raise BadValue(f"“{value}”只有时间没有日期，请写出日期")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):  # pandas' empty cell
            return None
        if 20000 <= value <= 80000:
            return EXCEL_EPOCH + dt.timedelta(days=float(value))
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return _parse_datetime_string(str(int(value)), period_year)  # digits only: never an empty mark
        raise BadValue(f"数字“{value:g}”不是日期，请写成 {DATE_FORMS}")
    return _parse_datetime_string(str(value), period_year)


def parse_date(value, period_year: int | None = None) -> dt.date | None:
    moment = parse_datetime(value, period_year)
    return None if moment is None else moment.date()


# --- numbers -----------------------------------------------------------------------------------------

# 约 / 余 / 多 / 左右 and a unit only around the number (never inside it: '3人5' is not 35); thousands
# separators only between groups of three ('1,5' is not 15)
_NUMBER = re.compile(
    r"^约?(?P<n>[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+))"
    r"(?:余|多)?\(?(?:万元|亿元|亿|元|件|人次|次|人|个|户|起|例|宗)?\)?(?:余|多)?(?:左右)?$"
)
_CELL_MONEY_UNIT = re.compile(r"(亿元|万元|元|亿)(?:左右)?$")


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _parse_number_text(text: str) -> float | None:
    t = squash(text)
    if t.lower() in EMPTY_MARKS:
        return None
    m = _NUMBER.match(t.replace("，", ",").replace("（", "(").replace("）", ")"))
    if m:
        number = float(m["n"].replace(",", ""))
        if not math.isfinite(number):
            raise BadValue(f"“{text[:40]}”这个数字太大，请核对")
        return number
    raise BadValue(f"“{text}”不是数字，请只填数字（可以为0）")


def parse_number(value) -> float | None:
    """A numeric cell (full-width digits, separators, text, '—' or '无' for none) → float or None."""
    if type(value) is str:  # the common case, answered from the cache
        return _parse_number_text(value)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):  # pandas' empty cell
            return None
        if not math.isfinite(value):
            raise BadValue(f"“{value}”不是有效的数字，请核对")
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise BadValue(f"这里应填数字，却填了日期“{value}”")
    return _parse_number_text(str(value))


def parse_count(value) -> int | None:
    """A count: a whole number ≥ 0."""
    number = parse_number(value)
    if number is None:
        return None
    if number < 0:
        raise BadValue(f"“{value}”是负数，数量不能为负")
    if not float(number).is_integer():
        raise BadValue(f"“{value}”不是整数，数量应为整数")
    return int(number)


MONEY_SCALE = {"万元": 1.0, "亿元": 10000.0, "亿": 10000.0, "元": 0.0001}


def parse_money(value, unit: str | None) -> float | None:
    """An amount, converted to 万元 from the unit named in the header (万元 when none is named)."""
    number = parse_number(value)
    if number is None:
        return None
    if number < 0:
        raise BadValue(f"“{value}”是负数，投资额不能为负")
    if isinstance(value, str):  # '1.2亿元' in a 万元 column: the unit written in the cell wins
        unit = _unit_written_in(value) or unit
    return round(number * MONEY_SCALE.get(unit or "万元", 1.0), 6)


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _unit_written_in(text: str) -> str | None:
    """亿元/万元/元/亿 at the end of a money cell's text, else None."""
    written = _CELL_MONEY_UNIT.search(squash(text))
    return written.group(1) if written else None
