"""Write the packaged Word template reports/templates/工作情况汇报.docx (run after editing the text below).

    .venv/bin/python -m taizhang.reports.make_template [OUT]

The template is the 工作总结's text with Jinja placeholders ({{ disputes_resolved }} …) that
reports/word_report.py fills with the figures of the marts (docxtpl). An office may edit a copy in Word or
WPS and save it as <home>/templates/工作情况汇报.docx: the next report then uses their text. Each paragraph
is one run here, so every placeholder stays whole; `{% if … %}…{% endif %}` leaves out a sentence whose
figures are missing.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from . import word_report as W

TITLE = "{{ town }}{{ year }}年主题教育阶段性工作总结（数据稿）"
SUBTITLE = "（截至{{ as_of_date }}）"

# (style, text): "p" body paragraph, "h1" / "h2" headings, the other names are styles of the template
BODY: list[tuple[str, str]] = [
    (
        "p",
        "第二批主题教育启动以来，镇迅速行动、积极部署，围绕“学思想、强党性、重实践、建新功”的总要求，"
        "注重解决实际问题、抓好衔接联动。现将截至{{ month_day }}的主要工作和数据情况总结如下"
        "（精确数据见附表）。",
    ),
    ("h1", "一、聚焦理论学习，提高政治站位"),
    (
        "p",
        "镇党委把开展主题教育作为重要政治任务抓紧抓实，{{ party_orgs }}个党组织常态化开展理论学习，"
        "结合“三会一课”“主题党日”等组织生活，推进主题教育各项工作任务落实落地。",
    ),
    (
        "p",
        "截至{{ month_day }}，各党组织共开展组织生活{{ party_activities }}次，应到{{ party_expected }}人次、"
        "实到{{ party_attended }}人次，参学率{{ party_attendance_rate }}。"
        "{% if party_top_types %}其中{{ party_top_types }}。{% endif %}"
        "{% if party_best_org %}参学率最高的是{{ party_best_org }}（{{ party_best_rate }}）"
        "{% if party_orgs_below %}，{{ party_orgs_below }}个党组织参学率低于全镇平均水平，需进一步压实责任"
        "{% endif %}。{% endif %}",
    ),
    ("h1", "二、聚焦服务大局，奋力干事创业"),
    ("h2", "（一）全力推动重点项目建设"),
    (
        "p",
        "镇立足“一区一园”，全力推动重点项目建设提速。{{ year }}年度，全镇重点项目{{ key_projects_total }}个，"
        "其中在建项目{{ key_projects_in_construction }}个、预备项目{{ key_projects_preparatory }}个、"
        "前期项目{{ key_projects_preliminary }}个；园区{{ year }}年重点项目{{ park_projects_total }}个，"
        "其中在建项目{{ park_projects_in_construction }}个、预备{{ park_projects_preparatory }}个、"
        "前期{{ park_projects_preliminary }}个。",
    ),
    (
        "p",
        "镇重点项目年度计划投资{{ key_projects_plan }}、累计完成投资{{ key_projects_done }}，"
        "投资完成率{{ key_projects_rate }}，{{ key_projects_schedule }}；园区重点项目年度计划投资"
        "{{ park_projects_plan }}、累计完成投资{{ park_projects_done }}，投资完成率{{ park_projects_rate }}，"
        "{{ park_projects_schedule }}。分阶段看，镇在建项目投资完成率{{ key_projects_building_rate }}，"
        "园区在建项目投资完成率{{ park_projects_building_rate }}。",
    ),
    ("h2", "（二）提升乡村振兴示范带动作用"),
    (
        "p",
        "理清产业发展思路，创建乡村振兴精品示范线，打造“串点连线成片”省级精品线路，"
        "总里程{{ showcase_line_km }}公里。",
    ),
    ("h1", "三、聚焦矛盾化解，维护和谐稳定"),
    ("h2", "（一）矛盾纠纷排查化解"),
    (
        "p",
        "镇狠抓社会矛盾纠纷化解工作，以化解山林权属、征地拆迁、土地承包、婚姻家庭、邻里纠纷等突出矛盾纠纷和"
        "涉法涉诉信访问题为重点，早发现、早介入、早化解。截至{{ month_day }}，全镇各类矛盾纠纷化解"
        "{{ disputes_resolved }}件，化解率{{ dispute_resolution_rate }}。{{ period }}共受理矛盾纠纷"
        "{{ disputes_received }}件。{% if dispute_top_types %}从类型看，{{ dispute_top_types }}居前。{% endif %}"
        "{% if units_count %}{{ units_count }}个村（社区）中，化解率不低于全镇平均的{{ units_above }}个，"
        "{{ best_unit }}最高（{{ best_unit_rate }}）{% if units_below %}；低于全镇平均的{{ units_below }}个，"
        "需加大攻坚力度{% endif %}。{% endif %}",
    ),
    (
        "p",
        "探索在镇和村（社区）两级之间增设一级{{ mediation_rooms }}个“片区品牌调解室”，由专职调解员分别负责"
        "片区村（社区）的矛盾纠纷调处、衔接、贯通工作。"
        "{% if area_results %}各片区化解情况为：{{ area_results }}。{% endif %}"
        "{% if levels %}从化解层级看，在村（社区）一级化解{{ village_level }}件，小事不出村（社区）比例"
        "{{ within_village_rate }}；在镇域内化解{{ within_town }}件，大事不出镇比例{{ within_town_rate }}；"
        "上交上级或移交{{ escalated }}件，占{{ escalated_rate }}，努力做到“小事不出村（社区），大事不出镇，"
        "矛盾不上交”。{% endif %}",
    ),
    ("h2", "（二）推行“三官一律”力量下沉"),
    (
        "p",
        "结合“党建引领、夯基惠民”工程，全镇推行“三官一律”力量下沉，带案下访，及时帮助群众解决矛盾纠纷和"
        "涉法涉诉问题。截至目前，该镇“三官一律”共下沉{{ legal_visits }}次，化解成功"
        "{{ legal_visit_disputes_resolved }}件纠纷，提供法律咨询{{ legal_consultations }}次。"
        "{% if legal_roles %}其中{{ legal_roles }}。{% endif %}",
    ),
    ("h2", "（三）推进信访积案集中攻坚"),
    (
        "p",
        "面对积案、旧案，转变工作思路和工作方法，对信访人提出的诉求认真分析，做好调解预案，分段式处理，"
        "引导信访人回归理性。目前，已成功化解{{ petition_backlog_resolved }}件多年信访积案"
        "{% if all_pledged %}，信访人自愿签订了息访息诉承诺书{% elif some_pledged %}，其中"
        "{{ petition_pledges_signed }}件信访人自愿签订了息访息诉承诺书{% endif %}。"
        "{% if petitions_open %}全镇{{ petition_backlog_cases }}件信访积案中，尚有{{ petitions_open }}件"
        "正在化解。{% endif %}",
    ),
    ("h1", "四、聚焦“四下基层”，攻坚化解难题"),
    (
        "p",
        "传承弘扬“四下基层”优良传统，坚持问题导向，推动从解决“一件事”向办好“一类事”延伸。东星社区以"
        "“党建引领、夯基惠民”为载体，共划分{{ grid_count }}个网格、{{ grid_units }}个单元，下设"
        "{{ grid_party_orgs }}个网格党组织，将网格化服务管理与基层党建有机融合。截至目前，共采集事件"
        "{{ grid_events_collected }}件，已办结{{ grid_events_closed }}件，办结率{{ grid_events_closure_rate }}，"
        "按期办结率{{ grid_events_on_time_rate }}，事件办结时长中位数{{ grid_median_hours }}小时。"
        "{% if grid_top_types %}从事件类型看，{{ grid_top_types }}居前。{% endif %}",
    ),
    (
        "p",
        "下一步，将坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂，引导广大党员、干部把精力聚焦到"
        "加快绿色高质量发展上来，确保主题教育取得实实在在成效。",
    ),
    ("空行", ""),
    ("落款", "{{ issuer }}"),
    ("落款", "{{ date }}"),
    ("附件标题", "附表和附图"),
    (
        "p",
        "数据说明：本稿数据取自台账数据仓库，统计口径为{{ year }}年1月1日至{{ as_of_date }}，由各村（社区）及"
        "镇项目办、园区管委会、镇综治中心、东星社区网格化服务管理平台报送的台账汇总生成。文中概数按“近”“余”"
        "“约”的惯例表述，精确数据见下列各表；比率均为分子÷分母×100%，保留两位小数。文字部分请起草人结合"
        "工作实际修改完善。",
    ),
    ("p0", "{{ appendix }}"),
]


def build(out: Path) -> Path:
    """Write the template to `out`."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    W._setup(doc)
    W._page_number_footer(doc)
    doc.add_paragraph(TITLE, style="公文标题")
    doc.add_paragraph(SUBTITLE, style="副标题")
    styles = {"p": "Normal", "p0": "Normal", "h1": "Heading 1", "h2": "Heading 2", "空行": "Normal"}
    for kind, text in BODY:
        p = doc.add_paragraph(text, style=styles.get(kind, kind))
        if kind == "附件标题":
            p.paragraph_format.page_break_before = True  # the 附表 start on a page of their own
        if kind == "p0":
            p.paragraph_format.first_line_indent = Pt(0)
    cp = doc.core_properties
    stamp = dt.datetime(2023, 1, 1)
    cp.title, cp.author, cp.last_modified_by = "工作情况汇报（模板）", W.S.TOWN, W.S.TOWN
    cp.comments = "台账系统的工作总结模板：双花括号中的名称由系统填入数字，其余文字可自行修改"
    cp.created = cp.modified = cp.last_printed = stamp
    cp.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the template (default: the packaged path) and say where."""
    args = sys.argv[1:] if argv is None else argv
    out = build(Path(args[0]) if args else W.PACKAGED_TEMPLATE)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
