"""A small warehouse with only the marts of docs/warehouse.md, filled with hand-picked values.

The figures are those of the seed document as of 2023-11-03 (471 disputes received, 399 resolved, 84.71 %;
三官一律 973 visits / 206 disputes / 764 consultations; 60 town and 32 park projects; 33 grids, 446 units,
24 grid party organisations, 16,213 events; 22 party organisations; 6 petition cases resolved). Aggregates
that must agree (area ↔ unit, stage ↔ project list, town ↔ parts) are derived from the same lists.

Other tests can reuse it:

    con = duckdb.connect()
    build_report_marts(con)            # as of 2023-11-03, plus a decoy copy as of 2023-11-30
    EXPECTED["disputes_received"]      # 471
"""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2023, 11, 3)
DECOY_AS_OF = dt.date(2023, 11, 30)  # a second run in the same tables: reports must not mix it in
TOWN = "西天尾镇"

MARTS_DDL = {
    "headline_indicators": "as_of DATE, scope_kind VARCHAR, scope VARCHAR, indicator VARCHAR, name_zh VARCHAR, "
    "numerator DOUBLE, denominator DOUBLE, value DOUBLE, unit VARCHAR",
    "dispute_resolution_by_unit": "as_of DATE, area VARCHAR, unit_id VARCHAR, unit VARCHAR, unit_type VARCHAR, "
    "received INTEGER, resolved INTEGER, open INTEGER, not_resolved INTEGER, "
    "resolution_rate DOUBLE",
    "dispute_resolution_by_area": "as_of DATE, area VARCHAR, mediation_room VARCHAR, units INTEGER, "
    "received INTEGER, resolved INTEGER, resolution_rate DOUBLE",
    "dispute_resolution_by_category": "as_of DATE, dispute_type VARCHAR, received INTEGER, resolved INTEGER, "
    "resolution_rate DOUBLE",
    "dispute_resolution_by_month": "as_of DATE, month VARCHAR, received INTEGER, resolved INTEGER, "
    "cumulative_received INTEGER, cumulative_resolved INTEGER, "
    "cumulative_rate DOUBLE, received_mom_pct DOUBLE",
    "dispute_levels": "as_of DATE, scope_kind VARCHAR, scope VARCHAR, resolved INTEGER, village_level INTEGER, "
    "area_room_level INTEGER, town_level INTEGER, escalated INTEGER, unknown_level INTEGER, "
    "within_village_rate DOUBLE, within_town_rate DOUBLE, escalated_rate DOUBLE",
    "legal_visits_by_month": "as_of DATE, month VARCHAR, visits INTEGER, disputes_resolved INTEGER, "
    "consultations INTEGER, visits_mom_pct DOUBLE",
    "legal_visits_by_role": "as_of DATE, role VARCHAR, visits INTEGER, disputes_resolved INTEGER, "
    "consultations INTEGER",
    "petition_backlog": "as_of DATE, case_id VARCHAR, unit VARCHAR, first_visit_date DATE, status VARCHAR, "
    "resolved_date DATE, pledge_signed BOOLEAN, leader_masked VARCHAR, responsible_unit VARCHAR",
    "key_projects": "as_of DATE, zone VARCHAR, project_name VARCHAR, stage VARCHAR, total_investment DOUBLE, "
    "annual_plan DOUBLE, completed_investment DOUBLE, completion_rate DOUBLE, schedule_rate DOUBLE, "
    "ahead_of_schedule DOUBLE, responsible_unit VARCHAR",
    "key_projects_by_stage": "as_of DATE, zone VARCHAR, stage VARCHAR, projects INTEGER, total_investment DOUBLE, "
    "annual_plan DOUBLE, completed_investment DOUBLE, completion_rate DOUBLE, "
    "schedule_rate DOUBLE, ahead_of_schedule DOUBLE",
    "grid_events_by_grid": "as_of DATE, grid_id VARCHAR, grid VARCHAR, collected INTEGER, closed INTEGER, "
    "closed_on_time INTEGER, closure_rate DOUBLE, on_time_rate DOUBLE, "
    "median_hours_to_close DOUBLE",
    "grid_events_by_type": "as_of DATE, event_type VARCHAR, collected INTEGER, closed INTEGER, "
    "closed_on_time INTEGER, closure_rate DOUBLE, on_time_rate DOUBLE, "
    "median_hours_to_close DOUBLE",
    "grid_events_by_month": "as_of DATE, month VARCHAR, collected INTEGER, closed INTEGER, closed_on_time INTEGER, "
    "closure_rate DOUBLE, on_time_rate DOUBLE, median_hours_to_close DOUBLE, "
    "collected_mom_pct DOUBLE",
    "party_activities_by_org": "as_of DATE, party_org_id VARCHAR, org VARCHAR, org_type VARCHAR, "
    "activities INTEGER, expected INTEGER, attended INTEGER, attendance_rate DOUBLE",
    "party_activities_by_type": "as_of DATE, activity_type VARCHAR, activities INTEGER, expected INTEGER, "
    "attended INTEGER, attendance_rate DOUBLE",
    "submission_completeness": "as_of DATE, sender VARCHAR, unit_id VARCHAR, ledger VARCHAR, month VARCHAR, "
    "status VARCHAR, files INTEGER, rows INTEGER",
    "overdue_disputes": "as_of DATE, unit VARCHAR, area VARCHAR, record_key VARCHAR, received_date DATE, "
    "days_open INTEGER, dispute_type VARCHAR, level VARCHAR, file_name VARCHAR, sheet VARCHAR, "
    "row_number INTEGER",
    "overdue_grid_events": "as_of DATE, grid VARCHAR, event_id VARCHAR, event_type VARCHAR, reported_at TIMESTAMP, "
    "deadline TIMESTAMP, hours_overdue DOUBLE, status VARCHAR, file_name VARCHAR, "
    "sheet VARCHAR, row_number INTEGER",
}

