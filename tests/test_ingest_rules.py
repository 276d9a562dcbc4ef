"""The reader's rules against silent wrong figures (issue 12), each on a small file built here: a file the
reader is not sure about is held with a reason naming the candidates; a layout is confirmed once and
remembered; a later file replaces or adds to the earlier one by what it carries; one record is loaded once;
values are read as they are meant or reported."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import write_csv, write_xlsx
from taizhang.etl.decisions import DecisionError, Decisions

D = dt.date
HEAD = ["序号", "受理日期", "纠纷类型", "当事人", "简要案情", "化解层级", "化解情况", "化解日期"]


def case(seq, day, status="化解中", resolved=None, *, party=None, kind="邻里纠纷", summary=None):
    return [seq, day, kind, party or f"当事人{seq}", summary or f"案情{seq}", "村", status, resolved]


def statuses(query, where="") -> dict:
    return dict(query(f"SELECT status, count(*) FROM staging.disputes {where} GROUP BY status"))


def answer_held(home, answers: dict[str, str]) -> None:
    """The analyst answers the one held file's questions (as `taizhang mappings confirm ID --answer 键=值` does)."""
    decisions = Decisions(home.mappings)
    [doc] = decisions.held()
    decisions.confirm(doc["sha256"][:12], answers)


def file_status(query, name) -> tuple[str, str | None]:
    return query("SELECT status, reason FROM meta.source_files WHERE file_name = ?", [name])[0]


# --- who and when: a disagreement is a hold, not a pick -------------------------------------------------


def test_a_pianqu_workbook_with_a_sheet_per_village_books_each_sheet_to_its_village(tmp_path, ingest, query):
    """The 填报单位 names the 片区's mediation room, whose name starts with a village's name (东星片区): the
    sheets named exactly after villages win; the room's name never books anything to 东星社区."""

    def sheet(unit, n):
        return [
            ["东星片区“和顺”品牌调解室矛盾纠纷排查化解台账（2023年10月）"],
            ["填报单位：东星片区“和顺”品牌调解室"],
            HEAD,
            *[case(i, f"2023-10-{i + 2:02d}", party=f"{unit}{i}") for i in range(1, n + 1)],
        ]

    path = write_xlsx(
        tmp_path / "城东片区10月纠纷台账.xlsx",
        {"东星社区": sheet("东星", 3), "后黄社区": sheet("后黄", 2), "溪白社区": sheet("溪白", 1)},
    )
    [outcome] = ingest(path)
    assert outcome.status == "loaded", outcome.line()
    assert dict(query("SELECT unit_id, count(*) FROM staging.disputes GROUP BY unit_id")) == {
        "dongxing": 3,
        "houhuang": 2,
        "xibai": 1,
    }
    assert set(query("SELECT DISTINCT sender FROM staging.disputes")) == {("城东片区",)}


def test_section_lines_give_the_rows_under_them_their_village(tmp_path, ingest, query):
    rows = [
        ["城东片区矛盾纠纷排查化解台账（2023年10月）"],
        HEAD,
        ["一、东星社区（2件）"],
        case(1, "2023-10-03"),
        case(2, "2023-10-05"),
        ["二、后黄社区（1件）"],
        case(3, "2023-10-09"),
    ]
    [outcome] = ingest(
        write_xlsx(
            tmp_path / "城东片区.xlsx",
            {"Sheet1": rows},
            merges={"Sheet1": [(2, 0, 2, 7, rows[2][0]), (5, 0, 5, 7, rows[5][0])]},
        )
    )
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 3), outcome.line()
    assert query("SELECT row_number, unit_id FROM staging.disputes ORDER BY row_number") == [
        (4, "dongxing"),
        (5, "dongxing"),
        (7, "houhuang"),
    ]


