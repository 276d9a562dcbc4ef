"""Who sent a sheet, for which village, for which month: every clue with where it came from, an answer only
where the clues agree or a rule proves which one is right, and otherwise a question for the analyst."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .decisions import Question
from .periods import month_zh, period_end
from .read import Grid
from .reference import KIND_ZH, TOWN, TOWN_NAME, Mention, Reference, Sender
from .schema import Ledger
from .text import cell_text, is_blank, nfkc, squash
from .values import CN_NUMERAL_CHARS, cn_integer

# where a clue came from, as the analyst reads it
FILLER, TITLE, SHEET, FILE, DATA, SECTION, PLAN, ANSWER = (
    "填报单位",
    "标题",
    "工作表名",
    "文件名",
    "记录日期",
    "分节行",
    "报送安排",
    "分析员确认",
)

_FILLER = re.compile(
    r"(?:填报|报送|填表|上报|报表)单位\s*(?:[(（][^)）]{0,4}[)）])?\s*[:：]?\s*"
    r"([^\s:：,，;；]+?)(?=\s|填报|报送|填表|日期|时间|联系|$|[:：,，;；])"
)
_PERIOD_YM = re.compile(
    r"(20\d{2})\s*(?:年|\.|-|/|_)?\s*(?:(?:1[0-2]|0?[1-9])\s*[-~至—]\s*)?(1[0-2]|0?[1-9])\s*(?:月份|月)"
)
_PERIOD_YM_NUM = re.compile(r"(?<!\d)(20\d{2})[.\-_/]?(1[0-2]|0[1-9])(?!\d)")
_PERIOD_YM_DOT = re.compile(r"(?<!\d)(20\d{2})[.\-_/](1[0-2]|[1-9])(?![\d.\-/])")
_PERIOD_Y = re.compile(r"(20\d{2})\s*年(?:度)?")
_QUARTER = re.compile(r"(?:第\s*)?([一二三四1-4])\s*季度")
_MONTH_ONLY = re.compile(r"(?<!\d)(?:(?:1[0-2]|[1-9])\s*[-~至—]\s*)?(1[0-2]|[1-9])\s*月(?:份)?(?!\s*\d)")
# a full date is a filing or printing date, not the period — unless it is the 截至 date
_FULL_DATE = re.compile(
    r"(?<!\d)(20\d{2})\s*[年.\-/]\s*(1[0-2]|0?[1-9])\s*[月.\-/]\s*(3[01]|[12]\d|0?[1-9])(?!\d)"
    r"\s*[日号]?(?!\s*月)"
    r"|(?<!\d)(20\d{2})(1[0-2]|0[1-9])(3[01]|[12]\d|0[1-9])(?!\d)"
    r"|(?<![\d年.])(1[0-2]|[1-9])\s*月\s*(3[01]|[12]\d|[1-9])\s*[日号]"
)
_AS_OF_WORDS = ("截至", "截止", "截止到", "截至到")
_CN_MONTH = re.compile(f"([{CN_NUMERAL_CHARS}]{{1,3}})(?=\\s*月)")


@dataclass
class Clue:
    """Something a sheet says about itself, with where it says it."""

    source: str
    text: str  # the words as written (a short excerpt)
    mention: Mention | None = None
    period: str | None = None  # 'YYYY-MM', or 'YYYY' for a year only
    bare_month: int | None = None  # a month named with no year anywhere (东星网格事件10月.csv)
    quarter: str | None = None  # 'YYYY-Qn' for a quarter named with its year (2023年第三季度)
    exact: bool = False  # the whole 填报单位 value or sheet name is the name


@dataclass
class Identity:
    sender: Sender | None = None
    sender_source: str | None = None
    unit_id: str | None = None  # the unit of every record of the sheet (None: the rows say it, or town level)
    unit_source: str | None = None
    period: str | None = None
    period_source: str | None = None
    questions: list[Question] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.period[:4]) if self.period else None


# --- the words of a sheet -----------------------------------------------------------------------------------

_NOTE_LINE = re.compile(
    r"^\s*(?:填表说明|填报说明|说明|注|备注|附注)\s*[:：]|^\s*[(（]?\d{1,2}\s*[.、．)）]\s*\D"
)
_NOTES_HEADING = re.compile(r"^\s*(?:填表说明|填报说明|说明|注意事项)\s*[:：]?\s*$")


def lines_above(grid: Grid, first_row: int) -> list[str]:
    """The non-empty lines above the header that say what the sheet is (title, 填报单位, 报送月份), cells joined
    by spaces; instructions (填表说明 and numbered notes: “1. 本说明自2023年1月起执行”) say nothing about it."""
    out = []
    in_notes = False
    for row in grid.rows[:first_row]:
        line = " ".join(cell_text(c) for c in row if not is_blank(c))
        if not line:
            continue
        if _NOTES_HEADING.match(line):
            in_notes = True
            continue
        if in_notes or _NOTE_LINE.match(line):
            continue
        out.append(line)
    return out


def filler_values(lines: list[str]) -> list[str]:
    """What follows 填报单位 in the lines (the unit as the clerk wrote it)."""
    out = []
    for line in lines:
        t = nfkc(line)
        t = re.sub(r"(填报单位|报送单位|填表单位|上报单位)\s*[:：]?\s+", r"\1：", t)  # 填报单位：   林山村
        t = squash(t).replace("填报单位", " 填报单位").replace("填报日期", " 填报日期")
        for m in _FILLER.finditer(t):
            out.append(m.group(1))
    return out


def _without_filler(line: str) -> str:
    """A line without its 填报单位 value (spaces kept: a date and a time stay apart)."""
    return _FILLER.sub(" ", nfkc(line))


def sender_clues(
    ref: Reference,
    title_lines: list[str],
    footer_lines: list[str],
    sheet_name: str,
    file_name: str,
    on: dt.date | None,
) -> list[Clue]:
    """Every body named by the 填报单位 value(s), the title, the sheet name and the file name."""
    clues: list[Clue] = []
    for value in filler_values(title_lines + footer_lines):
        named = ref.name_of(value, on)
        if named is not None:
            clues.append(Clue(FILLER, value, mention=named, exact=True))
        else:
            found = ref.mentions_in(value, on)
            clues.extend(Clue(FILLER, value, mention=m) for m in found)
            if not found:
                clues.append(
                    Clue(FILLER, value)
                )  # a name the reader does not know: said in a question if needed
    title = " ".join(_without_filler(ln) for ln in title_lines)
    clues.extend(Clue(TITLE, _excerpt(title), mention=m) for m in ref.mentions_in(title, on))
    named = ref.name_of(sheet_name, on)
    if named is not None:
        clues.append(Clue(SHEET, sheet_name, mention=named, exact=True))
    else:
        clues.extend(Clue(SHEET, sheet_name, mention=m) for m in ref.mentions_in(sheet_name, on))
    stem = _RECIPIENT.sub(" ", file_name.rsplit(".", 1)[0])
    clues.extend(Clue(FILE, file_name, mention=m) for m in ref.mentions_in(stem, on))
    return [c for c in clues if c.mention is None or c.mention.kind != "town"]


# whom a file was sent to, not who sent it: 后卓村10月纠纷台账（发镇综治办）, 报送镇项目办, 呈综治中心
_RECIPIENT = re.compile(
    r"(?:发给?|报送?给?|送交?|呈报?|致|交给?)(?:西天尾)?镇?[\u4e00-\u9fff]{1,6}?(?:办|中心|所|站|委|部)"
)


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def periods_in(text: str) -> tuple[list[str], list[str], list[int]]:
    """(year-months, years, months without a year) a text names, leaving out filing dates (a full date is
    the period only after 截至)."""
    t = nfkc(text)
    t = _CN_MONTH.sub(lambda m: str(cn_integer(m.group(1)) or m.group(1)), t)
    months: list[str] = []
    as_of_months: list[int] = []
    for m in _FULL_DATE.finditer(t):
        before = t[max(0, m.start() - 4) : m.start()]
        if any(w in before for w in _AS_OF_WORDS):  # 截至2023年10月31日: that month's report
            if m.group(1) or m.group(4):
                y, mo = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(5))
                months.append(f"{int(y):04d}-{int(mo):02d}")
            else:
                as_of_months.append(int(m.group(7)))
    t = _FULL_DATE.sub(" ", t)
    for pattern in (_PERIOD_YM, _PERIOD_YM_DOT, _PERIOD_YM_NUM):
        for m in pattern.finditer(t):
            months.append(f"{int(m.group(1)):04d}-{int(m.group(2)):02d}")
        t = pattern.sub(" ", t)
    years = [m.group(1) for m in _PERIOD_Y.finditer(t)]
    t = _PERIOD_Y.sub(" ", t)
    bare = [int(m.group(1)) for m in _MONTH_ONLY.finditer(t)] + as_of_months
    return list(dict.fromkeys(months)), list(dict.fromkeys(years)), list(dict.fromkeys(bare))


def period_clues(title_lines: list[str], sheet_name: str, file_name: str) -> list[Clue]:
    """The months (or years) the title, the sheet name and the file name name; a month without a year takes
    the year that the other sources name, when they name one."""
    raw = []
    title = " ".join(_without_filler(ln) for ln in title_lines)
    for source, text in ((TITLE, title), (SHEET, sheet_name), (FILE, file_name.rsplit(".", 1)[0])):
        raw.append((source, text, *periods_in(text)))
    all_years = {m[:4] for _, _, months, _, _ in raw for m in months} | {
        y for _, _, _, years, _ in raw for y in years
    }
    clues = []
    for source, text, months, years, bare in raw:
        for m in months:
            clues.append(Clue(source, _excerpt(text), period=m))
        own_years = set(years) | {m[:4] for m in months}
        year = (
            next(iter(own_years))
            if len(own_years) == 1
            else (next(iter(all_years)) if len(all_years) == 1 else None)
        )
        for month in bare:
            if year and not any(m.endswith(f"-{month:02d}") for m in months):
                clues.append(Clue(source, _excerpt(text), period=f"{year}-{month:02d}"))
            elif not all_years:
                clues.append(Clue(source, _excerpt(text), bare_month=month))
        if not months and not bare:
            clues.extend(Clue(source, _excerpt(text), period=y) for y in years)
            if year:
                clues.extend(
                    Clue(source, _excerpt(text), quarter=f"{year}-Q{'一二三四1234'.index(q) % 4 + 1}")
                    for q in dict.fromkeys(_QUARTER.findall(nfkc(text)))
                )
    return clues


# --- deciding -------------------------------------------------------------------------------------------------


def _where(clues: list[Clue]) -> str:
    return "、".join(dict.fromkeys(f"{c.source}“{c.text}”" for c in clues))


def resolve_period(
    clues: list[Clue], answers: dict[str, str]
) -> tuple[str | None, str | None, list[Question]]:
    """The sheet's reporting month from its clues: one month named (by any number of sources) is it; a year
    alone is a year's file; two different months are a question."""
    if answers.get("period"):
        return answers["period"], ANSWER, []
    months: dict[str, list[Clue]] = {}
    for c in clues:
        if c.period and len(c.period) == 7:
            months.setdefault(c.period, []).append(c)
    quarters = {c.quarter: c for c in clues if c.quarter}
    if len(months) == 1:
        period, said = next(iter(months.items()))
        outside = [q for q in quarters if period[:4] != q[:4] or (int(period[5:]) - 1) // 3 + 1 != int(q[-1])]
        if not outside:
            return period, said[0].source, []
        months.update({f"{q[:4]}-{3 * int(q[-1]):02d}": [c] for q, c in quarters.items() if q in outside})
    if len(months) > 1:
        options = sorted(months)
        text = "；".join(f"{month_zh(p)}（{_where(cs)}）" for p, cs in sorted(months.items()))
        return None, None, [Question("period", f"报送月份不一致：{text}。这份台账是哪个月的？", options)]
    if quarters:  # a quarter's records span three months; only a snapshot's quarter end is one of them
        options = [f"{q[:4]}-{3 * int(q[-1]) - k:02d}" for q in sorted(quarters) for k in (2, 1, 0)]
        return (
            None,
            None,
            [
                Question(
                    "period",
                    f"{_where(list(quarters.values()))}写的是季度，没有写月份。按月入库要定一个月份："
                    f"如是季度末的清单（快照），请答季度最后一个月（{month_zh(options[-1])}）；"
                    "如是整个季度的记录汇总，请按月分开重新报送",
                    options,
                    proposal=options[-1],
                )
            ],
        )
    years = {c.period: c for c in clues if c.period}
    if len(years) == 1:
        period, clue = next(iter(years.items()))
        return period, clue.source, []
    if len(years) > 1:
        options = sorted(years)
        return (
            None,
            None,
            [
                Question(
                    "period", f"年份不一致：{_where(list(years.values()))}。这份台账是哪一年的？", options
                )
            ],
        )
    return None, None, []


def period_from_dates(clues: list[Clue], dates: list[dt.date]) -> tuple[str | None, str | None]:
    """When no source names a year-month, the records' dates may prove it: a month named without a year
    (10月) takes the year of the records when they all fall in that year on or before that month; with no
    month named, records that all fall in one calendar month give that month. Otherwise (None, None): asked."""
    if not dates:
        return None, None
    bare = {c.bare_month for c in clues if c.bare_month}
    latest = max(dates)
    if len(bare) == 1:
        month = next(iter(bare))
        if month >= latest.month and all(d.year == latest.year for d in dates):
            said = next(c for c in clues if c.bare_month == month)
            return f"{latest.year:04d}-{month:02d}", f"{said.source}（年份据{DATA}）"
        return None, None
    if not bare and {(d.year, d.month) for d in dates} == {(latest.year, latest.month)}:
        return f"{latest.year:04d}-{latest.month:02d}", DATA
    return None, None


def month_question(clues: list[Clue], dates: list[dt.date], label: str) -> Question:
    """No year-month named and the records' dates do not prove one: asked, with what the sheet says (a month
    without a year, the span of its records) and the latest record's month as the suggestion (a 补报 of last
    month carries this month's dates too, so it is never taken without a word)."""
    bare = [c for c in clues if c.bare_month]
    said = (
        "、".join(f"{c.source}“{c.text}”只写了{c.bare_month}月、没有年份" for c in bare)
        if bare
        else "标题、工作表名和文件名中都没有写明月份"
    )
    if not dates:
        return Question("period", f"无法确定报送月份：{said}，表中也没有可用的日期。这份台账是哪个月的？")
    months = sorted({f"{d.year:04d}-{d.month:02d}" for d in dates})
    span = month_zh(months[0]) + (f"至{month_zh(months[-1])}" if len(months) > 1 else "")
    return Question(
        "period",
        f"无法确定报送月份：{said}；表中{label}在{span}。这份台账是哪个月的？"
        "请在标题或文件名中写明年月后重新报送，或确认月份",
        sorted(set(months) | {f"{max(dates).year:04d}-{c.bare_month:02d}" for c in bare}),
        proposal=months[-1],
    )


# a file that says it completes an earlier month (a 补报 named for the month it is sent in)
LATE_REPORT = re.compile(r"补报|补录|迟报|补充上报")


def check_data_dates(
    period: str, period_source: str, dates: list[dt.date], label: str, answers: dict[str, str], said: str = ""
) -> list[Question]:
    """Records dated after the reporting month: the title may be last month's (a copied template), or the
    records may belong to the next report. Not decided here: asked, with the counts."""
    if period_source == ANSWER or not dates:
        return []
    end = period_end(period)
    later = sorted(d for d in dates if d > end)
    if not later and all(d.year < end.year for d in dates):  # last year's table sent again (or its dates)
        years = "、".join(str(y) for y in sorted({d.year for d in dates}))
        return [
            Question(
                "period",
                f"{period_source}写的是{month_zh(period)}，但全部{len(dates)}条记录的{label}都在"
                f"{years}年：是把往年的表又报了一次，还是日期的年份写错了？请核对后重新报送，"
                f"或确认这份台账是哪个月的",
                [period],
            )
        ]
    start = dt.date(end.year, end.month, 1)
    if not later and all(d < start for d in dates) and LATE_REPORT.search(said):  # 11月补报 of October
        months = sorted({f"{d.year:04d}-{d.month:02d}" for d in dates})
        return [
            Question(
                "period",
                f"{period_source}写的是{month_zh(period)}，但全部{len(dates)}条记录的{label}都在"
                f"{'、'.join(month_zh(m) for m in months)}：这是{month_zh(months[-1])}的补报（或迟报），"
                f"还是{month_zh(period)}的台账？请确认这份台账是哪个月的",
                sorted({period, months[-1]}),
                proposal=months[-1],
            )
        ]
    if not later:
        return []
    latest = later[-1]
    suggestion = f"{latest.year:04d}-{latest.month:02d}"
    return [
        Question(
            "period",
            f"{period_source}写的是{month_zh(period)}，但有{len(later)}条记录的{label}在此之后"
            f"（最晚{latest:%Y年%m月%d日}，共{len(dates)}条有日期）：是标题或文件名的月份写错了"
            f"（例如沿用了上月模板），还是这些记录应在下月报送？请确认这份台账是哪个月的",
            sorted({period, suggestion}),
            proposal=suggestion,
        )
    ]


def resolve_sender(
    clues: list[Clue],
    ledger: Ledger,
    ref: Reference,
    answers: dict[str, str],
    *,
    rows_identify: bool,
    expected_senders: list[str],
) -> Identity:
    """Who sent the sheet and, where the sheet is one village's, which village; questions where not sure.

    Rules (each provably right; anything else is asked):
    - one body named, by any number of sources, is the sender;
    - one village named beside a 片区 that covers it, or beside a town office: the village's records, sent by
      the 片区 or the office (a 片区 workbook with a sheet per village);
    - nothing named, and only one sender sends this ledger (etl/ref/expected_submissions.csv): that sender;
    - partial names (林山居委会, 东星片区 for 东星社区) never name a village;
    - a sheet whose rows say whose they are (a 所属村居, 党组织 or 所属 column, section lines) may come from an
      unnamed sender; otherwise who sent it is asked."""
    ident = Identity()
    units: dict[str, list[Clue]] = {}
    others: dict[tuple[str, str], list[Clue]] = {}
    unknown: list[Clue] = []
    for c in clues:
        if c.mention is None:
            unknown.append(c)
            continue
        sender = ref.sender_for(c.mention)
        if sender is None:
            continue
        if sender.kind == "unit":
            units.setdefault(sender.unit_id, []).append(c)
        else:
            others.setdefault((sender.kind, sender.name), []).append(c)
    for key in ("unit", "sender"):  # the analyst's answer replaces the clues of its kind
        named = ref.name_of(answers[key]) if answers.get(key) else None
        if named is None:
            continue
        sender = ref.sender_for(named)
        said = [Clue(ANSWER, answers[key], mention=named)]
        if sender.kind == "unit":
            units, unknown = {sender.unit_id: said}, []
        else:
            others, unknown = {(sender.kind, sender.name): said}, []
    if len(others) > 1:
        options = [name for _, name in others]
        text = "；".join(f"{name}（{_where(cs)}）" for (_, name), cs in others.items())
        ident.questions.append(Question("sender", f"报送单位不一致：{text}。是谁报送的？", options))
        return ident
    if len(units) > 1:
        options = [ref.unit_name(u) for u in units]
        text = "；".join(f"{ref.unit_name(u)}（{_where(cs)}）" for u, cs in units.items())
        ident.questions.append(
            Question("unit", f"村（社区）不一致：{text}。这份台账是哪个村（社区）的？", options)
        )
        return ident
    other = next(iter(others), None)
    other_sender = ref.sender_for(others[other][0].mention) if other is not None else None
    if units:
        unit_id, said = next(iter(units.items()))
        if (
            other_sender is not None
            and other_sender.kind == "area"
            and unit_id not in ref.area_units(other_sender.area_id)
        ):
            ident.questions.append(
                Question(
                    "unit",
                    f"{_where(said)}写的是{ref.unit_name(unit_id)}，但{_where(others[other])}是{other_sender.name}，"
                    f"{other_sender.name}不包括{ref.unit_name(unit_id)}。这份台账是哪个村（社区）的？",
                    [ref.unit_name(unit_id)],
                )
            )
            return ident
        if other_sender is not None and other_sender.kind == "party_org":
            ident.questions.append(
                Question(
                    "sender",
                    f"{_where(said)}写的是{ref.unit_name(unit_id)}，但{_where(others[other])}是{other_sender.name}。"
                    f"是谁报送的？",
                    [ref.unit_name(unit_id), other_sender.name],
                )
            )
            return ident
        ident.unit_id, ident.unit_source = unit_id, said[0].source
        if other_sender is not None:
            ident.sender, ident.sender_source = other_sender, others[other][0].source
        else:
            ident.sender, ident.sender_source = ref.unit_sender(unit_id), ident.unit_source
    elif other_sender is not None:
        ident.sender, ident.sender_source = other_sender, others[other][0].source
    elif len(expected_senders) == 1:
        named = ref.name_of(expected_senders[0])
        if named is not None:
            ident.sender, ident.sender_source = ref.sender_for(named), PLAN
    needs_unit = ledger.kind == "disputes" and not rows_identify and ident.unit_id is None
    if (ident.sender is None and not rows_identify) or needs_unit:
        partial = "；".join(f"{c.source}“{c.text}”不是本镇村（社区）或单位的名称" for c in unknown)
        what = "哪个村（社区）" if needs_unit else "哪个单位"
        hint = f"（{partial}）" if partial else "（标题、填报单位、工作表名和文件名中都没有写明）"
        options = (
            [ref.unit_name(u) for u in ref.area_units(ident.sender.area_id)]
            if ident.sender is not None and ident.sender.kind == "area"
            else []
        )
        ident.questions.append(
            Question(
                "unit" if needs_unit else "sender",
                f"无法确定这份台账是{what}报送的{hint}。请确认报送单位",
                options,
            )
        )
    return ident


def ledger_question(
    layout_ledger: Ledger, alternatives: list[tuple[Ledger, int]], title_text: str, answers: dict[str, str]
) -> Question | None:
    """The title names another ledger whose fields the header also has: which is it?"""
    if answers.get("ledger"):
        return None
    t = squash(title_text)
    if any(w in t for w in layout_ledger.title_words):
        return None
    named = [lg for lg, _ in alternatives if any(w in t for w in lg.title_words)]
    if not named:
        return None
    options = [layout_ledger.name_zh, *(lg.name_zh for lg in named)]
    return Question(
        "ledger",
        f"表头像{layout_ledger.name_zh}，但标题或文件名写的是{named[0].name_zh}。这是哪一种台账？",
        options,
    )


# a town named before a village in it: 城厢区华亭镇龙山村, 黄石镇村（居）登记表 — not 乡镇, 全镇, 镇级, 城镇化;
# 乡 is left out: 乡村 is in half the titles of a township (乡村振兴, 乡风文明)
_TOWN_BEFORE_VILLAGE = re.compile(
    r"([\u4e00-\u9fff]{2,3}?)镇(?=[\u4e00-\u9fff]{0,5}?(?:村|社区|居委|居）|居\)))"
)
_NOT_A_TOWN_NAME = re.compile(r"^[全本各该每城乡村]|[省市县区城村乡度份季]$|社区$")


def other_town_question(texts: list[str], answers: dict[str, str]) -> list[Question]:
    """A title or 填报单位 naming a village of another town (华亭镇龙山村) while nothing names this town: a file
    forwarded from elsewhere, whose village may share a name with one here. Asked, never booked to the
    namesake; another town's name beside this town's (a neighbour's template filled in here) is not."""
    if answers.get("unit") or answers.get("sender"):
        return []
    joined = " ".join(nfkc(t) for t in texts)
    if TOWN_NAME in joined or TOWN.get("short_name", TOWN_NAME) in joined:
        return []
    others = []
    for m in _TOWN_BEFORE_VILLAGE.finditer(joined):
        name = m.group(1)
        for prefix in ("省", "市", "县", "区"):
            name = name.rsplit(prefix, 1)[-1]
        if len(name) >= 2 and not _NOT_A_TOWN_NAME.search(name):
            others.append(name + joined[m.end(1)])
    if not others:
        return []
    named = "、".join(dict.fromkeys(others))
    return [
        Question(
            "unit",
            f"标题或填报单位写的是{named}，不是本镇（{TOWN_NAME}）：多半是外镇的台账转进了收件箱，不能记到本镇"
            "同名的村（社区）。如确是本镇的，请回答是哪个村（社区）；不是请退回",
        )
    ]


def describe(sender: Sender | None) -> str:
    if sender is None:
        return "未知单位"
    return sender.name if sender.kind == "unit" else f"{sender.name}（{KIND_ZH.get(sender.kind, '')}）"


__all__ = [
    "Clue",
    "Identity",
    "TOWN_NAME",
    "check_data_dates",
    "ledger_question",
    "other_town_question",
    "period_clues",
    "resolve_period",
    "resolve_sender",
    "sender_clues",
]