# area, unit_id, unit, unit_type, received, resolved
UNITS = [
    ("城东片区", "dongxing", "东星社区", "社区", 58, 52),
    ("城东片区", "houhuang", "后黄社区", "社区", 36, 31),
    ("城东片区", "xibai", "溪白社区", "社区", 31, 25),
    ("城东片区", "chengzhu", "澄渚社区", "社区", 27, 23),
    ("城东片区", "weiyang", "渭阳社区", "社区", 22, 19),
    ("城西片区", "linfeng", "林峰社区", "社区", 34, 28),
    ("城西片区", "longshan", "龙山村", "村", 25, 22),
    ("城西片区", "wujiang", "吴江村", "村", 23, 18),
    ("城西片区", "beida", "北大村", "村", 20, 17),
    ("北部片区", "donghu", "洞湖村", "村", 30, 25),
    ("北部片区", "houzhuo", "后卓村", "村", 21, 18),
    ("北部片区", "wanyang", "碗洋村", "村", 18, 16),
    ("北部片区", "sanshan", "三山村", "村", 16, 13),
    ("南部片区", "houpu", "后埔村", "村", 33, 29),
    ("南部片区", "xiangfeng", "象峰村", "村", 28, 24),
    ("南部片区", "xiacha", "下垞村", "村", 26, 21),
    ("南部片区", "linshan", "林山村", "村", 23, 18),
]
AREA_ROOMS = {
    "城东片区": "东星片区“和顺”品牌调解室",
    "城西片区": "林峰片区“和美”品牌调解室",
    "北部片区": "洞湖片区“和睦”品牌调解室",
    "南部片区": "下垞片区“和谐”品牌调解室",
}
CATEGORIES = [
    ("山林权属", 48, 40),
    ("征地拆迁", 62, 49),
    ("土地承包", 57, 48),
    ("婚姻家庭", 84, 75),
    ("邻里纠纷", 139, 124),
    ("涉法涉诉信访", 21, 12),
    ("其他", 60, 51),
]
MONTHS = [f"2023-{m:02d}" for m in range(1, 12)]
DISPUTE_RECEIVED = [40, 37, 50, 47, 49, 45, 52, 48, 46, 51, 6]
DISPUTE_RESOLVED = [28, 33, 41, 42, 44, 40, 45, 43, 40, 38, 5]
LEGAL_VISITS = [86, 78, 96, 94, 98, 101, 100, 102, 104, 106, 8]
LEGAL_DISPUTES = [18, 16, 20, 19, 21, 22, 20, 22, 22, 24, 2]
LEGAL_CONSULT = [66, 60, 75, 73, 76, 79, 78, 80, 82, 89, 6]
ROLES = [("法官", 180, 52, 120), ("检察官", 150, 30, 110), ("警官", 410, 84, 214), ("律师", 233, 40, 320)]
# case_id, unit, first visit, status (as the mart writes it), resolved date, pledge, responsible unit
PETITIONS = [
    ("XF-2016-007", "后黄社区", dt.date(2016, 4, 12), "已化解", dt.date(2023, 3, 28), True, "镇综治中心"),
    ("XF-2017-002", "洞湖村", dt.date(2017, 9, 5), "已化解", dt.date(2023, 5, 16), True, "镇自然资源所"),
    ("XF-2018-011", "林山村", dt.date(2018, 2, 27), "已化解", dt.date(2023, 6, 30), True, "镇农业服务中心"),
    ("XF-2019-004", "后埔村", dt.date(2019, 7, 19), "已化解", dt.date(2023, 8, 9), True, "镇项目办"),
    ("XF-2020-013", "吴江村", dt.date(2020, 11, 2), "已化解", dt.date(2023, 9, 21), True, "镇司法所"),
    ("XF-2021-006", "东星社区", dt.date(2021, 3, 15), "已化解", dt.date(2023, 10, 26), True, "东星社区"),
    ("XF-2021-009", "碗洋村", dt.date(2021, 6, 8), "化解中", None, False, "镇综治中心"),
    ("XF-2022-003", "象峰村", dt.date(2022, 1, 20), "化解中", None, False, "镇信访办"),
]
GRID_TYPES = [
    ("维护稳定", 1210),
    ("治安防控", 2835),
    ("公共安全", 2416),
    ("生态环境", 3102),
    ("服务群众", 5960),
    ("其他", 690),
]
GRID_MONTHS = [1564, 1479, 1614, 1586, 1645, 1582, 1624, 1659, 1604, 1696, 160]
PARTY_ORGS = [  # party_org_id, org, org_type, activities, expected, attended
    ("P01", "东星社区党委", "社区党组织", 46, 2530, 2318),
    ("P02", "后黄社区党支部", "社区党组织", 38, 1406, 1297),
    ("P03", "溪白社区党支部", "社区党组织", 35, 1190, 1082),
    ("P04", "澄渚社区党支部", "社区党组织", 33, 990, 903),
    ("P05", "林峰社区党支部", "社区党组织", 34, 1122, 1019),
    ("P06", "渭阳社区党支部", "社区党组织", 31, 868, 797),
    ("P07", "龙山村党支部", "村党组织", 30, 930, 842),
    ("P08", "吴江村党支部", "村党组织", 29, 812, 731),
    ("P09", "北大村党支部", "村党组织", 28, 756, 672),
    ("P10", "洞湖村党支部", "村党组织", 32, 1024, 929),
    ("P11", "后卓村党支部", "村党组织", 27, 702, 640),
    ("P12", "碗洋村党支部", "村党组织", 26, 650, 581),
    ("P13", "三山村党支部", "村党组织", 26, 624, 560),
    ("P14", "后埔村党支部", "村党组织", 31, 961, 878),
    ("P15", "象峰村党支部", "村党组织", 29, 841, 766),
    ("P16", "下垞村党支部", "村党组织", 30, 900, 818),
    ("P17", "林山村党支部", "村党组织", 29, 812, 739),
    ("P18", "镇机关党支部", "机关党组织", 36, 1620, 1548),
    ("P19", "园区党委", "园区党组织", 30, 1050, 961),
    ("P20", "中心小学党支部", "学校党组织", 28, 672, 640),
    ("P21", "卫生院党支部", "卫生院党组织", 26, 598, 555),
    ("P22", "非公企业联合党支部", "非公企业党组织", 24, 528, 459),
]
ACTIVITY_SHARES = [
    ("支委会", 0.30),
    ("党员大会", 0.10),
    ("党小组会", 0.20),
    ("党课", 0.12),
    ("主题党日", 0.16),
    ("专题培训", 0.07),
    ("现场教学", 0.05),
]
PROJECT_STAGES = {
    "镇": [("在建", 15), ("预备", 12), ("前期", 33)],
    "园区": [("在建", 17), ("预备", 4), ("前期", 11)],
}
PROJECT_WORDS = [
    "鞋业扩建",
    "智能制造产业园",
    "乡村振兴示范线提升",
    "农贸市场改造",
    "污水管网完善",
    "安置房",
    "道路拓宽改造",
    "电子信息产业园",
    "冷链物流中心",
    "学校扩容",
    "卫生院综合楼",
    "文化广场",
    "体育公园",
    "新能源装备",
    "食品加工基地",
    "标准厂房",
]
SCHEDULE_RATE = 83.33  # 10 of 12 months elapsed (the marts decide; the reports only read it)