def test_a_cell_naming_two_villages_is_quarantined_not_booked_to_the_first(tmp_path, ingest, query):
    rows = [
        ["西天尾镇矛盾纠纷排查化解台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        ["序号", "受理日期", "所属村居", "纠纷类型", "化解情况"],
        [1, "2023-10-03", "东星社区、后黄社区", "邻里纠纷", "化解中"],
        [2, "2023-10-04", "林山村", "婚姻家庭", "化解中"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "综治中心汇总.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 1), outcome.line()
    [(reason,)] = query("SELECT reason FROM quarantine.rejected_rows")
    assert "2个村" in reason and "东星社区" in reason and "后黄社区" in reason


def test_filler_and_title_naming_different_villages_hold_the_file(tmp_path, ingest, query):
    rows = [
        ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
        ["填报单位：下垞村"],
        HEAD,
        case(1, "2023-10-03"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held", outcome.line()
    assert "林山村" in outcome.reason and "下垞村" in outcome.reason and "填报单位" in outcome.reason
    assert query("SELECT count(*) FROM staging.disputes") == [(0,)]
    assert query("SELECT status FROM meta.source_files") == [("held",)]


def test_a_partial_unit_name_never_resolves(tmp_path, ingest, query):
    rows = [["矛盾纠纷排查化解台账（2023年10月）"], ["填报单位：林山居委会"], HEAD, case(1, "2023-10-03")]
    [outcome] = ingest(write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held", outcome.line()
    assert "林山居委会" in outcome.reason


def test_title_month_and_file_name_month_disagreeing_hold_the_file(tmp_path, ingest):
    rows = [["林山村2023年9月矛盾纠纷排查化解台账"], HEAD, case(1, "2023-09-03")]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held", outcome.line()
    assert "2023年9月" in outcome.reason and "2023年10月" in outcome.reason


def test_a_copied_template_still_carrying_last_month_is_held_not_loaded_over_last_month(
    tmp_path, ingest, query
):
    september = [["林山村2023年9月矛盾纠纷排查化解台账"], HEAD, case(1, "2023-09-03"), case(2, "2023-09-12")]
    october = [
        ["林山村2023年9月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-09-03", "已化解", "2023-10-02"),
        case(2, "2023-09-12"),
        case(3, "2023-10-08"),
        case(4, "2023-10-21"),
    ]
    first, second = ingest(
        write_xlsx(tmp_path / "a" / "林山村纠纷台账.xlsx", {"Sheet1": september}),
        write_xlsx(tmp_path / "b" / "林山村纠纷台账（新）.xlsx", {"Sheet1": october}),
    )
    assert first.status == "loaded" and second.status == "held", second.line()
    assert "2条记录" in second.reason and "2023年10月21日" in second.reason
    assert query("SELECT count(*), min(period) FROM staging.disputes") == [(2, "2023-09")]


def test_a_sheet_without_any_unit_is_held_with_the_question(tmp_path, ingest):
    rows = [["矛盾纠纷排查化解台账（2023年10月）"], HEAD, case(1, "2023-10-03")]
    [outcome] = ingest(write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held" and "哪个村（社区）" in outcome.reason, outcome.line()


def test_no_month_anywhere_and_records_in_two_months_is_asked_not_taken_from_the_latest_date(
    tmp_path, home, ingest, query
):
    """A 补报 of October carries November dates too: the latest record's month is only the suggestion."""
    rows = [["北大村矛盾纠纷排查化解台账"], HEAD, case(1, "2023-10-20"), case(2, "2023-11-02")]
    [held] = ingest(write_xlsx(tmp_path / "北大村纠纷台账.xlsx", {"Sheet1": rows}))
    assert held.status == "held", held.line()
    assert "没有写明月份" in held.reason and "2023年10月至2023年11月" in held.reason
    assert query("SELECT count(*) FROM staging.disputes") == [(0,)]
    answer_held(home, {"period": "2023-10"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT DISTINCT period FROM staging.disputes") == [("2023-10",)]


@pytest.mark.parametrize(
    ("name", "dates", "period"),
    [
        ("北大村纠纷台账10月.xlsx", ["2023-09-20", "2023-10-02"], "2023-10"),  # 10月 + the records' year
        ("北大村纠纷台账.xlsx", ["2023-10-03", "2023-10-25"], "2023-10"),  # no month: every record in one
        ("北大村纠纷台账11月.xlsx", ["2023-10-03", "2023-10-25"], "2023-11"),  # nothing new in November
        ("北大村纠纷台账10月.xlsx", ["2023-10-03", "2023-11-02"], None),  # a record after the month named
        ("北大村纠纷台账12月.xlsx", ["2022-12-20", "2023-01-05"], None),  # two years: which December?
    ],
)
def test_a_month_without_a_year_takes_the_records_year_only_when_they_prove_it(
    tmp_path, ingest, query, name, dates, period
):
    rows = [["北大村矛盾纠纷排查化解台账"], HEAD, *[case(i, d) for i, d in enumerate(dates, 1)]]
    [outcome] = ingest(write_xlsx(tmp_path / name, {"Sheet1": rows}))
    if period is None:
        assert outcome.status == "held" and "哪个月" in outcome.reason, outcome.line()
    else:
        assert outcome.status == "loaded", outcome.line()
        assert query("SELECT DISTINCT period FROM staging.disputes") == [(period,)]


def test_amounts_under_headers_without_a_unit_are_asked_not_read_as_wan(tmp_path, home, ingest, query):
    """35000 under 总投资 is 3.5亿 in 万元 and 3.5万 in 元: a factor of 10,000 is never a default."""
    rows = [
        ["镇项目办重点项目台账（2023年10月）"],
        ["序号", "项目名称", "项目阶段", "总投资", "年度计划投资", "累计完成投资"],
        [1, "龙山溪综合治理", "在建", 35000, 12000, 8000],
        [2, "东星社区停车场", "在建", 18000, 0, "—"],
    ]
    [held] = ingest(write_xlsx(tmp_path / "项目办10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "没有写单位" in held.reason and "总投资" in held.reason, held.line()
    answer_held(home, {"unit_of_money": "元"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT total_investment FROM staging.key_projects ORDER BY row_number") == [(3.5,), (1.8,)]


# --- confirm once, remembered ------------------------------------------------------------------------------


def test_a_held_file_loads_once_the_analyst_answers_and_the_layout_is_remembered(
    tmp_path, home, ingest, query
):
    head = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "完成投资（万元）",
    ]
    rows = [
        ["镇项目办重点项目推进情况表（2023年10月）"],
        head,
        [1, "龙山溪综合治理", "在建", 3000, 1500, 1200, 300],
        [2, "东星社区停车场", "在建", 800, 800, 650, 50],
    ]
    [held] = ingest(write_xlsx(tmp_path / "镇项目办10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "累计完成投资" in held.reason and "完成投资" in held.reason, held.line()
    decisions = Decisions(home.mappings)
    [doc] = decisions.held()
    with pytest.raises(DecisionError):
        decisions.confirm(doc["sha256"][:12], {"column:completed_investment": "不存在的列"})
    decisions.confirm(doc["sha256"][:12], {"column:completed_investment": "累计完成投资"})
    [again] = ingest()  # no new file: the held one loads now
    assert again.status == "loaded", again.line()
    assert query("SELECT completed_investment FROM staging.key_projects ORDER BY row_number") == [
        (1200.0,),
        (650.0,),
    ]
    assert decisions.held() == []
    # next month, same sender and layout: no question
    rows[0] = ["镇项目办重点项目推进情况表（2023年11月）"]
    rows[2][5], rows[3][5] = 1500, 700
    [november] = ingest(write_xlsx(tmp_path / "镇项目办11月.xlsx", {"Sheet1": rows}))
    assert november.status == "loaded", november.line()
    assert query(
        "SELECT completed_investment FROM staging.key_projects WHERE period = '2023-11' ORDER BY row_number"
    ) == [(1500.0,), (700.0,)]


def test_cumulative_column_ending_at_the_reporting_month_is_read(tmp_path, ingest, query):
    head = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "1-9月累计完成投资（万元）",
        "10月完成投资（万元）",
        "1-10月累计完成投资（万元）",
    ]
    rows = [
        ["镇项目办重点项目推进情况表（2023年10月）"],
        head,
        [1, "龙山溪综合治理", "在建", 3000, 1500, 900, 300, 1200],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT completed_investment FROM staging.key_projects") == [(1200.0,)]


def _projects_with_total(total_row):
    head = ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    return [
        ["镇项目办重点项目推进情况表（2023年10月）"],
        head,
        [1, "龙山溪综合治理", "在建", 3000, 1500, 1200],
        [2, "东星社区停车场", "在建", 800, 800, 650],
        total_row,
    ]


def test_a_total_row_that_agrees_with_the_records_loads(tmp_path, ingest, query):
    rows = _projects_with_total(["合计", None, None, 3800, 2300, 1850])
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办10月.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT sum(completed_investment) FROM staging.key_projects") == [(1850.0,)]


def test_a_total_row_that_disagrees_holds_the_sheet_until_the_records_are_confirmed(
    tmp_path, home, ingest, query
):
    """A 合计 of 2850 under records summing to 1850: a row was deleted or a figure mistyped; which one is
    right only the clerk knows, so nothing loads until the analyst says the records stand."""
    rows = _projects_with_total(["合计", None, None, 3800, 2300, 2850])
    [held] = ingest(write_xlsx(tmp_path / "镇项目办10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held", held.line()
    assert "合计" in held.reason and "2,850" in held.reason and "1,850" in held.reason, held.reason
    assert query("SELECT count(*) FROM staging.key_projects") == [(0,)]
    answer_held(home, {"total": "按明细导入"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT sum(completed_investment) FROM staging.key_projects") == [(1850.0,)]


def test_a_quarantined_row_does_not_switch_the_total_check_off(tmp_path, ingest, query):
    """One row with an unknown stage goes to quarantine; the 合计 is still 1000 off whether the clerk counted
    that row or not: held."""
    rows = _projects_with_total(["合计", None, None, 4100, 2400, 2950])
    rows.insert(4, [3, "溪白社区道路", "不知道", 300, 100, 100])
    [held] = ingest(write_xlsx(tmp_path / "镇项目办10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "2,950" in held.reason, held.line()


@pytest.mark.parametrize("total", [1850, 1950])
def test_a_void_row_may_be_in_the_clerks_total_or_not(tmp_path, ingest, query, total):
    rows = _projects_with_total(["合计", None, None, None, None, total])
    rows[1] = [*rows[1], "备注"]
    rows.insert(4, [3, "溪白社区道路", "在建", 300, 100, 100, "作废"])
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办10月.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded" and outcome.rows_quarantined == 1, outcome.line()
    assert query("SELECT sum(completed_investment) FROM staging.key_projects") == [(1850.0,)]


# --- replace or add ------------------------------------------------------------------------------------


def _month(tmp_path, name, cases, title="林山村2023年10月矛盾纠纷排查化解台账"):
    return write_xlsx(tmp_path / name, {"Sheet1": [[title], HEAD, *cases]})


def test_a_buba_file_with_only_the_missed_case_adds_to_the_month(tmp_path, ingest, query):
    first = _month(tmp_path / "a", "林山村10月.xlsx", [case(1, "2023-10-03"), case(2, "2023-10-09")])
    extra = _month(tmp_path / "b", "林山村10月补报.xlsx", [case(1, "2023-10-20", party="补报当事人")])
    a, b = ingest(first, extra)
    assert b.status == "loaded" and b.added_to == ["林山村10月.xlsx"] and not b.replaced, b.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(3,)]


def test_a_full_resubmission_replaces_and_says_how_many_rows_went(tmp_path, home, ingest, query):
    first = _month(
        tmp_path / "a",
        "林山村10月.xlsx",
        [case(1, "2023-10-03"), case(2, "2023-10-09"), case(3, "2023-10-11")],
    )
    fixed = _month(
        tmp_path / "b",
        "林山村10月（更正）.xlsx",
        [case(1, "2023-10-03", "已化解", "2023-10-05"), case(2, "2023-10-09")],
    )
    a, b = ingest(first, fixed)
    # a 更正 with fewer records than it replaces may list only the corrected ones: asked first
    assert b.status == "held" and "只更正所列的记录" in b.reason, b.line()
    answer_held(home, {"version": "替换"})
    [b] = ingest()
    assert b.replaced == ["林山村10月.xlsx"] and b.rows_removed == 1, b.line()
    assert "去掉原文件中的1条记录" in b.line()
    assert statuses(query) == {"resolved": 1, "open": 1}


def test_a_correction_listing_only_the_corrected_case_is_held_and_added_on_the_answer(
    tmp_path, home, ingest, query
):
    """Replacing four cases by the one corrected would wipe three: the 更正 is asked, and 追加 keeps them."""
    four = [case(i, f"2023-10-0{i + 1}") for i in range(1, 5)]
    first = _month(tmp_path / "a", "林山村10月.xlsx", four)
    fixed = _month(tmp_path / "b", "林山村10月（更正）.xlsx", [case(2, "2023-10-03", "已化解", "2023-10-20")])
    a, b = ingest(first, fixed)
    assert b.status == "held" and "只有1条记录" in b.reason and "3条不在新文件中" in b.reason, b.line()
    assert statuses(query) == {"open": 4}
    answer_held(home, {"version": "追加"})
    [b] = ingest()
    assert b.status == "loaded", b.line()
    resolved = query("SELECT count(*) FROM core.disputes WHERE status = 'resolved'")
    assert resolved == [(1,)] and query("SELECT count(*) FROM core.disputes") == [(4,)]


def test_a_file_carrying_the_earlier_records_replaces_without_a_correction_word(tmp_path, ingest, query):
    first = _month(tmp_path / "a", "林山村10月.xlsx", [case(1, "2023-10-03"), case(2, "2023-10-09")])
    again = _month(
        tmp_path / "b",
        "林山村10月-2.xlsx",
        [case(1, "2023-10-03", "已化解", "2023-10-05"), case(2, "2023-10-09"), case(3, "2023-10-28")],
    )
    a, b = ingest(first, again)
    assert b.replaced == ["林山村10月.xlsx"] and b.rows_removed == 0, b.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(3,)]


def test_a_file_overlapping_in_part_is_held_with_the_counts_and_the_answer_decides(
    tmp_path, home, ingest, query
):
    first = _month(tmp_path / "a", "林山村10月.xlsx", [case(i, f"2023-10-{i + 1:02d}") for i in range(1, 5)])
    later = _month(
        tmp_path / "b",
        "林山村10月新.xlsx",
        [case(i, f"2023-10-{i + 1:02d}") for i in range(1, 4)] + [case(9, "2023-10-29")],
    )
    a, b = ingest(first, later)
    assert b.status == "held", b.line()
    assert "4条记录中的3条" in b.reason and "另有1条新记录" in b.reason
    assert query("SELECT count(*) FROM staging.disputes") == [(4,)]
    Decisions(home.mappings).confirm(b.sha256[:12], {"version": "追加"})
    [c] = ingest()
    assert c.status == "loaded" and c.added_to == ["林山村10月.xlsx"], c.line()


def test_two_halves_of_a_platform_export_add_up(tmp_path, ingest, query):
    head = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态"]
    first = [head] + [
        [f"DX20231001{i:04d}", "第1网格", "服务群众", f"2023-10-{i:02d} 09:00:00", None, None, "办理中"]
        for i in range(1, 6)
    ]
    second = [head] + [
        [f"DX20231016{i:04d}", "第2网格", "治安防控", f"2023-10-{15 + i:02d} 09:00:00", None, None, "受理"]
        for i in range(1, 4)
    ]
    a, b = ingest(
        write_csv(tmp_path / "a" / "东星社区事件列表2023年10月（上）.csv", first),
        write_csv(tmp_path / "b" / "东星社区事件列表2023年10月（下）.csv", second),
    )
    assert (a.status, b.status) == ("loaded", "loaded") and b.added_to, b.line()
    assert query("SELECT count(*) FROM staging.grid_events") == [(8,)]


def test_a_zero_report_after_a_data_file_is_held(tmp_path, ingest, query):
    first = _month(tmp_path / "a", "林山村10月.xlsx", [case(1, "2023-10-03")])
    zero = write_xlsx(
        tmp_path / "b" / "林山村10月零报告.xlsx",
        {"Sheet1": [["林山村2023年10月矛盾纠纷排查化解台账"], HEAD, ["本月无矛盾纠纷（零报告）"]]},
    )
    a, b = ingest(first, zero)
    assert b.status == "held" and "零报告" in b.reason, b.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(1,)]


# --- one record, once ------------------------------------------------------------------------------------


def test_two_parties_on_two_rows_under_merged_cells_are_one_case(tmp_path, ingest, query):
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        [1, "2023-10-03", "邻里纠纷", "林某某", "排水纠纷", "村", "已化解", "2023-10-05"],
        [None, None, None, "陈某某", None, None, None, None],
        [2, "2023-10-08", "婚姻家庭", "黄某某", "赡养", "村", "化解中", None],
    ]
    merges = [(2, c, 3, c, rows[2][c]) for c in (0, 1, 2, 4, 5, 6, 7)]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}, merges={"Sheet1": merges}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), outcome.line()
    assert query("SELECT parties_masked FROM staging.disputes ORDER BY row_number") == [
        ("林某某、陈某某",),
        ("黄某某",),
    ]


def test_a_case_pasted_twice_is_loaded_once(tmp_path, ingest, query):
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-10-03"),
        case(2, "2023-10-05"),
        [3, *case(1, "2023-10-03")[1:]],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 1), outcome.line()
    assert query("SELECT row_number, reason FROM quarantine.rejected_rows") == [
        (5, "与第3行重复（除序号外完全相同），只计一次")
    ]


# --- values ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("未能化解", "not_resolved"),
        ("调解未达成协议", "not_resolved"),
        ("化解未成功", "not_resolved"),
        ("没有调解成功", "not_resolved"),
        ("尚未化解", "not_resolved"),
        ("双方达成协议", "resolved"),
        ("正在化解中", "open"),
        ("已化解", "resolved"),
        ("已结", "resolved"),  # short for 已结案, as the whole cell
        ("司法确认", "resolved"),  # the mediation agreement confirmed by the court
        ("待司法确认", "open"),
        ("已结转下月", "open"),
        ("基本情况已化解", "resolved"),  # 基本 says how the 情况 is, not the outcome
        ("暂时调解不成", "not_resolved"),
    ],
)
def test_negation_anywhere_before_or_right_after_the_verb(tmp_path, ingest, query, written, expected):
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-10-03", written, "2023-10-06" if expected == "resolved" else None),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert statuses(query) == {expected: 1}, outcome.line()


def test_a_status_that_says_two_things_is_quarantined(tmp_path, ingest, query):
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-10-03", "经调解未成功，后经镇调解已化解", "2023-10-20"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert outcome.rows_quarantined == 1, outcome.line()
    assert "意思不一致" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


@pytest.mark.parametrize(
    "written",
    [
        "基本化解",
        "部分解决",
        "初步达成协议",
        "已化解部分",
        "化解了一部分",
        "原调解成功，一方反悔，正在重新调解",
        "已调解，协议尚未履行",
    ],
)
def test_a_half_reached_outcome_is_quarantined_not_counted_as_resolved(tmp_path, ingest, query, written):
    rows = [["林山村2023年10月矛盾纠纷排查化解台账"], HEAD, case(1, "2023-10-03", written, "2023-10-20")]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (0, 1), outcome.line()
    assert "说不清" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


def test_a_row_marked_void_in_its_remark_is_quarantined_not_counted(tmp_path, ingest, query):
    head = [*HEAD, "备注"]
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        head,
        [*case(1, "2023-10-03", "已化解", "2023-10-05"), None],
        [*case(2, "2023-10-04", "已化解", "2023-10-05"), "此条作废（与第1条重复登记）"],
        [*case(3, "2023-10-09", "化解中", summary="合同作废引发的纠纷"), "一方已起诉"],
        [*case(4, "2023-10-10", "化解中"), "已删除联系方式"],
        [*case(5, "2023-10-11", "化解中"), "经核实非重复登记"],
        [*case(6, "2023-10-12", "化解中"), "不计入考核"],
        [*case(7, "2023-10-13", "化解中"), "与第2行重复"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (5, 2), outcome.line()
    got = query("SELECT row_number, reason FROM quarantine.rejected_rows ORDER BY 1")
    assert [r for r, _ in got] == [4, 9] and all("作废" in reason for _, reason in got)


def test_tick_box_status_columns_read_as_the_ticked_value(tmp_path, ingest, query):
    top = ["序号", "受理日期", "纠纷类型", "当事人", "化解情况", None, None, "化解日期"]
    sub = [None, None, None, None, "已化解", "化解中", "未化解", None]
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        top,
        sub,
        [1, "2023-10-03", "邻里纠纷", "林某", "√", None, None, "2023-10-05"],
        [2, "2023-10-04", "婚姻家庭", "陈某", None, "√", None, None],
        [3, "2023-10-05", "土地承包", "黄某", None, None, "√", None],
        [4, "2023-10-06", "邻里纠纷", "吴某", "√", None, "√", None],
    ]
    merges = [(1, 4, 1, 6, "化解情况")] + [(1, c, 2, c, top[c]) for c in (0, 1, 2, 3, 7)]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}, merges={"Sheet1": merges}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 1), outcome.line()
    assert query("SELECT status FROM staging.disputes ORDER BY row_number") == [
        ("resolved",),
        ("open",),
        ("not_resolved",),
    ]
    assert "都打了勾" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


def test_chinese_numerals_and_wan_in_counts_dates_and_money(tmp_path, ingest, query):
    visits = [
        ["西天尾镇“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        ["序号", "日期", "姓名", "身份", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"],
        [1, "二〇二三年十月九日", "陈某", "法官", "东星社区", "带案下访", "两起", "五"],
        [2, "十月十二日", "林某", "律师", "后卓村", "调解", "一", "十二人次"],
    ]
    projects = [
        ["镇项目办重点项目台账（2023年10月）"],
        ["序号", "项目名称", "项目阶段", "总投资", "年度计划投资"],
        [1, "龙山溪综合治理", "在建", "8000万", "1.2亿元"],
    ]
    a, b = ingest(
        write_xlsx(tmp_path / "三官一律.xlsx", {"Sheet1": visits}),
        write_xlsx(tmp_path / "镇项目办.xlsx", {"Sheet1": projects}),
    )
    assert (a.rows_loaded, b.rows_loaded) == (2, 1), (a.line(), b.line())
    assert query(
        "SELECT visit_date, disputes_resolved, consultations FROM staging.legal_visits ORDER BY row_number"
    ) == [(D(2023, 10, 9), 2, 5), (D(2023, 10, 12), 1, 12)]
    assert query("SELECT total_investment, annual_plan FROM staging.key_projects") == [(8000.0, 12000.0)]


def test_a_month_only_date_in_an_optional_field_loads_the_record_and_reports_the_cell(
    tmp_path, ingest, query
):
    rows = [
        ["西天尾镇信访积案化解台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        ["序号", "案件编号", "信访人", "反映问题", "初访时间", "状态", "化解日期", "是否签订息访息诉承诺书"],
        [1, "XF2019-03", "陈某某", "宅基地审批", "2019年3月", "化解中", None, "否"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "信访积案.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), outcome.line()
    assert query("SELECT case_id, first_visit_date FROM staging.petitions") == [("XF2019-03", None)]
    [(column, reason)] = query("SELECT column_name, reason FROM quarantine.cell_notes")
    assert column == "初访时间" and "只写到月份" in reason and "已导入" in reason


def test_identifiers_in_scientific_notation_are_quarantined_with_the_fix(tmp_path, ingest, query):
    head = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态"]
    rows = [
        head,
        ["2.02310E+17", "第1网格", "服务群众", "2023-10-02 09:00:00", None, None, "办理中"],
        [202310020002.0, "第1网格", "服务群众", "2023-10-02 10:00:00", None, None, "办理中"],
        [3.50304199001011e17, "第2网格", "服务群众", "2023-10-03 10:00:00", None, None, "办理中"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区事件列表2023年10月.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 2), outcome.line()
    reasons = [r[0] for r in query("SELECT reason FROM quarantine.rejected_rows")]
    assert all("科学计数法" in r for r in reasons)
    assert query("SELECT event_id FROM staging.grid_events") == [("202310020002",)]


def test_a_date_range_in_a_date_cell_has_its_own_reason(tmp_path, ingest, query):
    rows = [["林山村2023年10月矛盾纠纷排查化解台账"], HEAD, case(1, "2023.10.3-10.5")]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert outcome.rows_quarantined == 1
    assert "时间段" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


# --- containers and layout -------------------------------------------------------------------------------


def test_a_header_below_row_25(tmp_path, ingest, query):
    notes = [[f"填表说明第{i}条：请如实填写。"] for i in range(1, 31)]
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        *notes,
        HEAD,
        case(1, "2023-10-03"),
        case(2, "2023-10-04"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村.xlsx", {"Sheet1": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()


def test_without_a_header_the_reason_says_what_the_first_rows_hold(tmp_path, ingest):
    [outcome] = ingest(
        write_xlsx(tmp_path / "随便.xlsx", {"Sheet1": [["会议纪要"], ["今天开会，研究矛盾纠纷化解"]]})
    )
    assert outcome.status == "rejected" and "会议纪要" in outcome.reason, outcome.line()


def test_a_platform_xls_that_is_really_an_html_table(tmp_path, ingest, query):
    rows = "".join(
        f"<tr><td>DX2023100{i}0001</td><td>第{i}网格</td><td>服务群众</td><td>2023-10-0{i} 09:00:00</td>"
        f"<td></td><td></td><td>办理中</td></tr>"
        for i in range(1, 4)
    )
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'></head><body><table>"
        "<tr><td colspan=7>东星社区全市一张图事件列表</td></tr><tr><th>事件编号</th><th>所属网格</th><th>事件类型</th>"
        f"<th>上报时间</th><th>处理时限</th><th>办结时间</th><th>状态</th></tr>{rows}</table></body></html>"
    )
    path = tmp_path / "东星社区事件列表2023年10月.xls"
    path.write_bytes(page.encode("gbk"))
    [outcome] = ingest(path)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 3), outcome.line()
    assert query("SELECT DISTINCT grid_id FROM staging.grid_events ORDER BY 1") == [
        ("G01",),
        ("G02",),
        ("G03",),
    ]


def test_an_xml_spreadsheet_2003_file(tmp_path, ingest, query):
    ss = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    cells = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEAD)
    data = "".join(
        f'<Row><Cell><Data ss:Type="Number">{i}</Data></Cell><Cell><Data ss:Type="DateTime">'
        f'2023-10-0{i}T00:00:00.000</Data></Cell><Cell><Data ss:Type="String">邻里纠纷</Data></Cell>'
        f'<Cell><Data ss:Type="String">当事人{i}</Data></Cell><Cell ss:Index="7"><Data ss:Type="String">'
        f"化解中</Data></Cell></Row>"
        for i in range(1, 3)
    )
    xml = (
        f'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook {ss}><Worksheet ss:Name="Sheet1">'
        f'<Table><Row><Cell ss:MergeAcross="7"><Data ss:Type="String">林山村2023年10月矛盾纠纷排查化解台账</Data></Cell>'
        f"</Row><Row>{cells}</Row>{data}</Table></Worksheet></Workbook>"
    )
    path = tmp_path / "林山村10月台账.xls"
    path.write_text(xml, encoding="utf-8")
    [outcome] = ingest(path)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()
    assert query("SELECT received_date FROM staging.disputes ORDER BY 1") == [
        (D(2023, 10, 1),),
        (D(2023, 10, 2),),
    ]


# --- batch 5's silent readings, each now held or set aside ---------------------------------------------------


def test_a_row_struck_through_is_set_aside_not_counted(tmp_path, ingest, query):
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["溪白社区2023年11月矛盾纠纷台账"],
        HEAD,
        *[case(i, f"2023-11-0{i + 1}") for i in range(1, 4)],
    ]:
        ws.append(row)
    for cell in ws[4]:  # the first case, crossed out instead of deleted
        cell.font = Font(strike=True)
    path = tmp_path / "溪白社区11月.xlsx"
    wb.save(path)
    [outcome] = ingest(path)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 1), outcome.line()
    assert query("SELECT row_number, reason FROM quarantine.rejected_rows") == [
        (4, "这一行整行划了删除线（通常表示作废），没有计入")
    ]


def test_an_amount_no_township_project_reaches_is_asked_as_a_unit_slip(tmp_path, home, ingest, query):
    rows = [
        ["镇项目办重点项目台账（2023年10月）"],
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        [1, "中心小学扩建", "在建", 45_000_000, 12_000_000, 8_000_000],
        [2, "东星社区停车场", "在建", 3_200_000, 1_000_000, 500_000],
    ]
    [held] = ingest(write_xlsx(tmp_path / "项目办10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "数量级" in held.reason and "第3行" in held.reason, held.line()
    answer_held(home, {"unit_of_money": "元"})
    [again] = ingest()
    assert query("SELECT total_investment FROM staging.key_projects ORDER BY row_number") == [
        (4500.0,),
        (320.0,),
    ]
    assert again.status == "loaded"


def test_a_row_marked_invalid_in_a_validity_column_is_set_aside(tmp_path, ingest, query):
    head = ["事件编号", "所属网格", "事件类型", "上报时间", "办结时间", "状态", "是否有效事件"]
    rows = [
        ["东星社区网格事件台账（2023年11月）"],
        head,
        ["2023110200011", "东星第4网格", "服务群众", "2023-11-02 09:05", "2023-11-02 16:00", "已办结", "是"],
        ["2023110300002", "东星第4网格", "服务群众", "2023-11-03 09:05", "2023-11-03 16:00", "已办结", "否"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区11月.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 1), outcome.line()
    assert "标为无效" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


def test_a_plan_of_meetings_is_held_not_counted_as_meetings_held(tmp_path, ingest, query):
    rows = [
        ["林峰社区党支部2023年第四季度“三会一课”计划安排表"],
        ["序号", "党组织名称", "活动类型", "活动日期", "活动主题"],
        [1, "中共西天尾镇林峰社区支部委员会", "支委会", "2023-10-10", "研究四季度工作"],
        [2, "中共西天尾镇林峰社区支部委员会", "党课", "2023-12-06", "年终总结"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林峰社区四季度计划.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held" and "计划" in outcome.reason, outcome.line()
    assert query("SELECT count(*) FROM staging.party_activities") == [(0,)]


def test_one_case_on_two_rows_that_disagree_holds_the_file_until_the_first_is_said_to_count(
    tmp_path, home, ingest, query
):
    """A visit log: the case on row 4 is 化解中, on row 5 已化解. Which is current is not known."""
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-10-03", party="林某甲"),
        case(1, "2023-10-03", "已化解", "2023-10-20", party="林某甲"),
        case(2, "2023-10-09"),
    ]
    [held] = ingest(write_xlsx(tmp_path / "林山村10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "第4行与第3行是同一条记录" in held.reason, held.line()
    assert "化解情况" in held.reason or "状态" in held.reason
    answer_held(home, {"repeat": "以前一行为准"})
    [again] = ingest()
    assert (again.status, again.rows_loaded, again.rows_quarantined) == ("loaded", 2, 1), again.line()
    assert statuses(query) == {"open": 2}


def test_a_time_split_from_its_date_by_text_to_columns_is_asked(tmp_path, ingest):
    head = ["事件编号", "所属网格", "事件类型", "上报日期", "上报时刻", "状态"]
    rows = [
        ["东星社区网格事件台账（2023年10月）"],
        head,
        ["2023100500006", "东星第6网格", "服务群众", D(2023, 10, 5), "08:15", "已办结"],
        ["2023101100013", "东星第13网格", "公共安全", D(2023, 10, 11), "13:40", "办理中"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区10月.xlsx", {"Sheet1": rows}))
    assert outcome.status == "held" and "上报时刻" in outcome.reason and "0点" in outcome.reason, (
        outcome.line()
    )


def test_a_dispute_ledger_without_a_status_column_asks_about_cases_without_a_resolved_date(
    tmp_path, home, ingest, query
):
    head = ["序号", "受理日期", "纠纷类型", "当事人", "简要案情", "化解层级", "化解日期"]
    rows = [
        ["龙山村2023年10月矛盾纠纷排查化解台账"],
        head,
        [1, "2023-10-04", "邻里纠纷", "龙某", "滴水檐", "村", "2023-10-06"],
        [2, "2023-10-10", "山林权属", "陈某", "山场界址", "村", None],
    ]
    [held] = ingest(write_xlsx(tmp_path / "龙山村10月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "没有化解日期的1件" in held.reason, held.line()
    answer_held(home, {"column:status": "没有这一列"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert statuses(query) == {"resolved": 1, "open": 1}


def test_a_resolved_petition_marked_as_come_back_is_asked_and_the_answer_sets_its_status(
    tmp_path, home, ingest, query
):
    head = [
        "序号",
        "案件编号",
        "信访人",
        "信访事项",
        "化解情况",
        "化解日期",
        "是否签订承诺书",
        "是否反弹（重复访）",
    ]
    rows = [
        ["镇综治中心信访积案台账（2023年11月）"],
        head,
        [1, "XF2018-004", "陈某", "宅基地", "已化解", "2023-03-15", "是", "否"],
        [2, "XF2020-021", "林某", "征地补偿", "已化解", "2023-06-30", "是", "是"],
    ]
    [held] = ingest(write_xlsx(tmp_path / "信访积案11月.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "第4行写着已化解" in held.reason and "反弹" in held.reason, held.line()
    answer_held(home, {"relapse": "按化解中"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT case_id, status FROM staging.petitions ORDER BY row_number") == [
        ("XF2018-004", "resolved"),
        ("XF2020-021", "open"),
    ]


def test_a_zip_of_ledgers_is_refused_as_an_archive_not_as_a_damaged_file(tmp_path, ingest):
    import zipfile

    inner = write_xlsx(tmp_path / "x" / "后卓村10月.xlsx", {"Sheet1": [["后卓村2023年10月台账"], HEAD]})
    path = tmp_path / "北部片区10月台账.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(inner, "后卓村10月.xlsx")
    [outcome] = ingest(path)
    assert outcome.status == "rejected" and "压缩包" in outcome.reason and "解压" in outcome.reason, (
        outcome.line()
    )


# --- batch 6: what calamine hides, what a header or a title line says about the figures -----------------


def test_a_formula_showing_an_excel_error_quarantines_its_row_not_a_zero(tmp_path, ingest, query):
    """calamine gives #VALUE! as an empty cell: the project's cumulative figure is unknown, not 0."""
    import xlsxwriter

    path = tmp_path / "镇项目办2023年11月重点项目台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("11月")
    ws.write_row(0, 0, ["西天尾镇2023年11月重点项目推进台账"])
    ws.write_row(
        1,
        0,
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
    )
    ws.write_row(2, 0, [1, "镇文体中心", "在建", 30000, 8000, 6800])
    ws.write_row(3, 0, [2, "西天尾中学扩建", "在建", 15000, 4000])
    ws.write_formula(3, 5, "=G4+H4", None, "#VALUE!")
    wb.close()
    [outcome] = ingest(path)
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 1, 1), outcome.line()
    [(row, column, value, reason)] = query(
        "SELECT row_number, column_name, value, reason FROM quarantine.rejected_rows"
    )
    assert (row, column, value) == (4, "累计完成投资（万元）", "#VALUE!") and "公式" in reason


def test_formulas_whose_results_were_never_saved_hold_the_file(tmp_path, ingest, query):
    """openpyxl (like many platforms) writes =G4-J4 with no result: the figure is not in the file at all."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["渭阳社区党委2023年10月党组织活动台账"])
    ws.append(["序号", "党组织", "活动类型", "日期", "主题", "应到人数", "请假人数", "实到人数"])
    for i, (kind, expected, away) in enumerate([("支委会", 7, 0), ("党课", 30, 5), ("主题党日", 30, 3)], 1):
        ws.append(
            [i, "渭阳社区党委", kind, f"2023-10-{i * 7:02d}", "学习", expected, away, f"=F{i + 2}-G{i + 2}"]
        )
    path = tmp_path / "渭阳社区2023年10月党组织活动台账.xlsx"
    wb.save(path)
    [outcome] = ingest(path)
    assert outcome.status == "held" and "实到人数" in outcome.reason and "公式" in outcome.reason, (
        outcome.line()
    )
    assert query("SELECT count(*) FROM staging.party_activities") == [(0,)]


def test_a_quarter_named_without_a_month_is_asked_and_the_quarter_end_answer_loads_it(
    tmp_path, home, ingest, query
):
    rows = [
        ["西天尾镇2023年第三季度信访积案化解情况表"],
        ["序号", "案件编号", "信访人", "反映问题", "初访时间", "状态", "化解日期", "是否签订息访息诉承诺书"],
        [1, "XF2019-021", "李某明", "山林纠纷", D(2019, 6, 3), "已化解", D(2023, 7, 14), "是"],
        [2, "XF2020-008", "方某兰", "征地补偿", D(2020, 4, 21), "化解中", None, "否"],
    ]
    [held] = ingest(write_xlsx(tmp_path / "2023年第三季度信访积案.xlsx", {"三季度": rows}))
    assert held.status == "held" and "季度" in held.reason and "2023年9月" in held.reason, held.line()
    answer_held(home, {"period": "2023-09"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT DISTINCT period FROM staging.petitions") == [("2023-09",)]


@pytest.mark.parametrize(
    "header, value",
    [("参学率", "89.47%"), ("实到人数（%）", 89.47)],
)
def test_a_share_is_never_read_as_the_count_it_is_a_share_of(tmp_path, ingest, query, header, value):
    rows = [
        ["林山村党支部2023年11月“三会一课”台账"],
        ["序号", "党组织", "活动类型", "日期", "主题", "应到人数", header],
        [1, "林山村党支部", "党员大会", "2023-11-10", "村级事务通报", 38, value],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村11月三会一课.xlsx", {"11月": rows}))
    assert outcome.status == "held" and "比率" in outcome.reason and "实到人数" in outcome.reason, (
        outcome.line()
    )
    assert query("SELECT count(*) FROM staging.party_activities") == [(0,)]


def test_a_completion_percentage_is_not_loaded_as_an_amount(tmp_path, ingest, query):
    rows = [
        ["西天尾镇2023年10月重点项目进度表"],
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资比例（%）"],
        [1, "镇卫生院迁建", "在建", 16000, 5000, 82],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办10月进度表.xlsx", {"10月": rows}))
    assert outcome.status == "held" and "累计完成投资比例" in outcome.reason, outcome.line()
    assert query("SELECT count(*) FROM staging.key_projects") == [(0,)]


def test_a_village_of_another_town_is_held_not_booked_to_our_namesake(tmp_path, ingest, query):
    rows = [
        ["华亭镇龙山村2023年10月矛盾纠纷排查化解台账"],
        ["填报单位：华亭镇龙山村（盖章）"],
        HEAD,
        case(1, "2023-10-03"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村2023年10月矛盾纠纷台账.xlsx", {"10月": rows}))
    assert outcome.status == "held" and "华亭镇" in outcome.reason, outcome.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(0,)]


def test_a_neighbour_towns_template_filled_in_by_our_village_loads(tmp_path, ingest, query):
    rows = [
        ["黄石镇村（居）矛盾纠纷排查调处登记表"],
        ["填报单位：西天尾镇后埔村          所属月份：2023年10月"],
        ["编号", "登记时间", "纠纷类别", "纠纷概况", "调处单位", "调处结果", "调处时间"],
        [1, D(2023, 10, 4), "邻里纠纷", "排水沟堵塞", "村调委会", "调处成功", D(2023, 10, 6)],
        [2, D(2023, 10, 28), "劳资纠纷", "工资拖欠", "村调委会", "调处不成", None],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村10月登记表.xlsx", {"Sheet1": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()
    assert statuses(query) == {"resolved": 1, "not_resolved": 1}
    assert query("SELECT DISTINCT unit_id FROM staging.disputes") == [("houpu",)]


def test_an_export_queried_by_closing_time_is_held_until_said_to_be_complete(tmp_path, home, ingest, query):
    lines = [
        "查询条件：办结时间 2023-10-01 至 2023-10-31；事件状态：已办结",
        "事件编号,所属网格,事件类型,上报时间,办结时间,状态",
        "DX20230927014,第04网格,服务群众,2023-09-27 15:00:00,2023-10-02 10:00:00,已办结",
        "DX20231005010,第13网格,治安防控,2023-10-05 08:20:00,2023-10-05 18:00:00,已办结",
    ]
    path = tmp_path / "东星社区已办结事件查询_202310.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [held] = ingest(path)
    assert held.status == "held" and "筛选" in held.reason, held.line()
    answer_held(home, {"filter": "是全部记录"})
    [again] = ingest()
    assert (again.status, again.rows_loaded) == ("loaded", 2), again.line()


def test_status_given_only_as_a_closed_flag_reads_closed_and_not_closed(tmp_path, ingest, query):
    head = ["事件编号", "所属网格", "事件类型", "上报时间", "办结时间", "是否办结", "是否超期"]
    rows = [
        ["东星社区网格事件统计表（2023年10月）"],
        head,
        ["DX20231003001", "第03网格", "服务群众", "2023-10-03 09:10", "2023-10-04 16:00", "是", "否"],
        ["DX20231015004", "第15网格", "公共安全", "2023-10-15 19:05", None, "否", "否"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区10月事件.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert dict(query("SELECT status, count(*) FROM staging.grid_events GROUP BY status")) == {
        "已办结": 1,
        "办理中": 1,
    }


def test_the_towns_template_returned_unfilled_loads_no_case(tmp_path, ingest, query):
    """Numbered rows with 所属村居 pre-filled on each: nothing a clerk wrote, so not 20 cases to quarantine."""
    head = ["序号", "所属村居", "受理日期", "纠纷类型", "当事人", "简要案情", "化解情况", "化解日期"]
    rows = [["象峰村2023年11月矛盾纠纷排查化解台账"], head, *[[i, "象峰村"] for i in range(1, 21)]]
    [outcome] = ingest(write_xlsx(tmp_path / "象峰村2023年11月矛盾纠纷台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (0, 0), outcome.line()
    assert outcome.status in ("zero_report", "held"), outcome.line()


def test_a_totals_row_named_huizong_is_not_a_project(tmp_path, ingest, query):
    rows = [
        ["园区2023年10月重点项目进展表"],
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        [1, "智能装备产业园二期", "在建", 25000, 6000, 5100],
        [2, "新能源电池配套项目", "在建", 18000, 4000, 3350],
        [None, "汇总", None, 43000, 10000, 8450],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "园区重点项目2023年10月进展表.xlsx", {"10月": rows}))
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 2, 0), outcome.line()
    assert query("SELECT sum(total_investment) FROM staging.key_projects") == [(43000.0,)]


def test_a_snapshot_workbook_with_a_sheet_per_month_loads_each_month(tmp_path, ingest, query):
    head = ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    sheets = {
        f"{m}月": [
            [f"园区重点项目进展情况（2023年{m}月）"],
            head,
            [1, "园区南片区路网", "在建", 9000, 300, done],
        ]
        for m, done in ((8, 20), (9, 35), (10, 45))
    }
    [outcome] = ingest(write_xlsx(tmp_path / "园区重点项目进展情况（2023年8-10月）.xlsx", sheets))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT period, completed_investment FROM staging.key_projects ORDER BY period") == [
        ("2023-08", 20.0),
        ("2023-09", 35.0),
        ("2023-10", 45.0),
    ]


def test_a_statistics_block_beside_the_records_adds_no_rows(tmp_path, ingest, query):
    rows = [
        ["渭阳社区2023年11月矛盾纠纷排查化解台账"],
        [*HEAD, None, "本月统计", "数值"],
        [*case(1, "2023-11-03", "已化解", "2023-11-06"), None, "排查纠纷数", 2],
        [*case(2, "2023-11-10"), None, "化解数", 1],
        [*[None] * len(HEAD), None, "化解率", "50%"],
        [*[None] * len(HEAD), None, "上月结转", 2],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "渭阳社区11月.xlsx", {"11月": rows}))
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 2, 0), outcome.line()


def test_another_table_under_the_ledger_is_asked_and_left_out_when_answered(tmp_path, home, ingest, query):
    head = [
        "序号",
        "案件编号",
        "信访人",
        "反映问题",
        "初访时间",
        "状态",
        "化解日期",
        "是否签订息访息诉承诺书",
    ]
    rows = [
        ["西天尾镇2023年10月信访积案化解台账"],
        head,
        [1, "XF2018-004", "吴某强", "山林权属", D(2018, 5, 6), "已化解", D(2023, 6, 20), "是"],
        [2, "XF2021-009", "王某福", "工伤赔偿", D(2021, 4, 2), "化解中", None, "否"],
        [],
        ["二、本月新受理信访件（非积案，供参考）"],
        ["序号", "登记日期", "信访人", "反映问题", "办理情况"],
        [1, D(2023, 10, 9), "许某英", "反映村道破损", "已转交通所"],
    ]
    [held] = ingest(write_xlsx(tmp_path / "镇综治中心10月信访积案.xlsx", {"10月": rows}))
    assert held.status == "held" and "第7行起是另一张表" in held.reason, held.line()
    answer_held(home, {"table": "只导入上面的台账"})
    [again] = ingest()
    assert (again.status, again.rows_loaded, again.rows_quarantined) == ("loaded", 2, 0), again.line()
    assert query("SELECT count(*) FROM staging.petitions") == [(2,)]


def test_a_formula_left_blank_on_purpose_is_an_empty_cell_not_a_missing_result(tmp_path, ingest, query):
    """=IF(…,"",…) saves an empty text result: that is a value, and the file loads."""
    import xlsxwriter

    path = tmp_path / "林山村2023年10月矛盾纠纷台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("10月")
    ws.write_row(0, 0, ["林山村2023年10月矛盾纠纷排查化解台账"])
    ws.write_row(1, 0, [*HEAD, "备注"])
    for r, day in ((2, "2023-10-03"), (3, "2023-10-09")):
        ws.write_row(r, 0, case(r - 1, day))
        ws.write_formula(r, len(HEAD), f'=IF(A{r + 1}="","","")', None, "")
    wb.close()
    [outcome] = ingest(path)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()


def test_a_ledger_whose_rows_share_unit_and_status_is_not_a_template(tmp_path, ingest, query):
    head = [
        "序号",
        "所属村居",
        "受理日期",
        "纠纷类型",
        "当事人",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    rows = [
        ["象峰村2023年11月矛盾纠纷排查化解台账"],
        head,
        *[
            [
                i,
                "象峰村",
                f"2023-11-0{i}",
                "邻里纠纷",
                f"当事人{i}",
                "排水",
                "村",
                "已化解",
                f"2023-11-0{i + 1}",
            ]
            for i in range(1, 5)
        ],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "象峰村11月.xlsx", {"Sheet1": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 4), outcome.line()


@pytest.mark.parametrize(
    "title",
    [
        "2023年度乡村振兴项目推进表",
        "林山村乡风文明建设台账",
        "新型城镇化村级项目台账",
        "西天尾镇林山村矛盾纠纷台账",
    ],
)
def test_ordinary_titles_do_not_read_as_another_towns(title):
    from taizhang.etl.identity import other_town_question

    assert other_town_question([title], {}) == []


def test_a_header_repeated_with_a_word_more_is_not_another_table(tmp_path, ingest, query):
    head_again = [h + "（年月日）" if h == "化解日期" else h for h in HEAD]
    rows = [
        ["林山村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, "2023-10-03"),
        head_again,  # the header repeated after a page break, one cell worded longer
        case(2, "2023-10-09"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村10月.xlsx", {"Sheet1": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()


def test_an_export_whose_query_keeps_every_status_loads(tmp_path, ingest, query):
    lines = [
        "查询条件：上报时间 2023-10-01 至 2023-10-31；事件状态：全部",
        "事件编号,所属网格,事件类型,上报时间,办结时间,状态",
        "DX20231005010,第13网格,治安防控,2023-10-05 08:20:00,2023-10-05 18:00:00,已办结",
        "DX20231011006,第17网格,服务群众,2023-10-11 10:10:00,,办理中",
    ]
    path = tmp_path / "东星社区事件查询_202310.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [outcome] = ingest(path)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()


# --- batch 7: a copy under another name, an amount merged over records, a draft -----------------------


def test_the_same_records_from_another_sender_are_asked_and_replaced_when_said(tmp_path, home, ingest, query):
    rows = [["后卓村2023年10月矛盾纠纷排查化解台账"], HEAD, case(1, "2023-10-03"), case(2, "2023-10-09")]
    first = write_xlsx(tmp_path / "后卓村2023年10月矛盾纠纷台账.xlsx", {"10月": rows})
    forwarded = [["后卓村2023年10月矛盾纠纷排查化解台账"], ["填报单位：镇综治中心（转发）"], *rows[1:]]
    second = write_xlsx(tmp_path / "综治中心转发-后卓村10月.xlsx", {"10月": forwarded})
    ingest(first)
    [held] = ingest(second)
    assert held.status == "held" and "已在" in held.reason and "替换" in held.reason, held.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(2,)]
    answer_held(home, {"version": "替换"})
    ingest()
    assert query("SELECT count(*) FROM core.disputes") == [(2,)]


def test_an_amount_merged_over_two_projects_is_asked_and_counted_once_when_said(
    tmp_path, home, ingest, query
):
    rows = [
        ["西天尾镇2023年10月重点项目推进台账"],
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        [1, "污水管网改造（一期）", "在建", 20000, 3000, 2500],
        [2, "污水管网改造（二期）", "预备", None, 1000, 0],
        [3, "中心小学扩建", "在建", 8000, 2000, 1500],
    ]
    path = write_xlsx(tmp_path / "镇项目办10月.xlsx", {"10月": rows}, merges={"10月": [(2, 3, 3, 3, 20000)]})
    [held] = ingest(path)
    assert held.status == "held" and "合并单元格" in held.reason and "总投资" in held.reason, held.line()
    answer_held(home, {"merged_amount": "只记在第一行"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT sum(total_investment) FROM staging.key_projects") == [(28000.0,)]


def test_a_draft_is_held_until_said_to_count(tmp_path, home, ingest, query):
    rows = [
        ["西天尾镇2023年11月重点项目台账（初稿，待审核）"],
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        [1, "中心小学扩建", "在建", 8000, 2000, 1500],
    ]
    [held] = ingest(write_xlsx(tmp_path / "镇项目办11月（初稿）.xlsx", {"11月": rows}))
    assert held.status == "held" and "初稿" in held.reason, held.line()
    answer_held(home, {"draft": "以这份为准"})
    [again] = ingest()
    assert again.status == "loaded", again.line()


def test_a_stage_tagged_before_the_project_name_is_its_stage(tmp_path, ingest, query):
    rows = [
        ["园区2023年9月重点项目进展表"],
        ["序号", "项目名称", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        [1, "【续建】智能制造孵化基地", 20000, 5000, 3500],
        [2, "【前期】园区南片区路网", 9000, 300, 30],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "园区管委会9月.xlsx", {"9月": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT project_name, stage FROM staging.key_projects ORDER BY row_number") == [
        ("智能制造孵化基地", "在建"),
        ("园区南片区路网", "前期"),
    ]


def test_a_signing_date_in_the_pledge_column_means_signed(tmp_path, ingest, query):
    head = [
        "序号",
        "案件编号",
        "信访人",
        "反映问题",
        "初访时间",
        "状态",
        "化解日期",
        "是否签订息访息诉承诺书",
    ]
    rows = [
        ["西天尾镇2023年10月信访积案化解台账"],
        head,
        [1, "XF2018-004", "吴某强", "山林权属", D(2018, 5, 6), "已化解", D(2023, 10, 12), "10月12日签"],
        [2, "XF2020-021", "郑某华", "征地补偿", D(2020, 9, 14), "已化解", D(2023, 9, 8), D(2023, 9, 20)],
        [3, "XF2021-009", "王某福", "工伤赔偿", D(2021, 4, 2), "化解中", None, "未签"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇综治中心10月信访积案.xlsx", {"10月": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 3), outcome.line()
    assert query("SELECT pledge_signed FROM staging.petitions ORDER BY row_number") == [
        (True,),
        (True,),
        (False,),
    ]


def test_whom_a_file_was_sent_to_is_not_its_sender(tmp_path, ingest, query):
    """后卓村's ledger saved again as “…（发镇综治办）”: still 后卓村's, and it replaces the first."""
    rows = [["后卓村2023年10月矛盾纠纷排查化解台账"], HEAD, case(1, "2023-10-03"), case(2, "2023-10-09")]
    ingest(write_xlsx(tmp_path / "后卓村2023年10月矛盾纠纷台账.xlsx", {"10月": rows}))
    [again] = ingest(write_xlsx(tmp_path / "后卓村10月纠纷台账（发镇综治办）.xlsx", {"Sheet1": rows}))
    assert (again.status, [s.sender for s in again.used]) == ("loaded", ["后卓村"]), again.line()
    assert query("SELECT count(*) FROM core.disputes") == [(2,)]


# --- batch 8: a copied title year, a neighbour's row, 无 as a count, a pair in brackets, one row a month -----

PARTY_HEAD = ["序号", "党组织", "活动类型", "日期", "主题", "应到人数", "实到人数"]


def test_a_title_year_left_from_last_year_asks_the_month_instead_of_setting_every_row_aside(
    tmp_path, home, ingest, query
):
    rows = [["后埔村2022年10月矛盾纠纷排查化解台账"], HEAD, case(1, D(2023, 10, 4)), case(2, D(2023, 10, 11))]
    [held] = ingest(write_xlsx(tmp_path / "后埔村10月份矛盾纠纷台账.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "2022年10月" in held.reason and "2023年10月" in held.reason, held.line()
    answer_held(home, {"period": "2023-10"})
    [again] = ingest()
    assert (again.status, again.rows_loaded, again.rows_quarantined) == ("loaded", 2, 0), again.line()


def test_a_row_of_another_villages_branch_is_set_aside(tmp_path, ingest, query):
    rows = [
        ["吴江村党支部2023年10月“三会一课”台账"],
        PARTY_HEAD,
        [1, "吴江村党支部", "支委会", D(2023, 10, 8), "学习", 5, 5],
        [2, "北大村党支部", "主题党日", D(2023, 10, 15), "北大村主题党日", 29, 26],
        [3, "吴江村党支部", "党员大会", D(2023, 10, 22), "通报", 41, 36],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "吴江村党支部10月三会一课.xlsx", {"10月": rows}))
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 2, 1), outcome.line()
    [(reason,)] = query("SELECT reason FROM quarantine.rejected_rows")
    assert "北大村党支部" in reason
    assert query("SELECT DISTINCT party_org_id FROM staging.party_activities") == [("P08",)]


def test_wu_under_attended_is_no_meeting_with_nobody_there(tmp_path, ingest, query):
    rows = [
        ["后埔村党支部2023年10月“三会一课”台账"],
        PARTY_HEAD,
        [1, "后埔村党支部", "支委会", D(2023, 10, 8), "学习", 5, 5],
        [2, "后埔村党支部", "党课", D(2023, 10, 29), "推迟到11月", 32, "无"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村党支部10月三会一课.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 1), outcome.line()
    assert query("SELECT sum(expected), sum(attended) FROM staging.party_activities") == [(5, 5)]


def test_a_pair_named_in_brackets_is_read_in_the_order_it_names(tmp_path, ingest, query):
    head = ["序号", "党组织", "活动类型", "日期", "主题", "参会情况（实到/应到）"]
    rows = [
        ["下垞村党支部2023年10月“三会一课”台账"],
        head,
        [1, "下垞村党支部", "主题党日", D(2023, 10, 16), "学习", "28/31"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "下垞村党支部10月三会一课.xlsx", {"10月": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT expected, attended FROM staging.party_activities") == [(31, 28)]


def test_one_row_per_person_with_a_visit_count_is_asked_to_come_one_row_per_visit(tmp_path, ingest, query):
    head = ["序号", "姓名", "身份", "派出单位", "下沉次数", "下沉日期", "化解纠纷数", "法律咨询数"]
    rows = [
        ["林山村2023年10月“三官一律”下沉情况"],
        head,
        [1, "王某兰", "法官", "荔城区人民法院", 3, "10.9、10.16、10.23", 2, 5],
        [2, "李某珍", "检察官", "荔城区人民检察院", 1, "10.12", 0, 4],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "林山村10月三官一律.xlsx", {"10月": rows}))
    assert outcome.status == "held" and "下沉次数" in outcome.reason, outcome.line()
    assert query("SELECT count(*) FROM staging.legal_visits") == [(0,)]


def test_resolved_the_same_day_takes_the_day_the_case_came_in(tmp_path, ingest, query):
    rows = [["林峰社区2023年10月矛盾纠纷排查化解台账"], HEAD, case(1, D(2023, 10, 5), "已化解", "当天")]
    [outcome] = ingest(write_xlsx(tmp_path / "林峰社区10月.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT status, resolved_date FROM staging.disputes") == [("resolved", D(2023, 10, 5))]


# --- batches 9 and 10 ---------------------------------------------------------------------------------------

LEGAL_HEAD = ["序号", "日期", "姓名", "身份", "派出单位", "活动内容", "化解纠纷数", "法律咨询数"]
GRID_HEAD = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态"]


def test_a_grid_named_only_by_the_group_line_above_is_the_events_grid(tmp_path, ingest, query):
    head = ["事件编号", "事件类型", "上报时间", "处理时限", "办结时间", "状态"]
    moment = dt.datetime(2023, 10, 4, 9)
    rows = [
        ["东星社区2023年10月网格事件台账"],
        head,
        ["第03网格（网格员：陈某华）"],
        ["DX1", "服务群众", moment, moment + dt.timedelta(days=3), None, "办理中"],
        ["DX2", "治安防控", moment, moment + dt.timedelta(days=3), None, "受理"],
        ["第11网格（网格员：林某生）"],
        ["DX3", "生态环境", moment, moment + dt.timedelta(days=3), None, "受理"],
    ]
    merges = [(2, 0, 2, 5, rows[2][0]), (5, 0, 5, 5, rows[5][0])]
    [outcome] = ingest(
        write_xlsx(tmp_path / "东星社区10月网格事件.xlsx", {"10月": rows}, merges={"10月": merges})
    )
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT event_id, grid_id FROM staging.grid_events ORDER BY event_id") == [
        ("DX1", "G03"),
        ("DX2", "G03"),
        ("DX3", "G11"),
    ]


@pytest.mark.parametrize("role", ["法官助理", "辅警", "实习律师"])
def test_an_assistant_or_trainee_is_none_of_the_four_roles(tmp_path, ingest, query, role):
    rows = [
        ["西天尾镇2023年10月“三官一律”下沉工作台账"],
        LEGAL_HEAD,
        [1, D(2023, 10, 9), "王某兰", "法官", "西天尾法庭", "调解", 1, 4],
        [2, D(2023, 10, 13), "李某生", role, "西天尾法庭", "调解", 1, 5],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "综治中心10月三官一律.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 1), outcome.line()
    [(reason,)] = query("SELECT reason FROM quarantine.rejected_rows")
    assert role in reason
    assert query("SELECT role FROM staging.legal_visits") == [("法官",)]


def test_counts_written_only_inside_sentences_are_asked_not_read_as_nothing(tmp_path, home, ingest, query):
    head = ["序号", "日期", "姓名", "身份", "派出单位", "活动内容及成效"]
    rows = [
        ["渭阳社区2023年10月“三官一律”工作台账"],
        head,
        [1, D(2023, 10, 10), "王某兰", "法官", "西天尾法庭", "现场调解邻里纠纷1起，解答群众法律咨询5人次"],
        [2, D(2023, 10, 18), "林某强", "律师", "某律所", "发放资料120份，解答咨询6人次"],
    ]
    [held] = ingest(write_xlsx(tmp_path / "渭阳社区10月三官一律.xlsx", {"10月": rows}))
    assert held.status == "held" and "化解纠纷数" in held.reason and "活动内容及成效" in held.reason, (
        held.line()
    )
    assert query("SELECT count(*) FROM staging.legal_visits") == [(0,)]
    answer_held(home, {"column:disputes_resolved": "没有这一列", "column:consultations": "没有这一列"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT count(*), sum(consultations) FROM staging.legal_visits") == [(2, None)]


def test_a_completion_rate_that_disagrees_with_the_amounts_sets_the_row_aside(tmp_path, ingest, query):
    head = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划（万元）",
        "累计完成（万元）",
        "年度计划完成率",
    ]
    rows = [
        ["园区2023年10月重点项目推进台账"],
        head,
        [1, "智能制造孵化基地", "在建", 20000, 9000, 7200, "80.00%"],
        [2, "人才公寓", "在建", 9000, 3000, 255, "85.00%"],
        [3, "园区路网", "前期", 500, 200, 30, 0.15],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "园区管委会10月重点项目.xlsx", {"10月": rows}))
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 2, 1), outcome.line()
    [(row, reason)] = query("SELECT row_number, reason FROM quarantine.rejected_rows")
    assert row == 4 and "85.00%" in reason and "不符" in reason
    assert query("SELECT sum(completed_investment) FROM staging.key_projects") == [(7230.0,)]


def test_an_attendance_rate_that_agrees_with_its_counts_sets_nothing_aside(tmp_path, ingest, query):
    rows = [
        ["后埔村党支部2023年10月“三会一课”台账"],
        [*PARTY_HEAD, "参学率"],
        [1, "后埔村党支部", "支委会", D(2023, 10, 8), "学习", 5, 5, "100%"],
        [2, "后埔村党支部", "党员大会", D(2023, 10, 22), "通报", 41, 36, 0.878],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村党支部10月三会一课.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), outcome.line()


def test_a_meeting_left_in_a_copied_sheet_is_counted_once_in_its_own_month(tmp_path, ingest, query):
    october = [
        ["林峰社区党委2023年10月“三会一课”台账"],
        PARTY_HEAD,
        [1, "林峰社区党委", "支委会", D(2023, 10, 8), "学习", 7, 7],
        [2, "林峰社区党委", "党课", D(2023, 10, 31), "党史", 52, 46],
    ]
    november = [
        ["林峰社区党委2023年11月“三会一课”台账"],
        PARTY_HEAD,
        [1, "林峰社区党委", "党课", D(2023, 10, 31), "党史", 52, 46],
        [2, "林峰社区党委", "支委会", D(2023, 11, 6), "学习", 7, 7],
    ]
    ingest(write_xlsx(tmp_path / "林峰社区党委2023年10月三会一课台账.xlsx", {"10月": october}))
    [second] = ingest(write_xlsx(tmp_path / "林峰社区党委2023年11月三会一课台账.xlsx", {"11月": november}))
    assert second.status == "loaded", second.line()
    assert query(
        "SELECT strftime(activity_date, '%Y-%m'), count(*) FROM core.party_activities GROUP BY 1 ORDER BY 1"
    ) == [("2023-10", 2), ("2023-11", 1)]


def test_an_event_closed_next_month_is_its_later_version_not_a_new_event(tmp_path, ingest, query):
    moment = dt.datetime(2023, 10, 9, 8)
    first = [GRID_HEAD, ["DX1", "第3网格", "服务群众", moment, moment + dt.timedelta(days=3), None, "办理中"]]
    later = dt.datetime(2023, 11, 2, 8)
    second = [
        GRID_HEAD,
        ["DX1", "第3网格", "服务群众", moment, moment + dt.timedelta(days=3), later, "已办结"],
        ["DX2", "第5网格", "治安防控", later, later + dt.timedelta(days=3), None, "受理"],
    ]
    ingest(write_csv(tmp_path / "东星社区事件列表2023年10月.csv", first))
    [outcome] = ingest(write_csv(tmp_path / "东星社区事件列表2023年11月.csv", second))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT event_id, status FROM core.grid_events ORDER BY 1") == [
        ("DX1", "已办结"),
        ("DX2", "受理"),
    ]


def test_event_numbers_restarted_each_month_are_asked_not_merged(tmp_path, home, ingest, query):
    def month(m, types):
        day = dt.datetime(2023, m, 5, 9)
        return [
            GRID_HEAD,
            *[
                [i + 1, "第3网格", t, day + dt.timedelta(days=i), day, None, "受理"]
                for i, t in enumerate(types)
            ],
        ]

    ingest(write_csv(tmp_path / "东星社区网格事件2023年10月.csv", month(10, ["服务群众", "治安防控"])))
    [held] = ingest(
        write_csv(
            tmp_path / "东星社区网格事件2023年11月.csv", month(11, ["生态环境", "公共安全", "维护稳定"])
        )
    )
    assert held.status == "held" and "编号" in held.reason and "2023年10月" in held.reason, held.line()
    answer_held(home, {"reported": "不再计入"})
    [again] = ingest()
    assert (again.status, again.rows_loaded, again.rows_quarantined) == ("loaded", 1, 2), again.line()
    assert query("SELECT count(*) FROM core.grid_events") == [(3,)]


def test_a_bubao_named_for_the_month_it_is_sent_in_asks_the_month(tmp_path, home, ingest, query):
    rows = [["龙山村矛盾纠纷补报表"], HEAD, case(1, D(2023, 10, 27)), case(2, D(2023, 10, 30))]
    [held] = ingest(write_xlsx(tmp_path / "龙山村11月补报.xlsx", {"Sheet1": rows}))
    assert held.status == "held" and "补报" in held.reason and "2023年10月" in held.reason, held.line()
    answer_held(home, {"period": "2023-10"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT DISTINCT period FROM staging.disputes") == [("2023-10",)]


def test_a_correction_of_last_months_case_inside_this_months_file_is_asked(tmp_path, home, ingest, query):
    october = [
        ["碗洋村2023年10月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, D(2023, 10, 4)),
        case(3, D(2023, 10, 17)),
    ]
    fixed = case(3, D(2023, 10, 17), "已化解", D(2023, 11, 6))
    fixed[0] = "原10月第3号"
    november = [
        ["碗洋村2023年11月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, D(2023, 11, 2), party="新当事人"),
        [None] * len(HEAD),
        ["更正上月（10月）台账："],
        fixed,
    ]
    ingest(write_xlsx(tmp_path / "碗洋村2023年10月.xlsx", {"10月": october}))
    [held] = ingest(write_xlsx(tmp_path / "碗洋村2023年11月.xlsx", {"11月": november}))
    assert held.status == "held" and "原10月第3号" in held.reason, held.line()
    answer_held(home, {"correction": "按更正导入"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT count(*), count(*) FILTER (status = 'resolved') FROM core.disputes") == [(3, 1)]


def test_all_present_under_attended_is_everyone_expected(tmp_path, ingest, query):
    rows = [
        ["龙山村党支部2023年10月“三会一课”台账"],
        PARTY_HEAD,
        [1, "龙山村党支部", "支委会", D(2023, 10, 8), "学习", 5, "全到"],
        [2, "龙山村党支部", "主题党日", D(2023, 10, 15), "学习", 36, "全部到会"],
        [3, "龙山村党支部", "党课", D(2023, 10, 22), "党史", 36, 30],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村党支部10月三会一课.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), outcome.line()
    assert query("SELECT attended FROM staging.party_activities ORDER BY row_number") == [(5,), (36,), (30,)]


def test_attended_as_its_parts_under_a_header_naming_them_is_their_sum(tmp_path, ingest, query):
    head = ["序号", "党组织", "活动类型", "日期", "主题", "应到人数", "实到人数（现场+线上）"]
    rows = [
        ["洞湖村党支部2023年11月“三会一课”台账"],
        head,
        [1, "洞湖村党支部", "党员大会", D(2023, 11, 5), "学习", 33, "27+4"],
        [2, "洞湖村党支部", "支委会", D(2023, 11, 9), "学习", 5, 5],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "洞湖村党支部11月三会一课.xlsx", {"11月": rows}))
    assert outcome.rows_loaded == 2, outcome.line()
    assert query("SELECT attended FROM staging.party_activities ORDER BY row_number") == [(31,), (5,)]


def test_a_platform_api_export_with_english_field_names_loads(tmp_path, ingest, query):
    head = ["eventCode", "gridName", "eventType", "reportTime", "deadline", "finishTime", "status"]
    rows = [head, ["DX1", "第02网格", "服务群众", "2023-10-02 09:25:00", "2023-10-05 09:25:00", "", "办理中"]]
    [outcome] = ingest(write_csv(tmp_path / "东星社区网格事件接口数据_2023-10.csv", rows))
    assert outcome.status == "loaded", outcome.line()
    assert query("SELECT event_id, grid_id, status FROM staging.grid_events") == [("DX1", "G02", "办理中")]


def test_running_year_totals_are_asked_not_added_up_as_each_visits_counts(tmp_path, home, ingest, query):
    head = ["序号", "日期", "姓名", "身份", "派出单位", "本年累计化解纠纷（件）", "本年累计法律咨询（人次）"]
    rows = [
        ["后埔村2023年11月“三官一律”下沉工作台账"],
        head,
        [1, D(2023, 11, 2), "王某兰", "法官", "西天尾法庭", 9, 31],
        [2, D(2023, 11, 9), "林某强", "律师", "某律所", 10, 36],
    ]
    [held] = ingest(write_xlsx(tmp_path / "后埔村11月三官一律.xlsx", {"11月": rows}))
    assert held.status == "held" and "累计" in held.reason, held.line()
    assert query("SELECT count(*) FROM staging.legal_visits") == [(0,)]


# --- what the rules above must not hold or set aside (a reviewer's false alarms) -----------------------------


def test_a_completion_rate_over_the_plan_stored_as_an_excel_fraction_agrees(tmp_path, ingest, query):
    head = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划（万元）",
        "累计完成（万元）",
        "年度计划完成率",
    ]
    rows = [["园区2023年10月重点项目推进台账"], head, [1, "智能制造孵化基地", "在建", 20000, 1000, 1800, 1.8]]
    [outcome] = ingest(write_xlsx(tmp_path / "园区管委会10月重点项目.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), outcome.line()


def test_an_attendance_rate_net_of_leave_sets_nothing_aside(tmp_path, ingest, query):
    rows = [
        ["后埔村党支部2023年10月“三会一课”台账"],
        [*PARTY_HEAD, "请假人数", "参学率"],
        [1, "后埔村党支部", "党员大会", D(2023, 10, 22), "通报", 41, 36, 3, "94.7%"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村党支部10月三会一课.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), outcome.line()


@pytest.mark.parametrize("number", ["10月第1号", "平原调〔2023〕15号"])
def test_a_case_number_naming_this_month_or_a_place_is_no_correction(tmp_path, ingest, query, number):
    head = ["编号", *HEAD[1:]]
    first = case(1, D(2023, 10, 4))
    first[0] = number
    rows = [["碗洋村2023年10月矛盾纠纷排查化解台账"], head, first, case(2, D(2023, 10, 9))]
    [outcome] = ingest(write_xlsx(tmp_path / "碗洋村2023年10月.xlsx", {"10月": rows}))
    assert outcome.status == "loaded", outcome.line()


def test_this_months_total_per_row_is_the_rows_own_count(tmp_path, ingest, query):
    head = ["序号", "日期", "姓名", "身份", "派出单位", "本月累计化解纠纷（件）", "本月累计法律咨询（人次）"]
    rows = [
        ["后埔村2023年11月“三官一律”下沉工作台账"],
        head,
        [1, D(2023, 11, 2), "王某兰", "法官（院长助理）", "西天尾法庭", 1, 3],
        [2, D(2023, 11, 9), "林某强", "见习民警", "西天尾派出所", 0, 2],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村11月三官一律.xlsx", {"11月": rows}))
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 2), outcome.line()
    assert query("SELECT role FROM staging.legal_visits ORDER BY row_number") == [("法官",), ("警官",)]


def test_a_value_the_warehouse_cannot_hold_in_a_grouped_insert_raises_its_own_error(tmp_path):
    import duckdb
    import pyarrow as pa
    from taizhang.etl.warehouse import insert_tables

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE t (n INTEGER)")
    con.execute("BEGIN TRANSACTION")
    with pytest.raises(duckdb.ConversionException):
        insert_tables(con, "t", [pa.table({"n": [1]}), pa.table({"n": [3_000_000_000]})])


# --- batch 11 -------------------------------------------------------------------------------------------------

PETITION_HEAD = [
    "序号",
    "案件编号",
    "信访人",
    "初访时间",
    "信访事项",
    "化解情况",
    "化解日期",
    "是否签订承诺书",
]


def petition(n, first, status="已化解", done=None):
    return [n, f"XF2022-{n:03d}", f"陈某{n}", first, "拆迁安置", status, done, "是" if done else "否"]


def test_a_petition_resolved_before_its_first_visit_or_after_the_list_was_filled_is_set_aside(
    tmp_path, ingest, query
):
    rows = [
        ["镇综治中心2023年11月信访积案台账"],
        ["填报单位：镇综治中心  填报日期：2023年11月10日"],
        PETITION_HEAD,
        petition(1, D(2022, 8, 15), done=D(2021, 9, 20)),
        petition(2, D(2022, 5, 3), done=D(2023, 11, 25)),
        petition(3, D(2022, 1, 4), done=D(2023, 6, 8)),
        petition(4, D(2021, 3, 9), done=D(2023, 10, 17)),
        petition(5, D(2022, 2, 1), "化解中"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇综治中心11月信访积案.xlsx", {"11月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 2), outcome.line()
    reasons = [r for (r,) in query("SELECT reason FROM quarantine.rejected_rows ORDER BY row_number")]
    assert "早于初访时间" in reasons[0] and "晚于这份表的填报日期" in reasons[1]


def test_a_stale_filling_date_sets_nothing_aside(tmp_path, ingest, query):
    rows = [
        ["镇综治中心2023年11月信访积案台账"],
        ["填报日期：2023年1月5日"],
        PETITION_HEAD,
        petition(1, D(2022, 1, 4), done=D(2023, 6, 8)),
        petition(2, D(2021, 3, 9), done=D(2023, 10, 17)),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇综治中心11月信访积案.xlsx", {"11月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), outcome.line()


def test_each_case_on_two_rows_is_asked_not_read_as_open_cases(tmp_path, ingest, query):
    rows = [["吴江村2023年10月矛盾纠纷排查化解台账"], HEAD]
    for i, (day, done) in enumerate([(2, 3), (9, 20), (15, None)], start=1):
        rows.append([i, D(2023, 10, day), "邻里纠纷", f"当事人{i}", f"案情：{i}", None, None, None])
        rows.append(
            [
                None,
                None,
                None,
                None,
                f"化解经过：{i}",
                "村",
                "已化解" if done else "化解中",
                D(2023, 10, done) if done else None,
            ]
        )
    [held] = ingest(write_xlsx(tmp_path / "吴江村10月.xlsx", {"10月": rows}))
    assert held.status == "held" and "两行" in held.reason, held.line()
    assert query("SELECT count(*) FROM staging.disputes") == [(0,)]


def test_a_month_sheet_copied_from_the_month_before_is_asked_and_skipped_when_said(
    tmp_path, home, ingest, query
):
    september = [
        ["东星社区2023年9月矛盾纠纷排查化解台账"],
        HEAD,
        case(1, D(2023, 9, 3)),
        case(2, D(2023, 9, 11)),
    ]
    october = [["东星社区2023年10月矛盾纠纷排查化解台账"], *september[1:]]
    august = [["东星社区2023年8月矛盾纠纷排查化解台账"], HEAD, case(3, D(2023, 8, 4))]
    path = write_xlsx(
        tmp_path / "东星社区2023年矛盾纠纷台账（8-10月）.xlsx",
        {"8月": august, "9月": september, "10月": october},
    )
    [held] = ingest(path)
    assert held.status == "held" and "“10月”" in held.reason and "“9月”" in held.reason, held.line()
    answer_held(home, {"copy": "不导入这张表"})
    [again] = ingest()
    assert again.status == "loaded", again.line()
    assert query("SELECT period, count(*) FROM staging.disputes GROUP BY 1 ORDER BY 1") == [
        ("2023-08", 1),
        ("2023-09", 2),
    ]


def test_a_case_resolved_days_after_the_filling_date_is_an_update_not_a_contradiction(
    tmp_path, ingest, query
):
    rows = [
        ["东星社区2023年10月矛盾纠纷排查化解台账"],
        ["填报日期：2023年10月31日"],
        HEAD,
        case(1, D(2023, 10, 5), "已化解", D(2023, 10, 9)),
        case(2, D(2023, 10, 20), "已化解", D(2023, 11, 1)),
        case(3, D(2023, 10, 25)),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区10月.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), outcome.line()
