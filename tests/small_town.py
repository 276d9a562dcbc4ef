"""A small inbox with one file of each ledger kind and known figures, for pipeline tests."""

import datetime as dt
from pathlib import Path

from builders import DISPUTE_HEADER, write_csv, write_xlsx


def write_small_town(inbox: Path) -> dict:
    """Writes the files; returns the figures they imply as of 2023-10-31."""
    disputes = [
        ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEADER,
        [1, "2023-10-02", "邻里纠纷", "张三", "", "排水", "村", "已化解", "2023-10-05", None],
        [2, "2023-10-03", "婚姻家庭", "李四", "", "离婚", "片区调解室", "已化解", "2023-10-20", None],
        [3, "2023-10-04", "劳资纠纷", "王五", "", "欠薪", "镇", "化解中", None, None],
        [4, "2023-09-04", "山林权属", "赵六", "", "界址", "上级", "已移交", None, None],
    ]
    write_xlsx(inbox / "林山村-矛盾纠纷-2023年10月.xlsx", {"10月": disputes})
    write_xlsx(
        inbox / "东星社区-矛盾纠纷-2023年10月.xlsx",
        {
            "Sheet1": [
                ["填报单位：东星居委会"],
                DISPUTE_HEADER,
                [1, "2023.10.9", "征地拆迁", "钱七", "", "补偿", "村", "调解成功", "2023.10.10", None],
            ]
        },
    )
    visits = [
        ["“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        ["日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"],
        ["2023-10-09", "陈某", "法官", "西天尾法庭", "林山村", "带案下访", 1, 3],
        ["2023-10-10", "林某", "律师", "律所", "东星社区", "法律咨询", 0, 5],
        ["2023-10-11", "黄某", "民警", "派出所", "龙山", "普法", 2, 0],
    ]
    write_xlsx(inbox / "镇综治中心-三官一律-2023年10月.xlsx", {"Sheet1": visits})
    projects = [
        ["2023年10月镇重点项目台账"],
        ["填报单位：镇项目办"],
        ["项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        ["双洋鞋业扩建", "续建", 20000, 5000, 4500],
        ["乡村振兴示范线", "前期", 3000, 1000, 100],
        ["某预备项目", "预备", 800, 200, 0],
    ]
    write_xlsx(inbox / "镇项目办-重点项目-2023年10月.xlsx", {"Sheet1": projects})
    petitions = [
        ["信访积案台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        [
            "案件编号",
            "信访人",
            "反映问题",
            "初访时间",
            "包案领导",
            "状态",
            "化解日期",
            "是否签订息访息诉承诺书",
        ],
        ["XF2019-01", "某某", "土地", "2019-03-01", "王某", "已化解", "2023-06-01", "是"],
        ["XF2020-02", "某某", "拆迁", "2020-05-01", "李某", "化解中", None, "否"],
    ]
    write_xlsx(inbox / "镇综治中心-信访积案-2023年10月.xlsx", {"Sheet1": petitions})
    header = [
        "事件编号",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "状态",
        "事件描述",
        "上报人",
    ]
    write_csv(
        inbox / "东星社区网格事件_202310.csv",
        [
            header,
            [
                "SJ1",
                "第1网格",
                "治安防控",
                "2023-10-02 09:00",
                "2023-10-05 09:00",
                "2023-10-03 09:00",
                "已办结",
                "x",
                "陈某",
            ],
            [
                "SJ2",
                "第2网格",
                "服务群众",
                "2023-10-03 09:00",
                "2023-10-04 09:00",
                "2023-10-06 09:00",
                "已办结",
                "y",
                "林某",
            ],
            ["SJ3", "第2网格", "生态环境", "2023-10-30 09:00", "2023-11-02 09:00", "", "办理中", "z", "林某"],
        ],
        "gbk",
    )
    party = [
        ["林山村党支部2023年10月“三会一课”台账"],
        ["活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"],
        ["支委会", "2023-10-08", "村部", "学习", 5, 5, "林某"],
        ["主题党日", "2023-10-15", "村部", "学习", 30, 27, "林某"],
    ]
    write_xlsx(inbox / "林山村-三会一课-2023年10月.xlsx", {"Sheet1": party})
    return {
        "as_of": dt.date(2023, 10, 31),
        "disputes_received": 5,
        "disputes_resolved": 3,
        "dispute_resolution_rate": 60.0,
        "legal_visits": 3,
        "legal_visit_disputes_resolved": 3,
        "legal_consultations": 8,
        "key_projects_total": 3,
        "key_projects_in_construction": 1,
        "petition_backlog_cases": 2,
        "petition_backlog_resolved": 1,
        "petition_pledges_signed": 1,
        "grid_events_collected": 3,
        "grid_events_closed": 2,
        "grid_events_on_time_rate": 50.0,
        "party_activities": 2,
        "party_attendance_rate": round(100 * 32 / 35, 2),
        "grid_count": 33,
        "grid_units": 446,
        "grid_party_orgs": 24,
        "mediation_rooms": 4,
    }
