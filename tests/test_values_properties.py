"""Property tests for etl/values.py: every written form of a date or number reads back to what was meant,
ambiguous forms are refused, and no input makes a parser raise anything but BadValue."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from taizhang.etl.values import (
    EXCEL_EPOCH,
    BadValue,
    parse_count,
    parse_date,
    parse_datetime,
    parse_money,
    parse_number,
)

# ledger dates: the compact form 20231103 is read for 19xx/20xx, so stay in 1900–2099
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
# Excel serials are read in 20000..80000 (1954-10-03 .. 2119-01-10)
SERIAL_DATES = st.dates(min_value=dt.date(1954, 10, 3), max_value=dt.date(2119, 1, 10))


def full_width(text: str) -> str:
    """ASCII digits → full-width digits (what a Chinese IME in 全角 mode types)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def written_forms(d: dt.date) -> list[str]:
    y, m, day = d.year, d.month, d.day
    return [
        f"{y}年{m}月{day}日",
        f"{y}年{m:02d}月{day:02d}日",
        f"{y}.{m}.{day}",
        f"{y}/{m}/{day}",
        f"{y}-{m:02d}-{day:02d}",
        f"{y}{m:02d}{day:02d}",
        f" {y} 年 {m} 月 {day} 日 ",
        f"{y}年{m}月{day}",
    ]


@given(DATES)
def test_every_written_form_reads_back(d):
    for form in written_forms(d):
        assert parse_date(form) == d, form


@given(DATES)
def test_full_width_digits_read_back(d):
    for form in written_forms(d):
        assert parse_date(full_width(form)) == d, full_width(form)


@given(DATES)
def test_compact_form_as_a_number_reads_back(d):
    assert parse_date(int(f"{d.year}{d.month:02d}{d.day:02d}")) == d
    assert parse_date(float(f"{d.year}{d.month:02d}{d.day:02d}")) == d


@given(SERIAL_DATES, st.sampled_from([0.0, 0.25, 0.5, 0.999]))
def test_excel_serial_numbers_read_back(d, fraction):
    serial = (dt.datetime(d.year, d.month, d.day) - EXCEL_EPOCH).days
    assert parse_date(serial) == d
    assert parse_date(float(serial) + fraction) == d
    assert parse_date(str(serial)) == d  # a serial that came through a CSV as text
    assert parse_date(full_width(str(serial))) == d


@given(DATES)
def test_month_and_day_take_the_period_year(d):
    y, m, day = d.year, d.month, d.day
    assert parse_date(f"{m}月{day}日", period_year=y) == d
    assert parse_date(f"{m}月{day}", period_year=y) == d
    assert parse_date(full_width(f"{m}月{day}日"), period_year=y) == d


@given(st.integers(1, 12), st.integers(1, 28))
def test_month_and_day_without_a_year_are_refused(m, d):
    with pytest.raises(BadValue):
        parse_date(f"{m}月{d}日")


@given(DATES, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
def test_date_and_time_read_back(d, hh, mm, ss):
    moment = dt.datetime(d.year, d.month, d.day, hh, mm, ss)
    assert parse_datetime(f"{d.year}-{d.month:02d}-{d.day:02d} {hh:02d}:{mm:02d}:{ss:02d}") == moment
    assert parse_datetime(f"{d.year}/{d.month}/{d.day} {hh}:{mm:02d}") == moment.replace(second=0)
    assert parse_datetime(f"{d.year}年{d.month}月{d.day}日{hh}时{mm}分") == moment.replace(second=0)


@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["/", ".", "-"]))
@example(3, 11, "/")
def test_ambiguous_day_month_forms_are_refused(a, b, sep):
    with pytest.raises(BadValue):
        parse_date(f"{a}{sep}{b}")
    with pytest.raises(BadValue):
        parse_date(f"{a}{sep}{b}{sep}23")  # 3/11/23: which is the year?
    with pytest.raises(BadValue):
        parse_date(f"{a}{sep}{b}{sep}2023")  # 3/11/2023: March or November?


