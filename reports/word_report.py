"""The Word 工作总结 draft (数据稿), rendered from an editable template with the figures of the marts.

    write_word_report(con, as_of, charts: dict[str, Path], path, template=None) -> Path
    context(con, as_of) -> dict          # the placeholders' values: {{ disputes_resolved }} → 近400 …
    appendix_tables(con, as_of) -> list[DocTable]   # the exact figures, printed as 附表 at the end
    template_path(home_root) -> Path     # <home>/templates/工作情况汇报.docx when the office has one

The text is the template's (reports/templates/工作情况汇报.docx, made by reports/make_template.py; docxtpl,
Jinja placeholders): an office edits it in Word or WPS, saves it as <home>/templates/工作情况汇报.docx, and
the next report uses their text. The code only fills the placeholders, in the wording officials use
(近400件, 970余次, 约16200件; reports/phrasing.py), and puts the 附表 and 附图 where the template's
appendix paragraph ({{ appendix }}) is. Official layout (the template's styles): A4, margins
3.7/3.5/2.8/2.6 cm, body 仿宋_GB2312 三号 at a fixed 28 pt line, 黑体 / 楷体_GB2312 headings, 方正小标宋简体
title, fonts set for both the Latin and the East Asian slots so WPS and Word show them alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from taizhang.etl.files import atomic
from taizhang.etl.home import WORD_TEMPLATE

from . import data as D
from . import style as S
from .phrasing import official_phrase as P

TEMPLATE_NAME = WORD_TEMPLATE  # the packaged one and an office's own in <home>/templates/ are named alike
PACKAGED_TEMPLATE = Path(__file__).resolve().parent / "templates" / TEMPLATE_NAME
APPENDIX_MARK = "〔附表、附图由系统生成，放在此处〕"  # what {{ appendix }} renders to, replaced by the tables
MISSING = "—"  # a figure the marts do not have


@dataclass
class DocTable:
    title: str
    header: list[str]
    rows: list[list]  # cells: str, int, float or None; the last row may be 合计
    kinds: list[str]  # per column: text · count · rate · money · pp · hours
    merge_first: bool = False  # merge runs of equal values in the first column (grouping, e.g. 镇 / 园区)


CHART_CAPTIONS = {
    "party_by_org": "各党组织活动开展及参学情况",
    "key_projects_by_stage": "重点项目分阶段情况",
    "investment_completion": "重点项目年度投资完成率与序时进度",
    "dispute_rate_by_unit": "各村（社区）矛盾纠纷化解率",
    "disputes_by_month": "矛盾纠纷月度受理与化解情况",
    "disputes_by_category": "矛盾纠纷分类受理与化解情况",
    "dispute_levels": "矛盾纠纷化解层级",
    "legal_visits_by_month": "“三官一律”下沉工作月度情况",
    "grid_events_by_type": "东星社区网格事件分类采集情况",
    "grid_events_by_month": "东星社区网格事件月度办理情况",
}

ISSUER = f"中共{S.TOWN}委员会"  # the 落款's issuing unit


def template_path(home_root: Path | None = None) -> Path:
    """The office's template <home>/templates/工作情况汇报.docx when it exists, else the packaged one."""
    if home_root is not None:
        own = Path(home_root) / "templates" / TEMPLATE_NAME
        if own.is_file():
            return own
    return PACKAGED_TEMPLATE


# ── wording helpers ──────────────────────────────────────────────────────────────────────────────


def _cnt(n) -> str:
    """A count as running text writes it (近400, 970余, 约16200)."""
    return MISSING if n is None else P(int(round(n)))


def _pct(x) -> str:
    """A rate as running text writes it (84.71%)."""
    return MISSING if x is None else f"{x:.2f}%"


def _exact(n) -> str:
    """A small exact count (22个党组织)."""
    return MISSING if n is None else str(int(round(n)))


