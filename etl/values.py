"""Reading one cell's value: dates, numbers, yes/no and categories, in all the forms clerks write them.

Each parser returns the canonical value or None for an empty cell, and raises `BadValue` with a reason a
village clerk can act on when the text cannot be read unambiguously. Nothing here guesses.

The Chinese date forms (2023年11月3日, 11月3日, 11.3, 2023.11.3, 20231103, 二〇二三年十一月三日) are parsed by
hand: dateutil reads '2023.11.3' but also turns '11/3' and '3.11' into some date without a word, which is
exactly the guess a published figure must not rest on. Month.day with a dot (11.3) is how dates are written
here and takes the reporting year; 11/3 stays ambiguous.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

from .text import nfkc, squash

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EMPTY_MARKS = {
    "",
    "-",
    "--",
    "—",
    "——",
    "/",
    "\\",
    "无",
    "暂无",
    "空",
    "null",
    "none",
    "nan",
    "n/a",
    "na",
    "#n/a",
}


class BadValue(ValueError):
    """A value that cannot be read; `reason` is plain Chinese for the clerk."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PartialDate(BadValue):
    """A date written only to the month or the year: unusable where a day is required, empty where optional."""


def is_empty_mark(text: str) -> bool:
    return squash(text).lower() in EMPTY_MARKS


# --- Chinese numerals --------------------------------------------------------------------------------

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "О": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_TENS = {"廿": "二十", "卅": "三十"}  # the old forms of 20 and 30 in dates: 十一月廿二日
CN_NUMERAL_CHARS = "".join(_CN_DIGIT) + "".join(_CN_UNIT) + "".join(_CN_TENS)


def cn_integer(text: str) -> int | None:
    """A whole number written in Chinese numerals (五, 两, 十二, 二十三, 一百零五, 二〇二三), else None.

    Written by hand: no maintained library reads both the positional (二〇二三) and the unit (一百零五) forms."""
    if text and text[0] in _CN_TENS:
        text = _CN_TENS[text[0]] + text[1:]
    if not text or any(c not in _CN_DIGIT and c not in _CN_UNIT for c in text):
        return None
    if not any(c in _CN_UNIT for c in text):  # digit by digit: 二〇二三
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _CN_DIGIT:
            if digit is not None and _CN_DIGIT[c] != 0:
                return None  # 二三十: two digits in a row with units elsewhere
            digit = _CN_DIGIT[c] if _CN_DIGIT[c] != 0 else None
        else:
            unit = _CN_UNIT[c]
            if unit >= last_unit:
                return None  # 十百: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


_CN_DATE_YEAR = re.compile(f"([{''.join(_CN_DIGIT)}]{{4}})(?=\\s*年)")
_CN_DATE_PART = re.compile(f"([{CN_NUMERAL_CHARS}]{{1,3}})(?=\\s*[月日号])")


def _cn_date_digits(text: str) -> str:
    """二〇二三年十月三日 → 2023年10月3日 (a text without Chinese numerals comes back as it is)."""
    if not any(c in CN_NUMERAL_CHARS for c in text):
        return text
    text = _CN_DATE_YEAR.sub(lambda m: str(cn_integer(m.group(1))), text)
    return _CN_DATE_PART.sub(
        lambda m: str(cn_integer(m.group(1))) if cn_integer(m.group(1)) is not None else m.group(1), text
    )


# --- dates -------------------------------------------------------------------------------------------