EXPECTED = {
    "disputes_received": 471,
    "disputes_resolved": 399,
    "dispute_resolution_rate": 84.71,
    "legal_visits": 973,
    "legal_visit_disputes_resolved": 206,
    "legal_consultations": 764,
    "petition_backlog_cases": 8,
    "petition_backlog_resolved": 6,
    "petition_pledges_signed": 6,
    "key_projects_total": 60,
    "key_projects_in_construction": 15,
    "key_projects_preparatory": 12,
    "key_projects_preliminary": 33,
    "park_projects_total": 32,
    "park_projects_in_construction": 17,
    "park_projects_preparatory": 4,
    "park_projects_preliminary": 11,
    "grid_count": 33,
    "grid_units": 446,
    "grid_party_orgs": 24,
    "grid_events_collected": 16213,
    "party_orgs": 22,
    "mediation_rooms": 4,
    "showcase_line_km": 30,
}


def _rate(n, d):
    return None if not d else round(n * 100.0 / d + 1e-9, 2)


def _split_unresolved(received, resolved):
    left = received - resolved
    open_ = (2 * left + 2) // 3
    return open_, left - open_


def _level_split(i, resolved):
    village = round(resolved * 0.66)
    room = round(resolved * 0.21)
    escalated = 1 if resolved >= 20 else 0
    unknown = 1 if i % 8 == 0 else 0
    town = resolved - village - room - escalated - unknown
    return village, room, town, escalated, unknown