def _schedule_phrase(ahead) -> str:
    """超序时进度2.50个百分点 / 低于序时进度1.20个百分点."""
    if ahead is None:
        return MISSING
    if ahead >= 0:
        return f"超序时进度{ahead:.2f}个百分点"
    return f"低于序时进度{-ahead:.2f}个百分点"


def _period(as_of) -> str:
    """今年以来 for a cut-off within the year, 全年 only when the as-of date closes the year."""
    d = S.to_date(as_of)
    return "全年" if (d.month, d.day) == (12, 31) else "今年以来"


def _total_row(
    label: str,
    items: list[dict],
    count_keys: list[str],
    rates: dict[int, tuple[str, str]],
    width: int,
    lead: int = 1,
) -> list:
    """A 合计 row: sums of the count columns, rates from the summed numerators and denominators."""
    sums = {k: sum(r.get(k) or 0 for r in items) for k in count_keys}
    row: list = [label] + [""] * (lead - 1) + [None] * (width - lead)
    for j, k in enumerate(count_keys):
        row[lead + j] = sums[k]
    for j, (num, den) in rates.items():
        row[j] = S.rate(sums.get(num), sums.get(den))
    return row


# ── the placeholders' values ─────────────────────────────────────────────────────────────────────


def context(con, as_of) -> dict:
    """Every placeholder of the template, as text (figures already phrased); lists are empty when absent."""
    as_of = S.to_date(as_of)
    ind = D.headline(con, as_of)
    ctx: dict = {
        "town": S.TOWN,
        "year": as_of.year,
        "as_of_date": S.date_zh(as_of),
        "month_day": S.month_day_zh(as_of),
        "period": _period(as_of),
        "issuer": ISSUER,
        "date": S.date_zh(as_of),
        "appendix": APPENDIX_MARK,
    }
    ctx["title"] = f"{S.TOWN}{as_of.year}年主题教育阶段性工作总结（数据稿）"
    ctx.update(_party(con, as_of, ind))
    ctx.update(_projects(con, as_of, ind))
    ctx.update(_disputes(con, as_of, ind))
    ctx.update(_grid(con, as_of, ind))
    return ctx


def _party(con, as_of, ind) -> dict:
    att_rate = D.hv(ind, "party_attendance_rate")
    by_type = D.party_by_type(con, as_of)
    by_org = [r for r in D.party_by_org(con, as_of) if r.get("attendance_rate") is not None]
    top = sorted([r for r in by_type if r.get("activities")], key=lambda r: -r["activities"])[:3]
    best = max(by_org, key=lambda r: r["attendance_rate"], default=None)
    below = [r for r in by_org if att_rate is not None and r["attendance_rate"] < att_rate]
    return {
        "party_orgs": _exact(D.hcount(ind, "party_orgs")),
        "party_activities": _cnt(D.hcount(ind, "party_activities")),
        "party_expected": _cnt(D.hv(ind, "party_attendance_rate", "denominator")),
        "party_attended": _cnt(D.hv(ind, "party_attendance_rate", "numerator")),
        "party_attendance_rate": _pct(att_rate),
        "party_top_types": "、".join(f"{r['activity_type']}{r['activities']}次" for r in top),
        "party_best_org": best["org"] if best else "",
        "party_best_rate": _pct(best["attendance_rate"]) if best else MISSING,
        "party_orgs_below": len(below),
    }