_FULL_DATE = re.compile(
    r"^(?P<y>\d{4})\s*(?:年|\.|/|-)\s*(?P<m>\d{1,2})\s*(?:月|\.|/|-)\s*(?P<d>\d{1,2})\s*[日号]?"
    r"(?:[T\s]*(?P<ap>上午|下午|AM|PM|am|pm)?\s*(?P<H>\d{1,2})[:时](?P<M>\d{1,2})(?:[:分](?P<S>\d{1,2})(?:\.\d+)?秒?)?分?"
    r"(?:\s*(?P<ap2>上午|下午|AM|PM|am|pm))?)?"
    r"\s*(?:\((?:星期|周|礼拜)[一二三四五六日天]\))?$"
)
_COMPACT = re.compile(
    r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$"
)
_SHORT_YEAR = re.compile(r"^(?P<y>\d{2})(?P<s>[./\-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})$")  # 23.11.3
_MONTH_DOT_DAY = re.compile(r"(?P<m>1[0-2]|0?[1-9])\.(?P<d>3[01]|[12]\d|0?[1-9])")
_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?$")
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})\s*(?:年|\.|/|-)\s*(?P<m>\d{1,2})\s*(?:月份?)?$")
_YEAR_ONLY = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年(?:度|初|底|末|中)?$")
_MONTH_ONLY = re.compile(r"^(?P<m>\d{1,2})\s*月份?$")
# two dates joined by 至/到/~/—, or a day range after a full date (2023.10.3-10.5, 10月3日-5日)
_RANGE_JOINER = re.compile(r"\s*(?:至|到|~|～|—|–|－－|--)\s*")
_DAY_RANGE = re.compile(
    r"^\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?\s*[-－]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2})?\s*日?$"
    r"|^\d{1,2}\s*月\s*\d{1,2}\s*日?\s*[-－]\s*\d{1,2}(?:\s*月\s*\d{1,2})?\s*日?$"
)
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


def _hour(text: str, hour: int, half: str | None) -> int:
    """The hour of a 12-hour clock as Windows writes it in Chinese: 下午 2:20 is 14:20, 上午 12:05 is 00:05 and
    下午 12:30 is 12:30 (noon); an hour that contradicts its half of the day is refused."""
    if not half:
        return hour
    afternoon = half in ("下午", "PM", "pm")
    if hour > 12 or hour == 0:
        if afternoon and hour > 12:
            return hour  # 下午 14:20: the clerk wrote both ways, and they agree
        raise BadValue(f"“{text}”写了{half}又写了{hour}点，对不上，请写成24小时制，如 2023-11-05 14:20")
    return (hour % 12) + (12 if afternoon else 0)


