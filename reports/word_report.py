"""The Word 工作总结 draft (数据稿): the seed document's sections, with the figures filled in from the marts.

    write_word_report(con, as_of, charts: dict[str, Path], path) -> Path
    sections(con, as_of) -> list[Section]     # the content, without python-docx (tests and other writers)

Sections 一、二、三、四 follow the seed's order (party study; key projects and rural revitalisation; dispute
resolution, 三官一律 and petitions; grid governance). Running text uses the rounding phrases officials use
(近400件, 970余次, 约16200件; reports/phrasing.py); every section has a table with the exact figures, and the
charts are embedded at 15 cm with numbered captions. Official layout: A4, margins 3.7/3.5/2.8/2.6 cm, body
仿宋_GB2312 三号 at a fixed 28 pt line, 黑体 / 楷体_GB2312 headings, 方正小标宋简体 title, fonts set for both
the Latin (w:ascii/w:hAnsi) and the East Asian (w:eastAsia) slots so WPS and Word show them alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from taizhang.etl.files import atomic

from . import data as D
from . import style as S
from .phrasing import official_phrase as P


@dataclass
class DocTable:
    title: str
    header: list[str]
    rows: list[list]  # cells: str, int, float or None; the last row may be 合计
    kinds: list[str]  # per column: text · count · rate · money · pp · hours
    merge_first: bool = False  # merge runs of equal values in the first column (grouping, e.g. 镇 / 园区)


@dataclass
class Section:
    heading: str  # 一、聚焦理论学习，提高政治站位
    blocks: list = field(
        default_factory=list
    )  # ("sub", text) · ("p", text) · ("table", DocTable) · ("chart", name)


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


# ── wording helpers ──────────────────────────────────────────────────────────────────────────────


def _cnt(n) -> str | None:
    return None if n is None else P(int(round(n)))


def _pct(x) -> str | None:
    return None if x is None else f"{x:.2f}%"


def _schedule_phrase(ahead) -> str | None:
    if ahead is None:
        return None
    if ahead >= 0:
        return f"超序时进度{ahead:.2f}个百分点"
    return f"低于序时进度{-ahead:.2f}个百分点"


def _period(as_of) -> str:
    """今年以来 for a cut-off within the year, 全年 only when the as-of date closes the year."""
    d = S.to_date(as_of)
    return "全年" if (d.month, d.day) == (12, 31) else "今年以来"


ISSUER = f"中共{S.TOWN}委员会"  # the 落款's issuing unit


def _join(parts: list[str | None], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


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


# ── the content ──────────────────────────────────────────────────────────────────────────────────


def sections(con, as_of) -> list[Section]:
    as_of = S.to_date(as_of)
    ind = D.headline(con, as_of)
    md = S.month_day_zh(as_of)
    return [
        _party(con, as_of, ind, md),
        _projects(con, as_of, ind, md),
        _disputes(con, as_of, ind, md),
        _grid(con, as_of, ind, md),
    ]


def _party(con, as_of, ind, md) -> Section:
    sec = Section("一、聚焦理论学习，提高政治站位")
    orgs = D.hcount(ind, "party_orgs")
    acts = D.hcount(ind, "party_activities")
    att_rate = D.hv(ind, "party_attendance_rate")
    att = D.hv(ind, "party_attendance_rate", "numerator")
    exp_ = D.hv(ind, "party_attendance_rate", "denominator")
    by_type = D.party_by_type(con, as_of)
    by_org = D.party_by_org(con, as_of)
    sec.blocks.append(
        (
            "p",
            _join(
                [
                    "镇党委把开展主题教育作为重要政治任务抓紧抓实",
                    f"{orgs}个党组织常态化开展理论学习" if orgs is not None else None,
                    "结合“三会一课”“主题党日”等组织生活，推进主题教育各项工作任务落实落地",
                ]
            )
            + "。",
        )
    )
    if acts is not None:
        top = sorted([r for r in by_type if r.get("activities")], key=lambda r: -r["activities"])[:3]
        detail = "、".join(f"{r['activity_type']}{r['activities']}次" for r in top)
        text = f"截至{md}，各党组织共开展组织生活{_cnt(acts)}次"
        if exp_ is not None and att is not None:
            text += f"，应到{_cnt(exp_)}人次、实到{_cnt(att)}人次"
        if att_rate is not None:
            text += f"，参学率{_pct(att_rate)}"
        text += "。"
        if detail:
            text += f"其中{detail}。"
        if att_rate is not None and by_org:
            below = [
                r for r in by_org if r.get("attendance_rate") is not None and r["attendance_rate"] < att_rate
            ]
            best = max(
                (r for r in by_org if r.get("attendance_rate") is not None),
                key=lambda r: r["attendance_rate"],
                default=None,
            )
            if best is not None:
                text += f"参学率最高的是{best['org']}（{_pct(best['attendance_rate'])}）"
                text += f"，{len(below)}个党组织参学率低于全镇平均水平，需进一步压实责任。" if below else "。"
        sec.blocks.append(("p", text))
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
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"党组织活动分类型情况（截至{md}）",
                    ["活动类型", "活动次数", "应到人次", "实到人次", "参学率（%）"],
                    rows,
                    ["text", "count", "count", "count", "rate"],
                ),
            )
        )
    sec.blocks.append(("chart", "party_by_org"))
    return sec


def _projects(con, as_of, ind, md) -> Section:
    sec = Section("二、聚焦服务大局，奋力干事创业")
    year = as_of.year
    sec.blocks.append(("sub", "（一）全力推动重点项目建设"))
    k = {
        c: D.hcount(ind, f"key_projects_{c}")
        for c in ("total", "in_construction", "preparatory", "preliminary")
    }
    p = {
        c: D.hcount(ind, f"park_projects_{c}")
        for c in ("total", "in_construction", "preparatory", "preliminary")
    }
    parts = []
    if k["total"] is not None:
        parts.append(
            f"{year}年度，全镇重点项目{k['total']}个，其中在建项目{k['in_construction']}个、"
            f"预备项目{k['preparatory']}个、前期项目{k['preliminary']}个"
        )
    if p["total"] is not None:
        parts.append(
            f"园区{year}年重点项目{p['total']}个，其中在建项目{p['in_construction']}个、"
            f"预备{p['preparatory']}个、前期{p['preliminary']}个"
        )
    if parts:
        sec.blocks.append(("p", "镇立足“一区一园”，全力推动重点项目建设提速。" + "；".join(parts) + "。"))
    stages = D.projects_by_stage(con, as_of)
    zone_total = {r["zone"]: r for r in stages if r["stage"] == "合计"}
    inv = []
    for zone, prefix, label in (
        ("镇", "key_projects", "镇重点项目"),
        ("园区", "park_projects", "园区重点项目"),
    ):
        zt = zone_total.get(zone) or {}
        code = f"{prefix}_investment_completion_rate"
        rate = D.hv(ind, code)
        ahead = D.hv(ind, f"{prefix}_ahead_of_schedule")
        # the headline keeps numerator (completed) and denominator (annual plan); the stage mart's 合计 row too
        plan = D.hv(ind, code, "denominator")
        done = D.hv(ind, code, "numerator")
        plan = zt.get("annual_plan") if plan is None else plan
        done = zt.get("completed_investment") if done is None else done
        if rate is None and plan is None:
            continue
        money = None
        if plan is not None and done is not None:
            money = f"{label}年度计划投资{S.money_phrase(plan)}、累计完成投资{S.money_phrase(done)}"
        inv.append(
            _join(
                [
                    money or label,
                    f"投资完成率{_pct(rate)}" if rate is not None else None,
                    _schedule_phrase(ahead),
                ]
            )
        )
    building = [r for r in stages if r["stage"] == "在建" and r.get("completion_rate") is not None]
    if inv:
        text = "；".join(inv) + "。"
        if building:
            text += (
                "分阶段看，"
                + "，".join(
                    f"{'园区' if r['zone'] == '园区' else '镇'}在建项目投资完成率{_pct(r['completion_rate'])}"
                    for r in building
                )
                + "。"
            )
        sec.blocks.append(("p", text))
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
        sec.blocks.append(
            (
                "table",
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
                ),
            )
        )
    sec.blocks.append(("chart", "key_projects_by_stage"))
    sec.blocks.append(("chart", "investment_completion"))
    km = D.hv(ind, "showcase_line_km")
    sec.blocks.append(("sub", "（二）提升乡村振兴示范带动作用"))
    if km is not None:
        km_txt = f"{km:.0f}" if float(km).is_integer() else f"{km:g}"
        sec.blocks.append(
            (
                "p",
                "理清产业发展思路，创建乡村振兴精品示范线，打造“串点连线成片”省级精品线路，"
                f"总里程{km_txt}公里。",
            )
        )
    return sec


def _disputes(con, as_of, ind, md) -> Section:
    sec = Section("三、聚焦矛盾化解，维护和谐稳定")
    sec.blocks.append(("sub", "（一）矛盾纠纷排查化解"))
    received = D.hcount(ind, "disputes_received")
    resolved = D.hcount(ind, "disputes_resolved")
    rate = D.hv(ind, "dispute_resolution_rate")
    text = (
        "镇狠抓社会矛盾纠纷化解工作，以化解山林权属、征地拆迁、土地承包、婚姻家庭、邻里纠纷等突出矛盾纠纷和"
        "涉法涉诉信访问题为重点，早发现、早介入、早化解。"
    )
    if resolved is not None:
        text += f"截至{md}，全镇各类矛盾纠纷化解{_cnt(resolved)}件"
        text += f"，化解率{_pct(rate)}。" if rate is not None else "。"
        if received is not None:
            text += f"{_period(as_of)}共受理矛盾纠纷{_cnt(received)}件。"
    cats = sorted(
        [
            r
            for r in D.disputes_by_category(con, as_of)
            if r.get("received") and r.get("dispute_type") not in ("其他", "未分类", None)
        ],
        key=lambda r: -r["received"],
    )
    if cats:
        text += "从类型看，" + "、".join(f"{r['dispute_type']}{r['received']}件" for r in cats[:3]) + "居前。"
    units = [
        r for r in D.disputes_by_unit(con, as_of) if r.get("unit") and r.get("resolution_rate") is not None
    ]
    if units and rate is not None:
        above = [r for r in units if r["resolution_rate"] >= rate]
        best = max(units, key=lambda r: (r["resolution_rate"], r["received"] or 0))
        text += (
            f"{len(units)}个村（社区）中，化解率不低于全镇平均的{len(above)}个，{best['unit']}最高"
            f"（{_pct(best['resolution_rate'])}）"
        )
        text += (
            f"；低于全镇平均的{len(units) - len(above)}个，需加大攻坚力度。"
            if len(above) < len(units)
            else "。"
        )
    sec.blocks.append(("p", text))
    rooms = D.hcount(ind, "mediation_rooms")
    areas = D.disputes_by_area(con, as_of)
    lv = D.town_levels(con, as_of)
    text = ""
    if rooms is not None:
        text += (
            f"探索在镇和村（社区）两级之间增设一级{rooms}个“片区品牌调解室”，由专职调解员分别负责片区"
            "村（社区）的矛盾纠纷调处、衔接、贯通工作。"
        )
    if areas:
        text += (
            "各片区化解情况为："
            + "；".join(
                f"{r['area']}受理{r['received']}件、化解{r['resolved']}件，化解率{_pct(r['resolution_rate'])}"
                for r in areas
            )
            + "。"
        )
    if lv and lv.get("resolved"):
        within_town = (
            (lv.get("village_level") or 0) + (lv.get("area_room_level") or 0) + (lv.get("town_level") or 0)
        )
        text += (
            f"从化解层级看，在村（社区）一级化解{_cnt(lv['village_level'])}件，小事不出村（社区）比例"
            f"{_pct(D.hv(ind, 'disputes_within_village_rate') or lv['within_village_rate'])}；"
            f"在镇域内化解{_cnt(within_town)}件，大事不出镇比例"
            f"{_pct(D.hv(ind, 'disputes_within_town_rate') or lv['within_town_rate'])}；"
            f"上交上级或移交{_cnt(lv['escalated'])}件，占"
            f"{_pct(D.hv(ind, 'disputes_escalated_rate') or lv['escalated_rate'])}，"
            "努力做到“小事不出村（社区），大事不出镇，矛盾不上交”。"
        )
    if text:
        sec.blocks.append(("p", text))
    if areas:
        rows = [
            [r["area"], r["mediation_room"], r["received"], r["resolved"], r["resolution_rate"]]
            for r in areas
        ]
        rows.append(
            _total_row("合计", areas, ["received", "resolved"], {4: ("resolved", "received")}, 5, lead=2)
        )
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"各片区矛盾纠纷化解情况（截至{md}）",
                    ["片区", "片区品牌调解室", "受理数（件）", "化解数（件）", "化解率（%）"],
                    rows,
                    ["text", "text", "count", "count", "rate"],
                ),
            )
        )
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
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"矛盾纠纷化解层级（截至{md}）",
                    ["化解层级", "化解数（件）", "占比（%）"],
                    lrows,
                    ["text", "count", "rate"],
                ),
            )
        )
    for name in ("dispute_rate_by_unit", "disputes_by_month", "disputes_by_category", "dispute_levels"):
        sec.blocks.append(("chart", name))

    sec.blocks.append(("sub", "（二）推行“三官一律”力量下沉"))
    visits = D.hcount(ind, "legal_visits")
    ldisp = D.hcount(ind, "legal_visit_disputes_resolved")
    consult = D.hcount(ind, "legal_consultations")
    roles = D.legal_by_role(con, as_of)
    if visits is not None:
        text = (
            "结合“党建引领、夯基惠民”工程，全镇推行“三官一律”力量下沉，带案下访，及时帮助群众解决矛盾纠纷和"
            f"涉法涉诉问题。截至目前，该镇“三官一律”共下沉{_cnt(visits)}次"
        )
        if ldisp is not None:
            text += f"，化解成功{_cnt(ldisp)}件纠纷"
        if consult is not None:
            text += f"，提供法律咨询{_cnt(consult)}次"
        text += "。"
        if roles:
            text += "其中" + "、".join(f"{r['role']}下沉{r['visits']}次" for r in roles) + "。"
        sec.blocks.append(("p", text))
    if roles:
        rows = [[r["role"], r["visits"], r["disputes_resolved"], r["consultations"]] for r in roles]
        rows.append(_total_row("合计", roles, ["visits", "disputes_resolved", "consultations"], {}, 4))
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"“三官一律”下沉工作情况（截至{md}）",
                    ["身份", "下沉次数（次）", "化解纠纷（件）", "法律咨询（次）"],
                    rows,
                    ["text", "count", "count", "count"],
                ),
            )
        )
    sec.blocks.append(("chart", "legal_visits_by_month"))

    sec.blocks.append(("sub", "（三）推进信访积案集中攻坚"))
    cases = D.hcount(ind, "petition_backlog_cases")
    pres = D.hcount(ind, "petition_backlog_resolved")
    pledged = D.hcount(ind, "petition_pledges_signed")
    if pres is not None:
        text = (
            "面对积案、旧案，转变工作思路和工作方法，对信访人提出的诉求认真分析，做好调解预案，分段式处理，"
            f"引导信访人回归理性。目前，已成功化解{_cnt(pres)}件多年信访积案"
        )
        if pledged is not None and pres and pledged >= pres:
            text += "，信访人自愿签订了息访息诉承诺书"
        elif pledged:
            text += f"，其中{_cnt(pledged)}件信访人自愿签订了息访息诉承诺书"
        text += "。"
        if cases is not None and cases > pres:
            text += f"全镇{cases}件信访积案中，尚有{cases - pres}件正在化解。"
        sec.blocks.append(("p", text))
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
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"信访积案化解情况（截至{md}）",
                    ["案件编号", "所属村（社区）", "初访时间", "状态", "化解日期", "签订承诺书"],
                    rows,
                    ["text", "text", "date", "text", "date", "text"],
                ),
            )
        )
    return sec


def _grid(con, as_of, ind, md) -> Section:
    sec = Section("四、聚焦“四下基层”，攻坚化解难题")
    grids, gunits, gorgs = (D.hcount(ind, c) for c in ("grid_count", "grid_units", "grid_party_orgs"))
    collected = D.hcount(ind, "grid_events_collected")
    closed = D.hcount(ind, "grid_events_closed")
    closure = D.hv(ind, "grid_events_closure_rate")
    on_time = D.hv(ind, "grid_events_on_time_rate")
    median = D.hv(ind, "grid_events_median_hours_to_close")
    text = "传承弘扬“四下基层”优良传统，坚持问题导向，推动从解决“一件事”向办好“一类事”延伸。"
    if grids is not None:
        text += f"东星社区以“党建引领、夯基惠民”为载体，共划分{grids}个网格"
        text += f"、{gunits}个单元" if gunits is not None else ""
        text += f"，下设{gorgs}个网格党组织" if gorgs is not None else ""
        text += "，将网格化服务管理与基层党建有机融合。"
    if collected is not None:
        text += f"截至目前，共采集事件{_cnt(collected)}件"
        if closed is not None:
            text += f"，已办结{_cnt(closed)}件"
        if closure is not None:
            text += f"，办结率{_pct(closure)}"
        if on_time is not None:
            text += f"，按期办结率{_pct(on_time)}"
        if median is not None:
            text += f"，事件办结时长中位数{median:.1f}小时"
        text += "。"
    types = sorted(
        [
            r
            for r in D.grid_by_type(con, as_of)
            if r.get("collected") and r.get("event_type") not in ("其他", "未分类", None)
        ],
        key=lambda r: -r["collected"],
    )
    if types:
        text += (
            "从事件类型看，"
            + "、".join(f"{r['event_type']}类{r['collected']}件" for r in types[:3])
            + "居前。"
        )
    sec.blocks.append(("p", text))
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
        sec.blocks.append(
            (
                "table",
                DocTable(
                    f"东星社区网格事件分类办理情况（截至{md}）",
                    [
                        "事件类型",
                        "采集（件）",
                        "办结（件）",
                        "按期办结（件）",
                        "办结率（%）",
                        "按期办结率（%）",
                    ],
                    rows,
                    ["text", "count", "count", "count", "rate", "rate"],
                ),
            )
        )
    sec.blocks.append(("chart", "grid_events_by_type"))
    sec.blocks.append(("chart", "grid_events_by_month"))
    return sec


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
    from docx.enum.style import WD_STYLE_TYPE
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

    def para_style(
        name, font, size, *, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER, keep=False, before=0, after=0
    ):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        _style_font(st, font, size, bold)
        spf = st.paragraph_format
        spf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        spf.first_line_indent = Pt(0)
        spf.alignment = align
        spf.keep_with_next = keep
        spf.space_before = Pt(before)
        spf.space_after = Pt(after)
        return st

    para_style("公文标题", S.DOC_TITLE_FONT, S.DOC_TITLE_PT, after=6)
    para_style("副标题", S.DOC_SUBHEADING_FONT, S.DOC_BODY_PT, after=18)
    para_style("表题", S.DOC_HEADING_FONT, S.DOC_CAPTION_PT, keep=True, before=8, after=4)
    para_style("图题", S.DOC_SUBHEADING_FONT, S.DOC_CAPTION_PT, before=2, after=10)
    para_style("图片", S.DOC_BODY_FONT, S.DOC_BODY_PT, keep=True, before=6)
    para_style("表格文字", S.DOC_TABLE_FONT, S.DOC_TABLE_PT)
    para_style("表格表头", S.DOC_HEADING_FONT, S.DOC_TABLE_PT)
    para_style("页码", "宋体", 14)


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

    doc.add_paragraph(f"表{number}{S.FULL_SPACE}{t.title}", style="表题")
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


def write_word_report(con, as_of, charts: dict[str, Path], path: Path) -> Path:
    """Write the 工作总结 draft (.docx) for the as-of date, embedding the given chart PNGs; return the path."""
    import docx

    as_of = S.to_date(as_of)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    charts = {k: Path(v) for k, v in (charts or {}).items()}

    doc = docx.Document()
    _setup(doc)
    _page_number_footer(doc)
    title = f"{S.TOWN}{as_of.year}年主题教育阶段性工作总结（数据稿）"
    doc.add_paragraph(title, style="公文标题")
    doc.add_paragraph(f"（{S.as_of_phrase(as_of)}）", style="副标题")
    doc.add_paragraph(
        f"第二批主题教育启动以来，镇迅速行动、积极部署，围绕“学思想、强党性、重实践、建新功”的总要求，"
        f"注重解决实际问题、抓好衔接联动。现将截至{S.month_day_zh(as_of)}的主要工作和数据情况总结如下。"
    )

    tables = figures = 0
    for sec in sections(con, as_of):
        doc.add_paragraph(sec.heading, style="Heading 1")
        for kind, item in sec.blocks:
            if kind == "sub":
                doc.add_paragraph(item, style="Heading 2")
            elif kind == "p":
                doc.add_paragraph(item)
            elif kind == "table":
                tables += 1
                _add_table(doc, item, tables)
            elif kind == "chart" and item in charts and charts[item].is_file():
                figures += 1
                _add_chart(doc, item, charts[item], figures)

    doc.add_paragraph(
        "下一步，将坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂，引导广大党员、干部把精力聚焦到"
        "加快绿色高质量发展上来，确保主题教育取得实实在在成效。"
    )
    for line in (ISSUER, S.date_zh(as_of)):  # 落款: issuing unit and date, right-aligned
        p = doc.add_paragraph(line)
        p.paragraph_format.alignment = 2  # right
        p.paragraph_format.first_line_indent = 0
    doc.add_paragraph("附：数据说明", style="Heading 2")
    doc.add_paragraph(
        f"本稿数据取自台账数据仓库，统计口径为{as_of.year}年1月1日至{S.date_zh(as_of)}，"
        "由各村（社区）及镇项目办、园区管委会、镇综治中心、东星社区网格化服务管理平台报送的台账汇总生成。"
        "文中概数按“近”“余”“约”的惯例表述，精确数据见各表；比率均为分子÷分母×100%，保留两位小数。"
        "文字部分请起草人结合工作实际修改完善。"
    )

    cp = doc.core_properties
    stamp = dt.datetime.combine(as_of, dt.time())
    cp.title, cp.author, cp.last_modified_by = title, S.TOWN, S.TOWN
    cp.subject, cp.keywords = "主题教育阶段性工作总结（数据稿）", "台账;工作总结"
    cp.comments = "由台账系统根据数据集市生成"
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    cp.revision = 1
    with atomic(path) as tmp:
        doc.save(str(tmp))
    return path