def _projects(con, as_of, ind) -> dict:
    out: dict = {}
    for prefix in ("key_projects", "park_projects"):
        for c in ("total", "in_construction", "preparatory", "preliminary"):
            out[f"{prefix}_{c}"] = _exact(D.hcount(ind, f"{prefix}_{c}"))
    stages = D.projects_by_stage(con, as_of)
    zone_total = {r["zone"]: r for r in stages if r["stage"] == "合计"}
    building = {r["zone"]: r for r in stages if r["stage"] == "在建"}
    for zone, prefix in (("镇", "key_projects"), ("园区", "park_projects")):
        zt = zone_total.get(zone) or {}
        code = f"{prefix}_investment_completion_rate"
        # the headline keeps numerator (completed) and denominator (annual plan); the stage mart's 合计 too
        plan = D.hv(ind, code, "denominator")
        done = D.hv(ind, code, "numerator")
        out[f"{prefix}_plan"] = S.money_phrase(zt.get("annual_plan") if plan is None else plan)
        out[f"{prefix}_done"] = S.money_phrase(zt.get("completed_investment") if done is None else done)
        out[f"{prefix}_rate"] = _pct(D.hv(ind, code))
        out[f"{prefix}_schedule"] = _schedule_phrase(D.hv(ind, f"{prefix}_ahead_of_schedule"))
        out[f"{prefix}_building_rate"] = _pct((building.get(zone) or {}).get("completion_rate"))
    km = D.hv(ind, "showcase_line_km")
    out["showcase_line_km"] = MISSING if km is None else f"{km:.0f}" if float(km).is_integer() else f"{km:g}"
    return out


def _disputes(con, as_of, ind) -> dict:
    rate = D.hv(ind, "dispute_resolution_rate")
    out: dict = {
        "disputes_received": _cnt(D.hcount(ind, "disputes_received")),
        "disputes_resolved": _cnt(D.hcount(ind, "disputes_resolved")),
        "dispute_resolution_rate": _pct(rate),
        "mediation_rooms": _exact(D.hcount(ind, "mediation_rooms")),
    }
    cats = sorted(
        [
            r
            for r in D.disputes_by_category(con, as_of)
            if r.get("received") and r.get("dispute_type") not in ("其他", "未分类", None)
        ],
        key=lambda r: -r["received"],
    )
    out["dispute_top_types"] = "、".join(f"{r['dispute_type']}{r['received']}件" for r in cats[:3])
    units = [
        r for r in D.disputes_by_unit(con, as_of) if r.get("unit") and r.get("resolution_rate") is not None
    ]
    above = [r for r in units if rate is not None and r["resolution_rate"] >= rate]
    best = max(units, key=lambda r: (r["resolution_rate"], r["received"] or 0), default=None)
    out.update(
        units_count=len(units) if rate is not None else 0,
        units_above=len(above),
        units_below=len(units) - len(above),
        best_unit=best["unit"] if best else "",
        best_unit_rate=_pct(best["resolution_rate"]) if best else MISSING,
    )
    out["area_results"] = "；".join(
        f"{r['area']}受理{r['received']}件、化解{r['resolved']}件，化解率{_pct(r['resolution_rate'])}"
        for r in D.disputes_by_area(con, as_of)
    )
    lv = D.town_levels(con, as_of) or {}
    out["levels"] = bool(lv.get("resolved"))
    within_town = sum(lv.get(k) or 0 for k in ("village_level", "area_room_level", "town_level"))
    out.update(
        village_level=_cnt(lv.get("village_level")),
        within_village_rate=_pct(D.hv(ind, "disputes_within_village_rate") or lv.get("within_village_rate")),
        within_town=_cnt(within_town if lv else None),
        within_town_rate=_pct(D.hv(ind, "disputes_within_town_rate") or lv.get("within_town_rate")),
        escalated=_cnt(lv.get("escalated")),
        escalated_rate=_pct(D.hv(ind, "disputes_escalated_rate") or lv.get("escalated_rate")),
    )
    out["legal_visits"] = _cnt(D.hcount(ind, "legal_visits"))
    out["legal_visit_disputes_resolved"] = _cnt(D.hcount(ind, "legal_visit_disputes_resolved"))
    out["legal_consultations"] = _cnt(D.hcount(ind, "legal_consultations"))
    out["legal_roles"] = "、".join(f"{r['role']}下沉{r['visits']}次" for r in D.legal_by_role(con, as_of))
    cases = D.hcount(ind, "petition_backlog_cases")
    pres = D.hcount(ind, "petition_backlog_resolved")
    pledged = D.hcount(ind, "petition_pledges_signed")
    out.update(
        petition_backlog_cases=_exact(cases),
        petition_backlog_resolved=_cnt(pres),
        petition_pledges_signed=_cnt(pledged),
        all_pledged=bool(pledged is not None and pres and pledged >= pres),
        some_pledged=bool(pledged),
        petitions_open=(cases - pres) if cases is not None and pres is not None and cases > pres else 0,
    )
    return out