# the town's clock (UTC+8, no daylight saving): a moment written with an offset or Z is shown in it
BEIJING = dt.timezone(dt.timedelta(hours=8))
_ISO_WITH_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")
_WEEKDAY = re.compile(r"\s*\(?(?:星期|周|礼拜)([一二三四五六日天])\)?$")
_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _parse_datetime_text(text: str, period_year: int | None) -> dt.datetime:
    t = nfkc(text).strip()
    if _ISO_WITH_OFFSET.fullmatch(t):  # 2023-10-31T16:30:00Z is 11月1日 00:30 here
        try:
            return dt.datetime.fromisoformat(t).astimezone(BEIJING).replace(tzinfo=None)
        except ValueError:
            pass
    weekday = _WEEKDAY.search(t)
    if weekday and weekday.start() > 0:
        moment = _parse_datetime_text(t[: weekday.start()], period_year)
        if moment.weekday() != _WEEKDAY_NUMBER[weekday.group(1)]:
            raise BadValue(
                f"“{text}”的日期和星期对不上（那天是星期{'一二三四五六日'[moment.weekday()]}），请核对日期"
            )
        return moment
    t = _cn_date_digits(t)
    for pattern in (_FULL_DATE, _COMPACT):
        m = pattern.match(t)
        if m:
            g = m.groupdict()
            return _build(
                int(g["y"]),
                int(g["m"]),
                int(g["d"]),
                _hour(text, int(g.get("H") or 0), g.get("ap") or g.get("ap2")),
                int(g.get("M") or 0),
                int(g.get("S") or 0),
            )
    m = _SHORT_YEAR.match(t)
    if m and period_year is not None and 2000 + int(m["y"]) == period_year:
        return _build(period_year, int(m["m"]), int(m["d"]))
    m = _MONTH_DAY.match(t)
    if m:
        if period_year is None:
            raise BadValue(f"日期“{text}”没有写年份，表格标题或文件名里也看不出年份，请写成 {DATE_FORMS}")
        return _build(period_year, int(m["m"]), int(m["d"]))
    if _YEAR_MONTH.match(t) or _MONTH_ONLY.match(t):
        raise PartialDate(f"日期“{text}”只写到月份，请写出具体哪一天，如 {DATE_FORMS}")
    if _YEAR_ONLY.match(t):
        raise PartialDate(f"日期“{text}”只写了年份，请写出具体哪一天，如 {DATE_FORMS}")
    if (
        _DAY_RANGE.match(t)
        or len(_RANGE_JOINER.split(t)) == 2
        and all(re.search(r"\d", part) for part in _RANGE_JOINER.split(t))
    ):
        raise BadValue(
            f"“{text}”是一个时间段（起止两个日期），这一格只能填一天（如受理日期填开始的那一天），请写成 {DATE_FORMS}"
        )
    if re.fullmatch(r"\d{4,5}(\.\d+)?", t):
        serial = float(t)
        if 20000 <= serial <= 80000:  # an Excel serial that came through as text (CSV exports)
            return EXCEL_EPOCH + dt.timedelta(days=serial)
    m = _MONTH_DOT_DAY.fullmatch(t)
    if m:  # 10.12: month.day, the Chinese way of writing a date of the reporting year
        if period_year is None:
            raise BadValue(f"日期“{text}”没有写年份，表格标题或文件名里也看不出年份，请写成 {DATE_FORMS}")
        return _build(period_year, int(m["m"]), int(m["d"]))
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
        if isinstance(value, float) and 1 <= value < 13 and not value.is_integer():
            return _decimal_date(value, period_year)
        raise BadValue(f"数字“{value:g}”不是日期，请写成 {DATE_FORMS}")
    return _parse_datetime_string(str(value), period_year)


def _decimal_date(value: float, period_year: int | None) -> dt.datetime:
    """A date typed as a number (10.12 for 10月12日). Excel drops a trailing zero, so 10.1, 10.2 and 10.3 could
    be the 1st or the 10th, the 2nd or the 20th, the 3rd or the 30th: those are refused, never guessed."""
    month, _, day = repr(value).partition(".")
    if len(day) == 1 and day in "123":
        raise BadValue(
            f"“{value:g}”可能是{month}月{day}日，也可能是{month}月{day}0日（Excel去掉了末尾的0），"
            f"请写成 {DATE_FORMS}"
        )
    return _parse_datetime_string(f"{month}.{day}", period_year)


# a day with the hours of a visit (2023-10-09 9:00-11:30): for a date, the day is all that is asked
_CLOCK = r"(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}(?:[:：时点]\d{0,2}分?|点半?)"
_TIME_RANGE = re.compile(rf"\s*(?:{_CLOCK}\s*[-~～—–至到]+\s*{_CLOCK}|全天|上午|下午|晚上)$")


def parse_date(value, period_year: int | None = None) -> dt.date | None:
    try:
        moment = parse_datetime(value, period_year)
    except BadValue:
        span = _TIME_RANGE.search(value) if isinstance(value, str) else None
        if not span or span.start() == 0:
            raise
        moment = parse_datetime(value[: span.start()], period_year)
    return None if moment is None else moment.date()


# --- numbers -----------------------------------------------------------------------------------------