def _projects():
    out = []
    k = 0
    for zone, stages in PROJECT_STAGES.items():
        for stage, n in stages:
            for j in range(n):
                k += 1
                word = PROJECT_WORDS[(k * 7) % len(PROJECT_WORDS)]
                name = f"{'园区' if zone == '园区' else '镇'}{word}项目（{k:02d}）"
                total = 2000.0 + (k * 1379) % 48000
                plan = round(total * (0.18 + (k % 5) * 0.04), 2)
                share = {
                    "在建": 0.72 + (k % 7) * 0.06,
                    "预备": 0.25 + (k % 4) * 0.05,
                    "前期": (k % 6) * 0.03,
                }[stage]
                done = round(plan * share, 2)
                comp = _rate(done, plan)
                out.append(
                    (
                        zone,
                        name,
                        stage,
                        total,
                        plan,
                        done,
                        comp,
                        SCHEDULE_RATE,
                        round(comp - SCHEDULE_RATE, 2),
                        "镇项目办" if zone == "镇" else "园区管委会",
                    )
                )
                _ = j
    return out


def _grids():
    out = []
    total = EXPECTED["grid_events_collected"]
    for g in range(1, 34):
        collected = 480 + (g * 37) % 25 if g < 33 else None
        out.append([f"G{g:02d}", f"东星第{g}网格", collected])
    out[-1][2] = total - sum(r[2] for r in out[:-1])
    rows = []
    for gid, name, collected in out:
        g = int(gid[1:])
        closed = collected - (g % 5 + 3)
        on_time = closed - ((g * 7) % 20 + 5)
        rows.append(
            (
                gid,
                name,
                collected,
                closed,
                on_time,
                _rate(closed, collected),
                _rate(on_time, closed),
                20.0 + (g * 13) % 30 + 0.5,
            )
        )
    return rows