def _grid(con, as_of, ind) -> dict:
    median = D.hv(ind, "grid_events_median_hours_to_close")
    types = sorted(
        [
            r
            for r in D.grid_by_type(con, as_of)
            if r.get("collected") and r.get("event_type") not in ("其他", "未分类", None)
        ],
        key=lambda r: -r["collected"],
    )
    return {
        "grid_count": _exact(D.hcount(ind, "grid_count")),
        "grid_units": _exact(D.hcount(ind, "grid_units")),
        "grid_party_orgs": _exact(D.hcount(ind, "grid_party_orgs")),
        "grid_events_collected": _cnt(D.hcount(ind, "grid_events_collected")),
        "grid_events_closed": _cnt(D.hcount(ind, "grid_events_closed")),
        "grid_events_closure_rate": _pct(D.hv(ind, "grid_events_closure_rate")),
        "grid_events_on_time_rate": _pct(D.hv(ind, "grid_events_on_time_rate")),
        "grid_median_hours": MISSING if median is None else f"{median:.1f}",
        "grid_top_types": "、".join(f"{r['event_type']}类{r['collected']}件" for r in types[:3]),
    }


# ── the 附表: exact figures ────────────────────────────────────────────────────────────────────────


def appendix_tables(con, as_of) -> list[DocTable]:
    """The tables printed after the 落款 (附表1 …), in the order of the text; tables without data left out."""
    as_of = S.to_date(as_of)
    md = S.month_day_zh(as_of)
    out: list[DocTable] = []
    by_type = D.party_by_type(con, as_of)
    if by_type:
        rows = [
            [r["activity_type"], r["activities"], r["expected"], r["attended"], r["attendance_rate"]]
            for r in by_type
        ]
        rows.append(
            _total_row(
                "合计", by_type, ["activities", "expected", "attended"], {4: ("attended", "expected")}, 5
            )
        )
        out.append(
            DocTable(
                f"党组织活动分类型情况（截至{md}）",
                ["活动类型", "活动次数", "应到人次", "实到人次", "参学率（%）"],
                rows,
                ["text", "count", "count", "count", "rate"],
            )
        )
    stages = D.projects_by_stage(con, as_of)
    if stages:
        rows = []
        for r in stages:
            zone = {"镇": "镇重点\n项目", "园区": "园区重点\n项目"}.get(r["zone"], r["zone"])
            rows.append(
                [
                    zone,
                    "小计" if r["stage"] == "合计" else r["stage"],
                    r["projects"],
                    r["annual_plan"],
                    r["completed_investment"],
                    r["completion_rate"],
                    r["ahead_of_schedule"],
                ]
            )
        detail = [r for r in stages if r["stage"] != "合计"]
        tot = _total_row(
            "合计",
            detail,
            ["projects", "annual_plan", "completed_investment"],
            {5: ("completed_investment", "annual_plan")},
            7,
            lead=2,
        )
        schedule = next((r["schedule_rate"] for r in stages if r.get("schedule_rate") is not None), None)
        tot[6] = None if tot[5] is None or schedule is None else S.round_half_up(tot[5] - schedule)
        rows.append(tot)
        out.append(
            DocTable(
                f"重点项目分阶段推进情况（截至{md}）",
                [
                    "类别",
                    "阶段",
                    "项目数",
                    "年度计划投资（万元）",
                    "累计完成投资（万元）",
                    "投资完成率（%）",
                    "超序时进度（百分点）",
                ],
                rows,
                ["text", "text", "count", "money", "money", "rate", "pp"],
                merge_first=True,
            )
        )
    areas = D.disputes_by_area(con, as_of)
    if areas:
        rows = [
            [r["area"], r["mediation_room"], r["received"], r["resolved"], r["resolution_rate"]]
            for r in areas
        ]
        rows.append(
            _total_row("合计", areas, ["received", "resolved"], {4: ("resolved", "received")}, 5, lead=2)
        )
        out.append(
            DocTable(
                f"各片区矛盾纠纷化解情况（截至{md}）",
                ["片区", "片区品牌调解室", "受理数（件）", "化解数（件）", "化解率（%）"],
                rows,
                ["text", "text", "count", "count", "rate"],
            )
        )
    lv = D.town_levels(con, as_of)
    if lv and lv.get("resolved"):
        res = lv["resolved"]
        lrows = [
            [k, lv.get(col), S.rate(lv.get(col), res)]
            for k, col in (
                ("村（社区）", "village_level"),
                ("片区调解室", "area_room_level"),
                ("镇", "town_level"),
                ("上级/移交", "escalated"),
                ("未注明", "unknown_level"),
            )
            if k != "未注明" or lv.get(col)
        ]
        lrows.append(["合计", res, 100.0 if res else None])
        out.append(
            DocTable(
                f"矛盾纠纷化解层级（截至{md}）",
                ["化解层级", "化解数（件）", "占比（%）"],
                lrows,
                ["text", "count", "rate"],
            )
        )
    roles = D.legal_by_role(con, as_of)
    if roles:
        rows = [[r["role"], r["visits"], r["disputes_resolved"], r["consultations"]] for r in roles]
        rows.append(_total_row("合计", roles, ["visits", "disputes_resolved", "consultations"], {}, 4))
        out.append(
            DocTable(
                f"“三官一律”下沉工作情况（截至{md}）",
                ["身份", "下沉次数（次）", "化解纠纷（件）", "法律咨询（次）"],
                rows,
                ["text", "count", "count", "count"],
            )
        )
    plist = D.petitions(con, as_of)
    if plist:
        rows = [
            [
                r["case_id"],
                r.get("unit"),
                S.date_dots(r.get("first_visit_date")),
                D.petition_status_zh(r),
                S.date_dots(r.get("resolved_date")),
                "是" if r.get("pledge_signed") else "否",
            ]
            for r in plist
        ]
        out.append(
            DocTable(
                f"信访积案化解情况（截至{md}）",
                ["案件编号", "所属村（社区）", "初访时间", "状态", "化解日期", "签订承诺书"],
                rows,
                ["text", "text", "date", "text", "date", "text"],
            )
        )
    ordered = D.grid_by_type(con, as_of)
    if ordered:
        rows = [
            [
                r["event_type"],
                r["collected"],
                r["closed"],
                r["closed_on_time"],
                r["closure_rate"],
                r["on_time_rate"],
            ]
            for r in ordered
        ]
        rows.append(
            _total_row(
                "合计",
                ordered,
                ["collected", "closed", "closed_on_time"],
                {4: ("closed", "collected"), 5: ("closed_on_time", "closed")},
                6,
            )
        )
        out.append(
            DocTable(
                f"东星社区网格事件分类办理情况（截至{md}）",
                ["事件类型", "采集（件）", "办结（件）", "按期办结（件）", "办结率（%）", "按期办结率（%）"],
                rows,
                ["text", "count", "count", "count", "rate", "rate"],
            )
        )
    return out