# 约 / 余 / 多 / 左右 and a unit only around the number (never inside it: '3人5' is not 35); thousands
# separators only between groups of three ('1,5' is not 15)
_NUMBER = re.compile(
    r"^约?(?P<n>[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+))"
    r"(?:余|多)?\(?(?:万元|亿元|亿|万|元|件|人次|次|人|个|户|起|例|宗|场|项)?\)?(?:余|多)?(?:左右)?$"
)
_CELL_MONEY_UNIT = re.compile(r"(亿元|万元|元|亿|万)(?:左右)?$")
# a count in Chinese numerals with its measure word: 五, 两起, 十二件, 二十三人次
_CN_COUNT = re.compile(f"^([{CN_NUMERAL_CHARS}]+)\\(?(?:件|人次|次|人|个|户|起|例|宗|场|项)?\\)?$")


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _parse_number_text(text: str) -> float | None:
    t = squash(text)
    if t.lower() in EMPTY_MARKS:
        return None
    t = t.replace("，", ",").replace("（", "(").replace("）", ")")
    m = _NUMBER.match(t)
    if m:
        number = float(m["n"].replace(",", ""))
        if not math.isfinite(number):
            raise BadValue(f"“{text[:40]}”这个数字太大，请核对")
        return number
    m = _CN_COUNT.match(t)
    if m and cn_integer(m.group(1)) is not None:
        return float(cn_integer(m.group(1)))
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
    if number > MAX_COUNT:
        raise BadValue(f"“{cell_excerpt(value)}”作为数量太大了，请核对（是否误填了电话号码或编号？）")
    return int(number)


MAX_COUNT = 2**31 - 1  # staging stores counts as INTEGER


def cell_excerpt(value, limit: int = 40) -> str:
    """A cell's text cut short for a message (never a whole long cell in a reason)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


# above this (100亿元) no township project is: an amount read this big is a unit slip (元 under a 万元 header)
PLAUSIBLE_MAX_WAN = 1_000_000
MONEY_SCALE = {"万元": 1.0, "万": 1.0, "亿元": 10000.0, "亿": 10000.0, "元": 0.0001}


def parse_money(value, unit: str | None) -> float | None:
    """An amount, converted to 万元 from the unit named in the header (万元 when none is named)."""
    number = parse_number(value)
    if number is None:
        return None
    if number < 0:
        raise BadValue(f"“{value}”是负数，投资额不能为负")
    if isinstance(value, str):  # '1.2亿元' in a 万元 column: the unit written in the cell wins
        unit = unit_written_in(value) or unit
    return round(number * MONEY_SCALE.get(unit or "万元", 1.0), 6)


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def unit_written_in(text: str) -> str | None:
    """亿元/万元/元/亿 at the end of a money cell's text, else None."""
    written = _CELL_MONEY_UNIT.search(squash(text))
    return written.group(1) if written else None


# --- categories ----------------------------------------------------------------------------------------


class AmbiguousCategory(BadValue):
    """A text that says two different things (调解不成，后已化解): reported, never resolved by a guess."""


# Negation markers, longest first. A word right after one (未能化解, 调解未达成协议, 没有调解成功) or right
# before one (化解未成功, 调解不成) is negated; a word starting with 已 states a fact and is never negated.
_NEGATIONS = ("未能", "尚未", "暂未", "没有", "无法", "不能", "难以", "未", "没", "不", "无", "非")
_NEGATION_WINDOW = 4  # characters before a word that a marker may stand in
_CLAUSE_BREAK = re.compile(r"[,;。、/|()\[\]:：！!？?]")

# 基本化解, 部分解决: an outcome only half reached is neither resolved nor not; the clerk must say which
_HEDGE_BEFORE = re.compile(
    r"(基本上?|大部分|部分|初步|暂时)(已经|已|了)?$"
)  # right before the word: 基本化解
_HEDGE_AFTER = re.compile(r"^[^,;。]*?(一部分|大部分|部分|基本|初步)")  # later in its clause: 已化解部分
# 调解成功，一方反悔 / 已调解，协议尚未履行: an outcome undone or not yet carried out, anywhere after the word
_UNDONE_AFTER = re.compile(r"(反悔|翻悔|重新调解|再次调解|尚未履行|未履行|没有履行|待履行|未兑现|又起|反弹)")