def _headline(as_of, parts):
    ind = []

    def add(code, name, value, unit, num=None, den=None, scope_kind="town", scope=TOWN):
        ind.append((as_of, scope_kind, scope, code, name, num, den, value, unit))

    received, resolved = parts["received"], parts["resolved"]
    add("disputes_received", "矛盾纠纷受理数", received, "件", received)
    add("disputes_resolved", "矛盾纠纷化解数", resolved, "件", resolved)
    add("dispute_resolution_rate", "矛盾纠纷化解率", _rate(resolved, received), "%", resolved, received)
    lv = parts["levels"]
    add(
        "disputes_within_village_rate", "小事不出村（社区）比例", _rate(lv[0], resolved), "%", lv[0], resolved
    )
    add(
        "disputes_within_town_rate",
        "大事不出镇比例",
        _rate(lv[0] + lv[1] + lv[2], resolved),
        "%",
        lv[0] + lv[1] + lv[2],
        resolved,
    )
    add("disputes_escalated_rate", "上级/移交占比", _rate(lv[3], resolved), "%", lv[3], resolved)
    add("legal_visits", "“三官一律”下沉次数", sum(LEGAL_VISITS), "次", sum(LEGAL_VISITS))
    add(
        "legal_visit_disputes_resolved",
        "“三官一律”化解纠纷数",
        sum(LEGAL_DISPUTES),
        "件",
        sum(LEGAL_DISPUTES),
    )
    add("legal_consultations", "“三官一律”法律咨询数", sum(LEGAL_CONSULT), "次", sum(LEGAL_CONSULT))
    add("petition_backlog_cases", "信访积案数", len(PETITIONS), "件", len(PETITIONS))
    n_res = sum(1 for p in PETITIONS if p[3] == "已化解")
    add("petition_backlog_resolved", "信访积案化解数", n_res, "件", n_res)
    add("petition_pledges_signed", "签订息访息诉承诺书数", sum(1 for p in PETITIONS if p[5]), "件")
    for zone, prefix, zname in (
        ("镇", "key_projects", "镇重点项目"),
        ("园区", "park_projects", "园区重点项目"),
    ):
        st = dict(PROJECT_STAGES[zone])
        add(f"{prefix}_total", f"{zname}数", sum(st.values()), "个")
        add(f"{prefix}_in_construction", f"{zname}在建数", st["在建"], "个")
        add(f"{prefix}_preparatory", f"{zname}预备数", st["预备"], "个")
        add(f"{prefix}_preliminary", f"{zname}前期数", st["前期"], "个")
        plan, done = parts["invest"][zone]
        comp = _rate(done, plan)
        add(f"{prefix}_investment_completion_rate", f"{zname}投资完成率", comp, "%", done, plan)
        add(f"{prefix}_ahead_of_schedule", f"{zname}超序时进度", round(comp - SCHEDULE_RATE, 2), "个百分点")
    g = parts["grid"]
    add("grid_count", "网格数", 33, "个")
    add("grid_units", "网格单元数", 446, "个")
    add("grid_party_orgs", "网格党组织数", 24, "个")
    add("grid_events_collected", "网格事件采集数", g["collected"], "件", g["collected"])
    add("grid_events_closed", "网格事件办结数", g["closed"], "件", g["closed"])
    add(
        "grid_events_closure_rate",
        "网格事件办结率",
        _rate(g["closed"], g["collected"]),
        "%",
        g["closed"],
        g["collected"],
    )
    add(
        "grid_events_on_time_rate",
        "网格事件按期办结率",
        _rate(g["on_time"], g["closed"]),
        "%",
        g["on_time"],
        g["closed"],
    )
    add("grid_events_median_hours_to_close", "网格事件办结时长中位数", 31.5, "小时")
    p = parts["party"]
    add("party_orgs", "党组织数", len(PARTY_ORGS), "个")
    add("party_activities", "党组织活动次数", p["activities"], "次", p["activities"])
    add(
        "party_attendance_rate",
        "参学率",
        _rate(p["attended"], p["expected"]),
        "%",
        p["attended"],
        p["expected"],
    )
    add("mediation_rooms", "片区品牌调解室", 4, "个")
    add("showcase_line_km", "乡村振兴精品示范线总里程", 30, "公里")
    for area, room in AREA_ROOMS.items():  # a few non-town rows, as the real mart has them
        rec = sum(u[4] for u in UNITS if u[0] == area)
        res = sum(u[5] for u in UNITS if u[0] == area)
        add("dispute_resolution_rate", "矛盾纠纷化解率", _rate(res, rec), "%", res, rec, "area", area)
        _ = room
    return ind