@pytest.mark.parametrize(
    "text",
    [
        "3/11",
        "11.31",
        "2023年2月30日",
        "2023.13.1",
        "2023年11月",
        "2023.11",
        "明天",
        "20231332",
        "45233x",
    ],
)
def test_unreadable_dates_are_refused(text):
    with pytest.raises(BadValue):
        parse_date(text, period_year=2023)


def test_half_a_day_is_a_day_for_a_date_but_not_a_time():
    """2023年11月3日上午 says the day a date field asks for; for a moment (上报时间) it says no hour."""
    assert parse_date("2023年11月3日上午") == dt.date(2023, 11, 3)
    with pytest.raises(BadValue):
        parse_datetime("2023年11月3日上午")


@pytest.mark.parametrize("empty", [None, "", "  ", "-", "—", "无", "／", "\u3000"])
def test_empty_marks_are_none(empty):
    assert parse_date(empty, period_year=2023) is None
    assert parse_number(empty) is None


def test_nan_cells_are_empty_not_errors():
    # pandas hands over an empty cell as float('nan')
    assert parse_date(float("nan")) is None
    assert parse_number(float("nan")) is None
    assert parse_count(float("nan")) is None


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("0123456789０１２３４５６７８９年月日时分秒.:/-， ,万元亿件约余")),
    ),
    max_size=30,
)
PERIOD_YEAR = st.one_of(st.none(), st.integers(-5, 12000))


@given(TEXT, PERIOD_YEAR)
@settings(max_examples=500)
def test_date_parser_raises_only_bad_value(text, period_year):
    try:
        result = parse_datetime(text, period_year)
    except BadValue as bad:
        assert bad.reason and isinstance(bad.reason, str)
    else:
        assert result is None or isinstance(result, dt.datetime)


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**20), 10**20)), PERIOD_YEAR)
def test_date_parser_on_numbers_raises_only_bad_value(number, period_year):
    try:
        result = parse_datetime(number, period_year)
    except BadValue:
        return
    assert result is None or isinstance(result, dt.datetime)


@given(TEXT)
@settings(max_examples=500)
def test_number_parsers_raise_only_bad_value(text):
    for parse in (
        parse_number,
        parse_count,
        lambda v: parse_money(v, "万元"),
        lambda v: parse_money(v, "亿元"),
    ):
        try:
            result = parse(text)
        except BadValue as bad:
            assert bad.reason
        else:
            assert result is None or (isinstance(result, (int, float)) and math.isfinite(result))


# --- numbers -------------------------------------------------------------------------------------------


@given(st.integers(-(10**12), 10**12))
def test_integers_with_thousands_separators_read_back(n):
    for form in (f"{n}", f"{n:,}", f"{n:,}".replace(",", "，"), full_width(f"{n:,}"), f" {n:,} "):
        assert parse_number(form) == n, form


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimals_with_thousands_separators_read_back(x):
    for form in (f"{x}", f"{x:,}", full_width(f"{x:,}"), f"{x:,}".replace(".", "．")):
        assert parse_number(form) == pytest.approx(float(x), rel=1e-12, abs=1e-9), form


@given(st.integers(0, 10**9))
def test_counts_with_units_read_back(n):
    assert parse_count(f"{n:,}件") == n
    assert parse_count(full_width(f"{n}") + "次") == n
    assert parse_count(f"约{n}人") == n


@pytest.mark.parametrize(
    "text",
    [
        "1,5",
        "12,34",
        "1,2345",
        "1,,000",
        ",100",
        "100,",
        "3人5",
        "1约2",
        "1e5",
        "1.2.3",
        "inf",
        "9" * 400,
        "五十几",
        "10%",
    ],
)
def test_unreadable_or_ambiguous_numbers_are_refused(text):
    with pytest.raises(BadValue):
        parse_number(text)


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_money_in_the_header_unit(x):
    assert parse_money(f"{x}", "万元") == pytest.approx(float(x))
    assert parse_money(f"{x}", "亿元") == pytest.approx(float(x) * 10000)
    assert parse_money(f"{x}", "元") == pytest.approx(float(x) / 10000, abs=1e-6)