_VOCAB_ANSWERS: dict[tuple[int, str], object] = {}
_VOCABS_HELD: dict[int, object] = {}  # keeps each vocab alive while its id() keys answers
_VOCAB_ANSWERS_MAX = 32_768
_MISSING = object()


def map_vocab(vocab, raw: str) -> str | None:
    """A category as written → canonical value; the vocab's `other` (or None) when no word matches.

    Raises AmbiguousCategory when the text holds words of two different values after negation. Answers are
    remembered per (vocab, text): a ledger's categories are written the same few ways on row after row."""
    key = (id(vocab), raw)
    found = _VOCAB_ANSWERS.get(key, _MISSING)
    if found is _MISSING:
        if len(_VOCAB_ANSWERS) >= _VOCAB_ANSWERS_MAX:
            _VOCAB_ANSWERS.clear()
            _VOCABS_HELD.clear()
        _VOCABS_HELD[id(vocab)] = vocab
        try:
            found = _map_vocab(vocab, raw)
        except AmbiguousCategory as ambiguous:
            found = ambiguous
        _VOCAB_ANSWERS[key] = found
    if isinstance(found, AmbiguousCategory):
        raise found
    return found  # type: ignore[return-value]


def _map_vocab(vocab, raw: str) -> str | None:
    t = squash(raw).lower()
    if not t:
        return None
    if t in vocab.exact:
        return vocab.exact[t]
    if any(w in t for w in vocab.never):
        return vocab.other
    taken = bytearray(len(t))
    meanings: dict[str, str] = {}  # canonical value → the word that gave it
    for word, canon in vocab.words_longest_first:
        start = t.find(word)
        while start != -1:
            end = start + len(word)
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * len(word)
                if _negated(t, start, end, word):
                    canon_meant = vocab.negation.get(canon)
                    shown = f"{_negation_before(t, start)}{word}"
                elif canon in vocab.ongoing and _ongoing(t, start):
                    canon_meant, shown = vocab.ongoing[canon], f"正在{word}"
                else:
                    canon_meant, shown = canon, word
                if canon_meant is not None and canon_meant in vocab.negation:  # a positive outcome (化解)
                    hedge = (
                        _HEDGE_BEFORE.search(t[:start])
                        or _HEDGE_AFTER.search(t[end:])
                        or _UNDONE_AFTER.search(t[end:])
                    )
                    if hedge:
                        raise AmbiguousCategory(f"“{raw}”里有“{hedge.group(1)}”，说不清算不算{word}")
                if canon_meant is not None:
                    meanings.setdefault(canon_meant, shown)
            start = t.find(word, start + 1)
    if len(meanings) > 1:
        said = "”和“".join(meanings.values())
        raise AmbiguousCategory(f"“{raw}”里既有“{said}”，意思不一致")
    if meanings:
        return next(iter(meanings))
    return vocab.other


def _clause_before(text: str, start: int) -> str:
    before = text[max(0, start - _NEGATION_WINDOW) : start]
    parts = _CLAUSE_BREAK.split(before)
    return parts[-1]


def _negation_before(text: str, start: int) -> str:
    clause = _clause_before(text, start)
    return next((n for n in _NEGATIONS if n in clause), "")


_ONGOING = ("正在", "尚在", "仍在", "还在")


def _ongoing(text: str, start: int) -> bool:
    """Whether a word follows 正在/尚在/仍在 in its clause (正在化解: still being resolved)."""
    return any(marker in _clause_before(text, start) for marker in _ONGOING)


def _negated(text: str, start: int, end: int, word: str) -> bool:
    """Whether a vocabulary word found in the text is negated there."""
    if word.startswith(("未", "没", "不", "无", "非")):
        return False  # the word is a negative form itself (未化解, 不成功)
    if not word.startswith("已") and _negation_before(text, start):
        return True
    after = text[end : end + 2]
    return after.startswith(_NEGATIONS) or after.startswith("失败")