# ── python-docx rendering ────────────────────────────────────────────────────────────────────────


def _set_fonts(el, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Set a font for every script slot of an rPr owner (style, run or docDefaults) and drop theme fonts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), str(int(round(size_pt * 2))))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), "1" if bold else "0")


def _style_font(style, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    style.font.name = name
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element, name, size_pt, bold)


def _setup(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    m = S.DOC_MARGINS_CM
    sec.top_margin, sec.bottom_margin = Cm(m["top"]), Cm(m["bottom"])
    sec.left_margin, sec.right_margin = Cm(m["left"]), Cm(m["right"])
    sec.header_distance, sec.footer_distance = Cm(1.5), Cm(2.5)

    # document defaults: no theme fonts anywhere
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            rfonts = rpr_default.find(qn("w:rPr")).find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    rfonts.attrib.pop(qn(attr), None)
                for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    rfonts.set(qn(attr), S.DOC_BODY_FONT)

    normal = doc.styles["Normal"]
    _style_font(normal, S.DOC_BODY_FONT, S.DOC_BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(S.DOC_LINE_PT)
    pf.first_line_indent = Pt(S.DOC_BODY_PT * 2)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True

    for style_name, font in (("Heading 1", S.DOC_HEADING_FONT), ("Heading 2", S.DOC_SUBHEADING_FONT)):
        st = doc.styles[style_name]
        _style_font(st, font, S.DOC_BODY_PT)
        spf = st.paragraph_format
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.line_spacing = Pt(S.DOC_LINE_PT)
        spf.first_line_indent = Pt(S.DOC_BODY_PT * 2)
        spf.space_before = Pt(0)
        spf.space_after = Pt(0)
        spf.keep_with_next = True
        spf.alignment = WD_ALIGN_PARAGRAPH.LEFT

    _add_para_styles(doc)


# name, font, size, options: the template's own paragraph styles (the title, the 落款, the 附表 and 附图)
PARA_STYLES = [
    ("公文标题", S.DOC_TITLE_FONT, S.DOC_TITLE_PT, {"after": 6}),
    ("副标题", S.DOC_SUBHEADING_FONT, S.DOC_BODY_PT, {"after": 18}),
    ("落款", S.DOC_BODY_FONT, S.DOC_BODY_PT, {"align": "right", "line": True}),
    ("附件标题", S.DOC_HEADING_FONT, S.DOC_BODY_PT, {"align": "left", "keep": True, "after": 12}),
    ("表题", S.DOC_HEADING_FONT, S.DOC_CAPTION_PT, {"keep": True, "before": 8, "after": 4}),
    ("图题", S.DOC_SUBHEADING_FONT, S.DOC_CAPTION_PT, {"before": 2, "after": 10}),
    ("图片", S.DOC_BODY_FONT, S.DOC_BODY_PT, {"keep": True, "before": 6}),
    ("表格文字", S.DOC_TABLE_FONT, S.DOC_TABLE_PT, {}),
    ("表格表头", S.DOC_HEADING_FONT, S.DOC_TABLE_PT, {}),
    ("页码", "宋体", 14, {}),
]


def _add_para_styles(doc) -> None:
    """Add the paragraph styles of PARA_STYLES the document lacks (an office's own template may lack some)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    have = {st.name for st in doc.styles}
    for name, font, size, opt in PARA_STYLES:
        if name in have:
            continue
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.quick_style = True
        _style_font(st, font, size, False)
        spf = st.paragraph_format
        if opt.get("line"):  # the body's fixed line
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = Pt(S.DOC_LINE_PT)
        else:
            spf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        spf.first_line_indent = Pt(0)
        spf.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}.get(
            opt.get("align"), WD_ALIGN_PARAGRAPH.CENTER
        )
        spf.keep_with_next = opt.get("keep", False)
        spf.space_before = Pt(opt.get("before", 0))
        spf.space_after = Pt(opt.get("after", 0))


def _page_number_footer(doc) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.style = doc.styles["页码"]
    p.add_run("— ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    p.add_run(" —")


def _cell_text(value, kind: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "money":
        return S.fmt_money(value)
    if kind == "rate":
        return f"{value:.2f}"
    if kind == "pp":
        return S.fmt_pp(value)
    if kind == "hours":
        return f"{value:.1f}"
    if kind == "count":
        return f"{value:.0f}" if float(value).is_integer() else f"{value}"
    return str(value)


TEXT_WIDTH_CM = 15.6  # A4 21 cm − 2.8 − 2.6


def column_widths(
    header: list[str], texts: list[list[str]], kinds: list[str], total_cm: float = TEXT_WIDTH_CM - 0.2
) -> list[float]:
    """Column widths (cm) that fit the figures on one line; headers may wrap; text columns give way first."""
    half = S.DOC_TABLE_PT * 0.56 * 2.54 / 72  # a digit at the table font size (bold, wide fonts), in cm
    pad = 0.55  # cell margins (2 × 0.19 cm) and a little air
    need = []
    for j in range(len(header)):
        data = max([S.text_width(line) for r in texts for line in r[j].split("\n")] or [0])
        data += 1 if kinds[j] != "text" else 0  # bold figures in the 合计 row are wider
        head = max(S.text_width(x) for x in header[j].split("\n"))
        head = -(-head // 2) if head > max(8, data) else head  # wrap long headers onto two lines
        need.append(max(data, head, 4) * half + pad)
    if sum(need) <= total_cm:
        return [w * total_cm / sum(need) for w in need]
    # text columns give way first, down to about three characters; then everything shrinks alike
    floor = 6 * half + pad
    fixed = sum(w for w, k in zip(need, kinds, strict=True) if k != "text")
    flex = sum(w for w, k in zip(need, kinds, strict=True) if k == "text")
    scale = (total_cm - fixed) / flex if flex else 1.0
    widths = [max(min(w, floor), w * scale) if k == "text" else w for w, k in zip(need, kinds, strict=True)]
    return [w * total_cm / sum(widths) for w in widths] if sum(widths) > total_cm else widths


def _add_table(doc, t: DocTable, number: int) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc.add_paragraph(f"附表{number}{S.FULL_SPACE}{t.title}", style="表题")
    ncol = len(t.header)
    table = doc.add_table(rows=1 + len(t.rows), cols=ncol)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    texts = [[_cell_text(v, t.kinds[j]) for j, v in enumerate(row)] for row in t.rows]
    widths = column_widths(t.header, texts, t.kinds)
    for j, w in enumerate(widths):
        table.columns[j].width = Cm(w)  # w:gridCol, which LibreOffice/WPS follow
    has_total = bool(t.rows) and str(t.rows[-1][0]) == "合计"
    shown = [t.header, *texts]
    if t.merge_first:  # a group label only in the first cell of its run
        last = None
        for i in range(1, len(shown) - (1 if has_total else 0)):
            label = shown[i][0]
            shown[i] = [("" if label == last else label), *shown[i][1:]]
            last = label
    for i, row in enumerate(shown):
        cells = table.rows[i].cells
        is_total = has_total and i == len(shown) - 1
        for j, text in enumerate(row):
            cell = cells[j]
            cell.width = Cm(widths[j])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            par = cell.paragraphs[0]
            par.style = doc.styles["表格表头" if i == 0 or (is_total and j == 0) else "表格文字"]
            if len(t.rows) <= 15 and i < len(shown) - 1:
                par.paragraph_format.keep_with_next = True  # short tables stay on one page
            lines = text.split("\n")
            for k, line in enumerate(lines):
                run = par.add_run(line)
                if is_total:
                    run.bold = True
                if k < len(lines) - 1:
                    run.add_break()
    if t.merge_first:
        body_end = len(shown) - (1 if has_total else 0)
        start = 1
        for i in range(2, body_end + 1):
            if i == body_end or shown[i][0] != "":
                if i - 1 > start:
                    table.cell(start, 0).merge(table.cell(i - 1, 0))
                start = i
    # repeat the header row on every page; rows do not break across pages
    trpr = table.rows[0]._tr.get_or_add_trPr()
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    trpr.append(head)
    for row in table.rows:
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant)


def _add_chart(doc, name: str, png: Path, number: int) -> None:
    from docx.shared import Cm

    p = doc.add_paragraph(style="图片")
    p.add_run().add_picture(str(png), width=Cm(S.DOCX_PICTURE_WIDTH_CM))
    caption = CHART_CAPTIONS.get(name, name)
    doc.add_paragraph(f"图{number}{S.FULL_SPACE}{caption}", style="图题")


class TemplateProblem(ValueError):
    """A template that cannot be filled: the message says, in Chinese, what to fix in it."""


def _render(template: Path, values: dict):
    """The filled template (python-docx); an unknown name, a broken tag or no .docx is a TemplateProblem."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

    fix = "请在 Word 或 WPS 中改正，或删除该文件以使用系统自带的模板。"
    try:
        tpl = DocxTemplate(str(template))
        tpl.render(values, jinja_env=Environment(undefined=StrictUndefined, autoescape=True))
    except UndefinedError as err:
        import re

        name = re.search(r"'([^']+)' is undefined", err.message or "")
        raise TemplateProblem(
            f"工作总结模板 {template} 中有系统不认识的名称"
            + (f"“{name.group(1)}”" if name else f"（{err.message}）")
            + "。"
            f"可用的名称：{'、'.join(sorted(values))}。{fix}"
        ) from None
    except TemplateError as err:
        near = "".join(getattr(err, "docx_context", None) or []).strip()[:60]
        raise TemplateProblem(
            f"工作总结模板 {template} 中的双花括号或 {{% %}} 标记有误（{err.message}）"
            + (f"，出错处附近的文字：“{near}”" if near else "")
            + f"。{fix}"
        ) from None
    except (OSError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as err:
        raise TemplateProblem(
            f"工作总结模板 {template} 不是可以读取的 .docx 文件（{err}）：请用 Word 或 WPS 另存为 .docx。{fix}"
        ) from None
    return tpl.docx


def _insert_appendix(doc, tables: list[DocTable], charts: dict[str, Path]) -> None:
    """Put the 附表 and 附图 where the template's appendix paragraph is (at the end when it has none)."""
    body = doc.element.body
    kept = len(body) - (1 if len(body) and body[-1].tag.endswith("}sectPr") else 0)
    for number, table in enumerate(tables, 1):
        _add_table(doc, table, number)
    shown = [(name, charts[name]) for name in CHART_CAPTIONS if name in charts and charts[name].is_file()]
    shown += [(n, p) for n, p in charts.items() if n not in CHART_CAPTIONS and p.is_file()]
    for number, (name, png) in enumerate(shown, 1):
        _add_chart(doc, name, png, number)
    added = [el for el in list(body)[kept:] if not el.tag.endswith("}sectPr")]  # appended before sectPr
    anchor = next((p for p in doc.paragraphs if APPENDIX_MARK in p.text), None)
    if anchor is None:
        return
    for el in added:
        anchor._p.addprevious(el)
    anchor._p.getparent().remove(anchor._p)


def write_word_report(con, as_of, charts: dict[str, Path], path: Path, template: Path | None = None) -> Path:
    """Write the 工作总结 (.docx) from the template (default: the packaged one), 附表 and 附图 after the 落款."""
    as_of = S.to_date(as_of)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    charts = {k: Path(v) for k, v in (charts or {}).items()}
    values = context(con, as_of)

    doc = _render(Path(template or PACKAGED_TEMPLATE), values)
    _add_para_styles(doc)
    _insert_appendix(doc, appendix_tables(con, as_of), charts)

    cp = doc.core_properties
    stamp = dt.datetime.combine(as_of, dt.time())
    cp.title, cp.author, cp.last_modified_by = values["title"], S.TOWN, S.TOWN
    cp.subject, cp.keywords = "主题教育阶段性工作总结（数据稿）", "台账;工作总结"
    cp.comments = "由台账系统根据数据集市和工作情况汇报模板生成"
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    cp.revision = 1
    with atomic(path) as tmp:
        doc.save(str(tmp))
    return path