def test_money_with_its_own_unit_in_the_cell():
    # a clerk writes the unit in the cell: the cell's unit wins over the header's, never silently dropped
    assert parse_money("1.2亿元", "万元") == pytest.approx(12000)
    assert parse_money("500元", "万元") == pytest.approx(0.05)
    assert parse_money("3,500万元", "亿元") == pytest.approx(3500)
    assert parse_money("1.5", "亿元") == pytest.approx(15000)


def test_negative_amounts_and_counts_are_refused():
    with pytest.raises(BadValue):
        parse_count("-3")
    with pytest.raises(BadValue):
        parse_count("2.5")
    with pytest.raises(BadValue):
        parse_money("-1", "万元")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_numeric_cells_pass_through(x):
    assume(not math.isnan(x))
    assert parse_number(x) == x


@pytest.mark.parametrize(
    "written, expected",
    [("五", 5), ("两起", 2), ("十二件", 12), ("二十三人次", 23), ("一百零五", 105), ("三十", 30)],
)
def test_counts_in_chinese_numerals_read(written, expected):
    assert parse_count(written) == expected


def test_month_dot_day_is_a_date_of_the_reporting_year_but_a_number_that_lost_its_zero_is_not():
    """10.12 and 11.3 are how dates are written here (month.day); as a number, 10.1 may be the 1st or the 10th."""
    assert parse_date("11.3", period_year=2023) == dt.date(2023, 11, 3)
    assert parse_date(10.12, period_year=2023) == dt.date(2023, 10, 12)
    with pytest.raises(BadValue):
        parse_date(10.1, period_year=2023)
    with pytest.raises(BadValue):
        parse_date("11.3")  # no year anywhere


@given(DATES, st.integers(0, 23), st.integers(0, 59))
def test_a_twelve_hour_clock_in_chinese_reads_as_the_hour_of_the_day(d, hh, mm):
    """Windows in Chinese writes 2023/11/5 下午 2:20:00; 上午 12:05 is five past midnight, 下午 12:30 half past noon."""
    half, shown = ("上午", hh % 12 or 12) if hh < 12 else ("下午", hh % 12 or 12)
    moment = dt.datetime(d.year, d.month, d.day, hh, mm)
    assert parse_datetime(f"{d.year}/{d.month}/{d.day} {half} {shown}:{mm:02d}:00") == moment


@pytest.mark.parametrize("text", ["2023/11/5 上午 14:20", "2023/11/5 下午 0:20"])
def test_a_half_of_the_day_that_contradicts_the_hour_is_refused(text):
    with pytest.raises(BadValue):
        parse_datetime(text)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("十一月廿二日", dt.date(2023, 11, 22)),
        ("十一月廿日", dt.date(2023, 11, 20)),
        ("十月卅一日", dt.date(2023, 10, 31)),
    ],
)
def test_the_old_forms_of_twenty_and_thirty_in_dates(written, expected):
    assert parse_date(written, period_year=2023) == expected


def test_a_moment_written_in_utc_is_shown_in_beijing_time():
    assert parse_datetime("2023-10-31T16:30:00Z") == dt.datetime(2023, 11, 1, 0, 30)
    assert parse_datetime("2023-10-05T08:00:00+08:00") == dt.datetime(2023, 10, 5, 8, 0)


def test_a_weekday_after_a_date_is_checked_not_read():
    assert parse_date("2023年11月2日星期四") == dt.date(2023, 11, 2)
    assert parse_date("2023-11-01(周三)") == dt.date(2023, 11, 1)
    with pytest.raises(BadValue):
        parse_date("2023年11月2日 星期五")


@pytest.mark.parametrize("written", ["2023.10.9 9:00-11:30", "2023年10月9日下午3点-5点", "2023/10/9 全天"])
def test_the_hours_of_a_visit_after_its_day_leave_the_day(written):
    assert parse_date(written) == dt.date(2023, 10, 9)