def _insert(con, table, rows):
    if not rows:
        return
    ncol = len(rows[0])
    con.executemany(f"INSERT INTO marts.{table} VALUES ({', '.join(['?'] * ncol)})", [list(r) for r in rows])


def build_report_marts(con, as_of: dt.date = AS_OF, *, decoy: bool = True):
    """Create schema marts with every mart table and fill the as-of rows (and a decoy as-of)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS marts")
    for table, cols in MARTS_DDL.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS marts.{table} ({cols})")
    _fill(con, as_of)
    if decoy:
        _fill(con, DECOY_AS_OF, factor=2)
    return con


def _fill(con, as_of, factor: int = 1):
    f = factor
    unit_rows, level_rows = [], []
    for i, (area, uid, unit, utype, rec, res) in enumerate(UNITS):
        rec, res = rec * f, res * f
        o, nr = _split_unresolved(rec, res)
        unit_rows.append((as_of, area, uid, unit, utype, rec, res, o, nr, _rate(res, rec)))
        v, r, t, e, u = _level_split(i, res)
        level_rows.append(
            (as_of, "unit", unit, res, v, r, t, e, u, _rate(v, res), _rate(v + r + t, res), _rate(e, res))
        )
    _insert(con, "dispute_resolution_by_unit", unit_rows)

    def level_sum(rows_, kind, scope):
        s = [sum(r[k] for r in rows_) for k in range(3, 9)]
        res, v, r, t, e, u = s
        return (as_of, kind, scope, res, v, r, t, e, u, _rate(v, res), _rate(v + r + t, res), _rate(e, res))

    area_rows, area_levels = [], []
    for area, room in AREA_ROOMS.items():
        us = [u for u in unit_rows if u[1] == area]
        rec, res = sum(u[5] for u in us), sum(u[6] for u in us)
        area_rows.append((as_of, area, room, len(us), rec, res, _rate(res, rec)))
        names = {u[3] for u in us}
        area_levels.append(level_sum([lr for lr in level_rows if lr[2] in names], "area", area))
    _insert(con, "dispute_resolution_by_area", area_rows)
    town_level = level_sum(level_rows, "town", TOWN)
    _insert(con, "dispute_levels", [town_level, *area_levels, *level_rows])

    _insert(
        con,
        "dispute_resolution_by_category",
        [(as_of, t, rec * f, res * f, _rate(res, rec)) for t, rec, res in CATEGORIES],
    )

    month_rows, cr, cs, prev = [], 0, 0, None
    for m, rec, res in zip(MONTHS, DISPUTE_RECEIVED, DISPUTE_RESOLVED, strict=True):
        rec, res = rec * f, res * f
        cr, cs = cr + rec, cs + res
        mom = None if prev is None else round((rec - prev) * 100.0 / prev, 2)
        month_rows.append((as_of, m, rec, res, cr, cs, _rate(cs, cr), mom))
        prev = rec
    _insert(con, "dispute_resolution_by_month", month_rows)

    legal, prev = [], None
    for m, v, d, c in zip(MONTHS, LEGAL_VISITS, LEGAL_DISPUTES, LEGAL_CONSULT, strict=True):
        legal.append(
            (as_of, m, v * f, d * f, c * f, None if prev is None else round((v - prev) * 100.0 / prev, 2))
        )
        prev = v
    _insert(con, "legal_visits_by_month", legal)
    _insert(con, "legal_visits_by_role", [(as_of, r, v * f, d * f, c * f) for r, v, d, c in ROLES])

    _insert(
        con,
        "petition_backlog",
        [(as_of, cid, unit, fv, st, rd, pl, "王某某", ru) for cid, unit, fv, st, rd, pl, ru in PETITIONS],
    )

    projects = _projects()
    _insert(
        con,
        "key_projects",
        [(as_of, z, n, s, t * f, p * f, d * f, c, sr, a, ru) for z, n, s, t, p, d, c, sr, a, ru in projects],
    )
    stage_rows, invest = [], {}
    for zone, stages in PROJECT_STAGES.items():
        for stage in [s for s, _ in stages] + ["合计"]:
            ps = [p for p in projects if p[0] == zone and (stage == "合计" or p[2] == stage)]
            tot = round(sum(p[3] for p in ps) * f, 2)
            plan = round(sum(p[4] for p in ps) * f, 2)
            done = round(sum(p[5] for p in ps) * f, 2)
            comp = _rate(done, plan)
            stage_rows.append(
                (
                    as_of,
                    zone,
                    stage,
                    len(ps),
                    tot,
                    plan,
                    done,
                    comp,
                    SCHEDULE_RATE,
                    round(comp - SCHEDULE_RATE, 2),
                )
            )
            if stage == "合计":
                invest[zone] = (plan, done)
    _insert(con, "key_projects_by_stage", stage_rows)

    grids = _grids()
    _insert(
        con,
        "grid_events_by_grid",
        [(as_of, gid, n, c * f, cl * f, ot * f, cr_, otr, mh) for gid, n, c, cl, ot, cr_, otr, mh in grids],
    )
    type_rows = []
    for i, (t, c) in enumerate(GRID_TYPES):
        closed = c - (12 + i * 5)
        on_time = closed - (40 + i * 9)
        type_rows.append(
            (
                as_of,
                t,
                c * f,
                closed * f,
                on_time * f,
                _rate(closed, c),
                _rate(on_time, closed),
                24.0 + i * 3.5,
            )
        )
    _insert(con, "grid_events_by_type", type_rows)
    gm, prev = [], None
    for i, (m, c) in enumerate(zip(MONTHS, GRID_MONTHS, strict=True)):
        closed = c - (6 + i % 4) if m != "2023-11" else c - 55
        on_time = closed - (30 + (i * 11) % 40 if m != "2023-11" else 4)
        gm.append(
            (
                as_of,
                m,
                c * f,
                closed * f,
                on_time * f,
                _rate(closed, c),
                _rate(on_time, closed),
                28.0 + (i % 5),
                None if prev is None else round((c - prev) * 100.0 / prev, 2),
            )
        )
        prev = c
    _insert(con, "grid_events_by_month", gm)

    _insert(
        con,
        "party_activities_by_org",
        [(as_of, pid, org, ot, a * f, e * f, at * f, _rate(at, e)) for pid, org, ot, a, e, at in PARTY_ORGS],
    )
    acts = sum(p[3] for p in PARTY_ORGS)
    exp_ = sum(p[4] for p in PARTY_ORGS)
    att = sum(p[5] for p in PARTY_ORGS)
    type_rows, ua, ue, ut = [], 0, 0, 0
    for i, (t, share) in enumerate(ACTIVITY_SHARES):
        if i < len(ACTIVITY_SHARES) - 1:
            a, e, at = round(acts * share), round(exp_ * share), round(att * share * (1 + 0.01 * (-1) ** i))
            ua, ue, ut = ua + a, ue + e, ut + at
        else:
            a, e, at = acts - ua, exp_ - ue, att - ut
        type_rows.append((as_of, t, a * f, e * f, at * f, _rate(at, e)))
    _insert(con, "party_activities_by_type", type_rows)

    g_tot = {
        "collected": sum(r[2] for r in grids),
        "closed": sum(r[3] for r in grids),
        "on_time": sum(r[4] for r in grids),
    }
    parts = {
        "received": sum(u[5] for u in unit_rows),
        "resolved": sum(u[6] for u in unit_rows),
        "levels": town_level[4:8],
        "invest": invest,
        "grid": g_tot,
        "party": {"activities": acts, "expected": exp_, "attended": att},
    }
    _insert(con, "headline_indicators", _headline(as_of, parts))
