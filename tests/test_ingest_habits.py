"""Ingest tried as a new user would: files written with habits other than the ones in test_ingest.py and
etl/demo.py. Each test is one (or a few) realistic file(s) from a village clerk or a town office, and states
what a sensible analyst expects: rows loaded, rows quarantined with which Chinese reason, canonical values,
unit, period, exit code — and that nothing is lost (every data row ends in staging or in quarantine).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io

import pytest
from builders import write_csv, write_xls, write_xlsx
from taizhang.etl.privacy import id_check_char

from taizhang.cli import main

D = dt.date


# --- helpers ---------------------------------------------------------------------------------------------


def problems(query) -> list[tuple]:
    return query(
        "SELECT sheet, row_number, column_name, reason FROM quarantine.rejected_rows "
        "ORDER BY sheet, row_number, column_name"
    )


def accounted(query, ledger: str) -> int:
    """Data rows that ended somewhere: staged + distinct quarantined rows."""
    staged = query(f"SELECT count(*) FROM staging.{ledger}")[0][0]
    quarantined = query(
        "SELECT count(*) FROM (SELECT DISTINCT file_sha256, sheet, row_number FROM quarantine.rejected_rows)"
    )[0][0]
    return staged + quarantined


def why(outcomes, query) -> str:
    """What happened, for assertion messages: the console lines and the quarantine reasons."""
    outcomes = outcomes if isinstance(outcomes, list) else [outcomes]
    lines = [o.line() for o in outcomes]
    return (
        " || ".join(lines)
        + " || "
        + "; ".join(f"{s}!r{r} {c}: {reason}" for s, r, c, reason in problems(query))
    )


def valid_id(first17: str) -> str:
    return first17 + id_check_char(first17)


# Dispute headers a clerk might use that are all in ledgers.yaml but not the ones the other tests use.
DISPUTE_HEAD = [
    "序号",
    "受理时间",
    "纠纷种类",
    "当事人",
    "联系电话",
    "简要情况",
    "调解员",
    "化解层级",
    "化解结果",
    "化解时间",
    "备注",
]


def dispute(
    seq,
    received,
    status="化解中",
    resolved=None,
    *,
    kind="邻里纠纷",
    level="村",
    party="林某某",
    summary="相邻排水纠纷",
    remarks=None,
):
    return [seq, received, kind, party, "", summary, "陈某", level, status, resolved, remarks]


# ================================================================================================
# disputes — 矛盾纠纷排查化解台账
# ================================================================================================


def test_header_on_row_6_after_a_long_title_block_sent_by_the_party_branch(tmp_path, ingest, query):
    """Title without the unit, period on its own line, the 填报单位 spread over cells and naming the
    party branch (龙山村党支部), a contact line, a blank row; the header is on Excel row 6."""
    head = [
        "序号",
        "登记日期",
        "所属村居",
        "纠纷类别",
        "当事人姓名",
        "联系方式",
        "纠纷简要情况",
        "调解人",
        "化解层级",
        "调处结果",
        "办结日期",
        "备注",
    ]
    rows = [
        ["西天尾镇矛盾纠纷排查化解工作台账"],
        ["（2023年10月）"],
        ["填报单位：", "龙山村党支部", None, None, None, None, None, None, "填报日期：", "2023年11月1日"],
        ["联系人：林某某", None, None, None, None, None, None, None, "联系电话：", "0594-2681234"],
        [],
        head,
        [
            1,
            "2023-10-03",
            "龙山村",
            "邻里纠纷",
            "林某",
            "13905940001",
            "宅基地排水沟纠纷",
            "陈某",
            "村",
            "已化解",
            "2023-10-05",
            None,
        ],
        [
            2,
            "2023-10-09",
            "龙山村",
            "婚姻家庭",
            "黄某",
            "",
            "夫妻矛盾",
            "陈某",
            "片区调解室",
            "化解中",
            None,
            None,
        ],
        [
            3,
            "2023-10-17",
            "龙山村",
            "劳资纠纷",
            "郑某",
            "",
            "拖欠工资",
            "陈某",
            "镇",
            "调解成功",
            "2023-10-20",
            None,
        ],
        [4, "2023-10-25", "龙山村", "征地拆迁", "吴某", "", "征迁补偿", "陈某", "上级", "未化解", None, None],
        ["合 计", None, None, "4件"],
        ["填报人：林某", None, None, None, "审核人：王某"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": rows}))
    msg = why(outcome, query)
    assert outcome.status == "loaded", msg
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (4, 0), msg
    assert outcome.dropped == {"total": 1, "footer": 1}, msg
    assert query("SELECT sender, unit_id, period, header_row FROM meta.source_sheets") == [
        ("龙山村", "longshan", "2023-10", 6)
    ]
    assert query("SELECT status, level, dispute_type FROM staging.disputes ORDER BY row_number") == [
        ("resolved", "村/社区", "邻里纠纷"),
        ("open", "片区调解室", "婚姻家庭"),
        ("resolved", "镇", "其他"),
        ("not_resolved", "上级/移交", "征地拆迁"),
    ]
    assert query("SELECT dispute_type_raw FROM staging.disputes WHERE dispute_type = '其他'") == [
        ("劳资纠纷",)
    ]


def test_date_forms_that_must_read(tmp_path, ingest, query):
    """Zero-padded 日, unpadded ISO, text with seconds, a datetime cell with seconds, a text column with a
    trailing space or a no-break space copied from a web page."""
    received = [
        "2023年10月03日",
        "2023-10-4",
        "2023-10-05 14:25:36",
        dt.datetime(2023, 10, 6, 9, 30, 15),
        "2023-10-07 ",
        "2023/10/08\u00a0",
    ]
    rows = [["西天尾镇碗洋村2023年10月矛盾纠纷排查化解台账"], DISPUTE_HEAD]
    rows += [dispute(i, d) for i, d in enumerate(received, 1)]
    # another case received the same day (another party: the same party, day and summary would be one case)
    rows.append(dispute(7, "2023年10月03日", "已化解", "2023-10-10 16:00:00", party="黄某某"))
    [outcome] = ingest(write_xlsx(tmp_path / "碗洋村纠纷台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (7, 0), why(outcome, query)
    got = query("SELECT received_date, resolved_date FROM staging.disputes ORDER BY row_number")
    assert [g[0] for g in got] == [D(2023, 10, d) for d in (3, 4, 5, 6, 7, 8, 3)]
    assert got[-1][1] == D(2023, 10, 10)


@pytest.mark.parametrize(
    "written",
    [
        "2023年10月3号",
        "23.10.3",
    ],
)
def test_date_forms_clerks_type_that_are_not_read(tmp_path, ingest, query, written):
    rows = [["林峰社区2023年10月矛盾纠纷排查化解台账"], DISPUTE_HEAD, dispute(1, written)]
    [outcome] = ingest(write_xlsx(tmp_path / "林峰社区纠纷.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), why(outcome, query)
    assert query("SELECT received_date FROM staging.disputes") == [(D(2023, 10, 3),)]


def test_status_words_that_read(tmp_path, ingest, query):
    rows = [
        ["西天尾镇后埔村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-02", "已办结", "2023-10-06"),
        dispute(2, "2023-10-03", "调解成功，已履行", "2023-10-08"),
        dispute(3, "2023-10-04", "正在化解中"),
        dispute(4, "2023-10-05", "调解未成功", level="上级"),
        dispute(5, "2023-10-06", "已化解（双方签订调解协议书）", "2023-10-09"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (5, 0), why(outcome, query)
    assert [r[0] for r in query("SELECT status FROM staging.disputes ORDER BY row_number")] == [
        "resolved",
        "resolved",
        "open",
        "not_resolved",
        "resolved",
    ]


def test_status_words_for_resolved_that_are_missing(tmp_path, ingest, query):
    rows = [
        ["西天尾镇后埔村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-02", "已调处", "2023-10-06"),
        dispute(2, "2023-10-03", "已结案", "2023-10-08"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT status FROM staging.disputes") == [("resolved",), ("resolved",)]


def test_failed_mediation_is_not_counted_as_resolved(tmp_path, ingest, query):
    rows = [
        ["西天尾镇后埔村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-02", "未调解成功", level="上级"),
        dispute(2, "2023-10-03", "未调解成功", "2023-10-09", level="上级"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    msg = why(outcome, query)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), msg
    assert query("SELECT row_number, status FROM staging.disputes ORDER BY row_number") == [
        (3, "not_resolved"),
        (4, "not_resolved"),
    ], msg


def test_row_rule_problems_name_the_clerks_column(tmp_path, ingest, query):
    rows = [
        ["西天尾镇后埔村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-12", "已化解", "2023-10-02"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    assert problems(query) == [("Sheet1", 3, "化解时间", "化解日期早于受理日期")], why(outcome, query)


def test_unit_column_with_committee_and_town_prefixed_names(tmp_path, ingest, query):
    """A 综治中心 summary whose 所属村居 column holds names as the villages stamp them."""
    head = ["序号", "所属村居", "受理日期", "纠纷类型", "化解层级", "化解情况", "化解日期"]
    names = [
        "西天尾镇龙山村委会",
        "龙山村民委员会",
        "溪白社区居委会",
        "东星社区居民委员会",
        "后黄村委会",
        "林峰社区居委会",
        "西天尾镇三山村民委员会",
    ]
    rows = [["西天尾镇2023年10月矛盾纠纷排查化解汇总表"], ["填报单位：西天尾镇综治中心"], head]
    rows += [[i, n, f"2023-10-{i:02d}", "邻里纠纷", "村", "化解中", None] for i, n in enumerate(names, 1)]
    [outcome] = ingest(write_xlsx(tmp_path / "汇总.xlsx", {"汇总": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (7, 0), why(outcome, query)
    assert outcome.used[0].sender == "镇综治中心"
    assert [r[0] for r in query("SELECT unit_id FROM staging.disputes ORDER BY row_number")] == [
        "longshan",
        "longshan",
        "xibai",
        "dongxing",
        "houhuang",
        "linfeng",
        "sanshan",
    ]


def test_three_row_header_with_vertically_merged_seq(tmp_path, ingest, query):
    top = ["序号", "纠纷基本情况", None, None, None, "简要案情", "化解情况", None, None]
    mid = [None, "受理日期", "纠纷类型", "当事人", None, None, "化解层级", "化解结果", "化解日期"]
    low = [None, None, None, "姓名", "联系电话", None, None, None, None]
    merges = [
        (1, 0, 3, 0, "序号"),
        (1, 1, 1, 4, "纠纷基本情况"),
        (1, 5, 3, 5, "简要案情"),
        (1, 6, 1, 8, "化解情况"),
        (2, 1, 3, 1, "受理日期"),
        (2, 2, 3, 2, "纠纷类型"),
        (2, 3, 2, 4, "当事人"),
        (2, 6, 3, 6, "化解层级"),
        (2, 7, 3, 7, "化解结果"),
        (2, 8, 3, 8, "化解日期"),
    ]
    data = [
        [1, "2023-10-08", "邻里纠纷", "王某", "13905940021", "滴水檐纠纷", "村", "已化解", "2023-10-09"],
        [2, "2023-10-12", "婚姻家庭", "李某", "13905940022", "离婚财产分割", "镇", "化解中", None],
        [3, "2023-10-20", "土地承包", "周某", "13905940023", "承包地地界", "村", "已化解", "2023-10-22"],
    ]
    rows = [["后卓村2023年10月矛盾纠纷排查化解台账"], top, mid, low, *data]
    [outcome] = ingest(write_xlsx(tmp_path / "后卓村.xlsx", {"Sheet1": rows}, {"Sheet1": merges}))
    msg = why(outcome, query)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), msg
    got = query(
        "SELECT row_number, parties_masked, phone_token IS NOT NULL, summary, status "
        "FROM staging.disputes ORDER BY row_number"
    )
    assert got == [
        (5, "王某某", True, "滴水檐纠纷", "resolved"),
        (6, "李某某", True, "离婚财产分割", "open"),
        (7, "周某某", True, "承包地地界", "resolved"),
    ], msg


def test_gb18030_csv_with_a_title_line_and_a_rare_character(tmp_path, ingest, query):
    """Exported from WPS as “CSV (逗号分隔)” in GB18030; a name with 䶮 (not in GBK); unit and period only in
    the title line, the file name says nothing."""
    rows = [
        ["西天尾镇洞湖村2023年10月矛盾纠纷排查化解台账"],
        [
            "序号",
            "受理日期",
            "纠纷类型",
            "当事人",
            "联系电话",
            "简要案情",
            "化解层级",
            "化解情况",
            "化解日期",
            "备注",
        ],
        [
            1,
            "2023/10/9",
            "邻里纠纷",
            "刘䶮",
            "13905940011",
            "刘䶮与邻居因滴水檐发生争执",
            "村",
            "已化解",
            "2023/10/12",
            "",
        ],
        [2, "2023/10/20", "婚姻家庭", "黄某", "", "夫妻矛盾", "片区调解室", "化解中", "", ""],
    ]
    [outcome] = ingest(write_csv(tmp_path / "export.csv", rows, "gb18030"))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT DISTINCT unit_id, period FROM staging.disputes") == [("donghu", "2023-10")]
    assert query("SELECT parties_masked, summary FROM staging.disputes ORDER BY row_number")[0] == (
        "刘某某",
        "刘䶮与邻居因滴水檐发生争执",
    )


def test_workbook_with_two_monthly_sheets(tmp_path, ingest, query):
    def sheet(month):
        return [
            DISPUTE_HEAD,
            dispute(1, f"2023-{month:02d}-05", "已化解", f"2023-{month:02d}-08"),
            dispute(2, f"2023-{month:02d}-19"),
        ]

    path = write_xlsx(
        tmp_path / "吴江村矛盾纠纷排查化解台账2023年10月.xlsx", {"9月": sheet(9), "10月": sheet(10)}
    )
    [outcome] = ingest(path)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (4, 0), why(outcome, query)
    assert query("SELECT sheet, period, sender FROM meta.source_sheets ORDER BY period") == [
        ("9月", "2023-09", "吴江村"),
        ("10月", "2023-10", "吴江村"),
    ]
    assert query("SELECT DISTINCT sheet, period FROM staging.disputes ORDER BY period") == [
        ("9月", "2023-09"),
        ("10月", "2023-10"),
    ]


def test_zero_report_without_a_header(tmp_path, home, query, capsys):
    rows = [
        ["西天尾镇龙山村2023年10月矛盾纠纷排查化解台账"],
        [],
        ["本月无新增矛盾纠纷"],
        [],
        ["填报人：林某　　审核人：王某　　填报日期：2023年11月1日"],
    ]
    path = write_xlsx(tmp_path / "龙山村零报告.xlsx", {"Sheet1": rows})
    code = main(["ingest", str(path), "--home", str(home.root)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "零报告" in out, out
    assert query("SELECT status FROM meta.source_files") == [("zero_report",)]
    assert query("SELECT ledger, sender, period, status FROM meta.source_sheets") == [
        ("disputes", "龙山村", "2023-10", "zero_report")
    ]


def test_spaced_total_and_zhibiao_footer(tmp_path, ingest, query):
    head = ["受理时间", "纠纷种类", "当事人", "简要情况", "化解层级", "化解结果", "化解时间"]
    rows = [
        ["西天尾镇象峰村2023年10月矛盾纠纷排查化解台账"],
        head,
        ["2023-10-02", "邻里纠纷", "林某", "通行", "村", "化解中", None],
        ["2023-10-09", "婚姻家庭", "黄某", "赡养", "村", "化解中", None],
        ["2023-10-15", "土地承包", "郑某", "地界", "村", "已化解", "2023-10-18"],
        ["合 计", "3件"],
        ["制表：林某某　　审核：王某某　　2023年11月2日"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "象峰村纠纷台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    assert outcome.dropped == {"total": 1, "footer": 1}


def test_remarks_full_of_text_and_id_numbers_inside_the_summary(tmp_path, ingest, query):
    id1, id2 = valid_id("35030219850101123"), valid_id("35030419900715456")
    id2_spaced = f"{id2[:6]} {id2[6:14]} {id2[14:]}"
    rows = [
        ["西天尾镇三山村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(
            1,
            "2023-10-11",
            "已化解",
            "2023-10-16",
            kind="土地承包",
            summary=f"郑某（身份证号：{id1}）与村民小组因承包地边界发生争议",
            remarks="已于10月18日回访，双方均表示满意，当事人电话0594-2681234",
        ),
        dispute(
            2,
            "2023-10-19",
            kind="征地拆迁",
            level="镇",
            summary=f"吴某，身份证 {id2_spaced}，反映征迁补偿款未到位",
            remarks="已上报镇征迁办，待协调；联系人手机138 0594 1234",
        ),
        dispute(3, "2023-10-25", remarks="1.已组织双方调解两次；\n2.拟移交司法所。\n3.下月继续跟踪"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "三山村纠纷台账2023年10月.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    texts = " ".join(f"{s} {r}" for s, r in query("SELECT summary, remarks FROM staging.disputes"))
    for secret in (id1, id2, id2[6:14], "2681234", "1234"):
        assert secret not in texts, texts
    assert "［身份证号已隐去］" in texts and "［电话已隐去］" in texts
    assert "下月继续跟踪" in texts


def test_tiaojie_riqi_is_the_resolution_date(tmp_path, ingest, query):
    rows = [
        ["后埔村2023年10月矛盾纠纷调解台账"],
        ["序号", "登记日期", "矛盾类型", "当事人", "调解结果", "调解日期", "备注"],
        [1, "2023-10-08", "邻里纠纷", "林某", "调解成功", "2023-10-10", None],
        [2, "2023-10-16", "婚姻家庭", "黄某", "正在调解", None, None],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "后埔村调解台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT received_date, status, resolved_date FROM staging.disputes ORDER BY row_number") == [
        (D(2023, 10, 8), "resolved", D(2023, 10, 10)),
        (D(2023, 10, 16), "open", None),
    ]


def test_dispute_header_wording_not_in_the_synonyms(tmp_path, home, query, capsys):
    rows = [
        ["西天尾镇北大村2023年10月矛盾纠纷排查化解台账"],
        [
            "序号",
            "受理时间",
            "纠纷性质",
            "当事人",
            "纠纷概况",
            "包案干部",
            "调处单位",
            "化解进度",
            "结案时间",
        ],
        [1, "2023-10-04", "邻里纠纷", "林某", "通行纠纷", "陈某", "村调委会", "已化解", "2023-10-06"],
        [2, "2023-10-21", "婚姻家庭", "黄某", "赡养纠纷", "王某", "片区调解室", "化解中", None],
    ]
    path = write_xlsx(tmp_path / "北大村纠纷台账.xlsx", {"Sheet1": rows})
    code = main(["ingest", str(path), "--home", str(home.root), "--verbose"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "北大村纠纷台账.xlsx［矛盾纠纷排查化解台账 北大村 2023-10］：导入 2 行，隔离 0 行" in out, out
    assert query(
        "SELECT dispute_type, level, status, resolved_date, mediator_masked, summary FROM staging.disputes "
        "ORDER BY row_number"
    ) == [
        ("邻里纠纷", "村/社区", "resolved", D(2023, 10, 6), "陈某某", "通行纠纷"),
        ("婚姻家庭", "片区调解室", "open", None, "王某某", "赡养纠纷"),
    ]


def test_level_words_not_in_the_vocabulary(tmp_path, ingest, query):
    rows = [
        ["西天尾镇下垞村2023年10月矛盾纠纷排查化解台账"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-03", "已化解", "2023-10-07", level="镇人民调解委员会"),
        dispute(2, "2023-10-09", "已移交", level="区信访局"),
        dispute(3, "2023-10-13", "已化解", "2023-10-14", level="村两委"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "下垞村纠纷台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    assert [r[0] for r in query("SELECT level FROM staging.disputes ORDER BY row_number")] == [
        "镇",
        "上级/移交",
        "村/社区",
    ]


def test_filler_line_with_stamp_note(tmp_path, ingest, query):
    rows = [
        ["2023年10月矛盾纠纷排查化解台账"],
        ["填报单位（盖章）：龙山村民委员会          填报时间：2023年11月1日"],
        DISPUTE_HEAD,
        dispute(1, "2023-10-03"),
        dispute(2, "2023-10-11", "已化解", "2023-10-12"),
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "纠纷台账.xlsx", {"Sheet1": rows}))
    assert outcome.status == "loaded", why(outcome, query)
    assert query("SELECT sender, unit_id, period FROM meta.source_sheets") == [
        ("龙山村", "longshan", "2023-10")
    ]


# ================================================================================================
# key_projects — 重点项目台账
# ================================================================================================

PROJECT_TITLE = ["西天尾镇重点项目推进情况表（2023年10月）"]
PROJECT_FILLER = ["填报单位：镇项目办"]


@pytest.mark.parametrize(
    "unit_line, cells, expected",
    [
        ("单位：亿元", [1.2, 0.5, 0.3], (12000.0, 5000.0, 3000.0)),
        pytest.param("单位：万元", ["12,000", "约5000万元", "3,000.5"], (12000.0, 5000.0, 3000.5)),
    ],
)
def test_money_unit_in_a_line_above_the_table(tmp_path, ingest, query, unit_line, cells, expected):
    head = ["序号", "项目名称", "建设性质", "总投资", "年度计划投资", "累计完成投资"]
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        [None, None, None, None, None, unit_line],
        head,
        [1, "龙山村农房整治提升项目", "续建", *cells],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "重点项目.xlsx", {"10月": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), why(outcome, query)
    assert query(
        "SELECT zone, stage, total_investment, annual_plan, completed_investment FROM staging.key_projects"
    ) == [("镇", "在建", *expected)]


def test_planned_completion_is_the_annual_plan(tmp_path, ingest, query):
    rows = [
        ["西天尾工业园区2023年重点项目台账（2023年10月）"],
        ["填报单位：园区管委会"],
        [
            "序号",
            "项目名称",
            "项目阶段",
            "总投资（万元）",
            "2023年计划完成投资（万元）",
            "1-10月完成投资（万元）",
        ],
        [1, "园区标准厂房三期", "在建", 20000, 8000, 6500],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "园区重点项目.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 1, why(outcome, query)
    assert query(
        "SELECT zone, total_investment, annual_plan, completed_investment FROM staging.key_projects"
    ) == [("园区", 20000.0, 8000.0, 6500.0)]


def test_stage_given_by_section_rows(tmp_path, ingest, query):
    head = ["序号", "项目名称", "建设内容", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        head,
        ["一、在建项目（2个）"],
        [1, "龙山溪综合治理", "河道整治3公里", 3000, 1500, 1200],
        [2, "东星社区停车场", "停车位200个", 800, 800, 650],
        ["二、前期项目（1个）"],
        [3, "林山村文化礼堂", "礼堂1座", 600, 100, 0],
    ]
    merges = {"10月": [(3, 0, 3, 5, rows[3][0]), (6, 0, 6, 5, rows[6][0])]}
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"10月": rows}, merges))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    assert [r[0] for r in query("SELECT stage FROM staging.key_projects ORDER BY row_number")] == [
        "在建",
        "在建",
        "前期",
    ]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("拟新开工", "预备"),
        ("未开工", None),
    ],
)
def test_stage_words_that_negate_the_construction(tmp_path, ingest, query, written, expected):
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        ["序号", "项目名称", "项目状态", "总投资（万元）"],
        [1, "象峰村污水管网", written, 1200],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"Sheet1": rows}))
    msg = why(outcome, query)
    if expected:
        assert query("SELECT stage FROM staging.key_projects") == [(expected,)], msg
    else:
        assert outcome.rows_loaded == 0 and outcome.rows_quarantined == 1, msg
        assert "项目状态" in problems(query)[0][2] and "无法识别" in problems(query)[0][3], msg


def test_yi_without_yuan_in_a_wan_yuan_column(tmp_path, ingest, query):
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        ["序号", "项目名称", "项目阶段", "总投资（万元）"],
        [1, "西天尾镇区提升工程", "在建", "3.2亿"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 1, why(outcome, query)
    assert query("SELECT total_investment FROM staging.key_projects") == [(32000.0,)]


def test_xiangmu_fenlei_is_the_stage(tmp_path, ingest, query):
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        ["序号", "项目名称", "项目分类", "总投资（万元）", "累计完成投资（万元）"],
        [1, "龙山溪综合治理", "在建", 3000, 1200],
        [2, "林山村文化礼堂", "前期", 600, 0],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert [r[0] for r in query("SELECT stage FROM staging.key_projects ORDER BY row_number")] == [
        "在建",
        "前期",
    ]


def test_town_total_row(tmp_path, ingest, query):
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        ["序号", "项目名称", "项目阶段", "总投资（万元）", "累计完成投资（万元）"],
        [1, "龙山溪综合治理", "在建", 3000, 1200],
        [2, "林山村文化礼堂", "前期", 600, 0],
        [None, "全镇合计", None, 3600, 1200],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert outcome.dropped == {"total": 1}


def test_first_data_row_is_not_taken_for_a_second_header_row_key_projects(tmp_path, ingest, query):
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        [
            "序号",
            "项目名称",
            "项目类别",
            "建设内容",
            "总投资（万元）",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "备注",
        ],
        [1, "龙山村道路提升", "在建", "道路硬化2公里", 500, 300, 200, "存在问题：征地未完成"],
        [2, "象峰村公园", "前期", "公园1处", 300, 100, 0, None],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"Sheet1": rows}))
    msg = why(outcome, query)
    assert accounted(query, "key_projects") == 2, msg
    assert query("SELECT row_number, project_name FROM staging.key_projects ORDER BY row_number") == [
        (4, "龙山村道路提升"),
        (5, "象峰村公园"),
    ], msg


def test_sparse_preliminary_project_is_not_a_footer(tmp_path, ingest, query):
    head = [
        "序号",
        "项目名称",
        "项目阶段",
        "建设内容",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "形象进度",
        "存在问题",
    ]
    rows = [
        PROJECT_TITLE,
        PROJECT_FILLER,
        head,
        [1, "龙山溪综合治理", "在建", "河道整治3公里", 3000, 1500, 1200, "完成80%", None],
        [2, "林山村文化礼堂", "前期", None, None, None, None, "审批手续办理中", None],
        [3, "东星社区停车场", "在建", "停车位200个", 800, 800, 650, "主体完工", None],
        [4, "象峰村污水管网", "预备", "管网5公里", 1200, 300, 0, "招标中", "资金未落实"],
        [None, "合计", None, None, 5000, 2600, 1850],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "镇项目办重点项目.xlsx", {"10月": rows}))
    msg = why(outcome, query)
    assert accounted(query, "key_projects") == 4, msg
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (4, 0), msg
    assert outcome.dropped == {"total": 1}, msg


# ================================================================================================
# petitions — 信访积案台账
# ================================================================================================

PETITION_HEAD = [
    "序号",
    "案件编号",
    "信访人",
    "反映问题",
    "初访时间",
    "包案领导",
    "状态",
    "化解日期",
    "是否签订息访息诉承诺书（是/否）",
]


def test_xls_petitions_with_ticks_and_mixed_dates(tmp_path, ingest, query):
    rows = [
        ["西天尾镇信访积案化解台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        PETITION_HEAD,
        [1, "XF2019-03", "陈某某", "宅基地审批", D(2019, 3, 5), "林某", "已销号", D(2023, 6, 20), "√"],
        [
            2,
            "XF2020-11",
            "黄某某",
            "征地补偿",
            "2020年11月12日",
            "王某",
            "已息访息诉",
            "2023年9月30日",
            "已签",
        ],
        [3, "XF2021-02", "吴某某", "劳动报酬", "2021.2.8", "郑某", "化解中", None, "×"],
        [4, "XF2022-07", "李某某", "土地确权", "2022/7/15", "陈某", "化解中", None, None],
    ]
    [outcome] = ingest(write_xls(tmp_path / "镇综治中心信访积案台账2023年10月.xls", {"信访积案": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (4, 0), why(outcome, query)
    assert query(
        "SELECT case_id, status, first_visit_date, resolved_date, pledge_signed FROM staging.petitions "
        "ORDER BY row_number"
    ) == [
        ("XF2019-03", "resolved", D(2019, 3, 5), D(2023, 6, 20), True),
        ("XF2020-11", "resolved", D(2020, 11, 12), D(2023, 9, 30), True),
        ("XF2021-02", "open", D(2021, 2, 8), None, False),
        ("XF2022-07", "open", D(2022, 7, 15), None, None),
    ]
    assert query("SELECT sender, period FROM meta.source_sheets") == [("镇综治中心", "2023-10")]


@pytest.mark.parametrize(
    "written",
    [
        "稳控中",
        "未息访",
    ],
)
def test_petition_status_words_meaning_still_open(tmp_path, ingest, query, written):
    rows = [
        ["西天尾镇信访积案化解台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        PETITION_HEAD,
        [1, "XF2021-05", "陈某某", "拆迁安置", "2021年5月6日", "林某", written, None, "否"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "信访积案台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (1, 0), why(outcome, query)
    assert query("SELECT status, status_raw FROM staging.petitions") == [("open", written)]


def test_petition_header_wording_not_in_the_synonyms(tmp_path, ingest, query):
    rows = [
        ["西天尾镇信访积案台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        [
            "序号",
            "信访件号",
            "来访人",
            "主要诉求",
            "首次信访日期",
            "包案领导",
            "化解进展",
            "办结时间",
            "是否签订承诺书",
        ],
        [1, "XF2020-02", "陈某某", "征地补偿", "2020-02-11", "林某", "已化解", "2023-08-15", "是"],
        [2, "XF2021-09", "黄某某", "宅基地", "2021-09-03", "王某", "化解中", None, "否"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "信访积案台账.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query(
        "SELECT case_id, petitioner_masked, first_visit_date, status, resolved_date FROM staging.petitions "
        "ORDER BY row_number"
    ) == [
        ("XF2020-02", "陈某某", D(2020, 2, 11), "resolved", D(2023, 8, 15)),
        ("XF2021-09", "黄某某", D(2021, 9, 3), "open", None),
    ]


# ================================================================================================
# legal_visits — “三官一律”下沉工作台账
# ================================================================================================

SNIFFER = (
    "a delimited text file with title lines above the header is rejected “没有找到可识别的台账”: "
    "csv.Sniffer fails on the title lines (“Could not determine delimiter”) and etl/read.py read_csv falls back "
    "to “,”, so the whole table is one column"
)


@pytest.mark.parametrize(
    "delimiter, encoding, suffix",
    [
        (";", "utf-8-sig", ".csv"),
        ("\t", "utf-16", ".txt"),  # Excel “Unicode 文本”
    ],
)
def test_delimited_text_with_title_lines_and_units_in_the_header(
    tmp_path, ingest, query, delimiter, encoding, suffix
):
    rows = [
        ["西天尾镇“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        [
            "序号",
            "下沉日期",
            "姓名",
            "身份",
            "派出单位",
            "挂点村居",
            "活动内容",
            "化解纠纷（件）",
            "法律咨询（人次）",
        ],
        [
            1,
            "2023-10-09",
            "陈某",
            "员额法官",
            "荔城区法院西天尾法庭",
            "东星社区",
            "带案下访，调解邻里纠纷",
            "1",
            "3",
        ],
        [2, "2023-10-12", "林某", "社区民警", "西天尾派出所", "溪白社区居委会", "普法宣传", "0", "３"],
        [3, "2023-10-20", "黄某", "驻村律师", "福建某某律师事务所", "龙山村", "法律咨询", "—", "5"],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / f"三官一律台账{suffix}"
    path.write_bytes(buf.getvalue().encode(encoding))  # Python's utf-16 writes the BOM, as Excel does
    [outcome] = ingest(path)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    assert query(
        "SELECT unit_id, role, disputes_resolved, consultations FROM staging.legal_visits ORDER BY row_number"
    ) == [("dongxing", "法官", 1, 3), ("xibai", "警官", 0, 3), ("longshan", "律师", None, 5)]


def test_counts_with_measure_words(tmp_path, ingest, query):
    rows = [
        ["西天尾镇“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        ["序号", "日期", "姓名", "身份", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"],
        [1, "2023-10-09", "陈某", "法官", "东星社区", "带案下访", "5（件）", "3人次"],
        [2, "2023-10-10", "林某", "律师", "后卓村", "调解", "1起", "2"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "三官一律.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT disputes_resolved, consultations FROM staging.legal_visits ORDER BY row_number") == [
        (5, 3),
        (1, 2),
    ]


def test_legal_visit_header_wording_not_in_the_synonyms(tmp_path, ingest, query):
    rows = [
        ["西天尾镇“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        [
            "序号",
            "日期",
            "姓名",
            "人员类型",
            "派出单位",
            "挂钩村（居）",
            "活动内容",
            "调处纠纷（起）",
            "法律咨询（次）",
        ],
        [1, "2023-10-09", "陈某", "法官", "西天尾法庭", "林峰社区", "带案下访", 1, 2],
        [2, "2023-10-11", "林某", "检察官", "荔城区检察院", "洞湖村", "普法", 0, 4],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "三官一律.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query(
        "SELECT role, unit_id, disputes_resolved, consultations FROM staging.legal_visits ORDER BY row_number"
    ) == [("法官", "linfeng", 1, 2), ("检察官", "donghu", 0, 4)]


# ================================================================================================
# grid_events — 网格事件
# ================================================================================================

GRID_HEAD = [
    "事件编号",
    "事件来源",
    "所属网格",
    "事件类型",
    "上报时间",
    "处理时限",
    "办结时间",
    "状态",
    "事件描述",
    "上报人",
]


def test_utf16_tab_separated_unicode_text_export(tmp_path, ingest, query):
    """Excel “另存为 → Unicode 文本(*.txt)”: UTF-16LE with BOM, tab-separated, CRLF, quotes doubled."""
    rows = [
        GRID_HEAD,
        [
            "DX20231002001",
            "网格员上报",
            "东星社区第05网格",
            "公共安全",
            "2023/10/2 9:05:33",
            "2023/10/5 9:05:33",
            "2023/10/3 10:12:08",
            "已办结",
            '居民反映"楼道灯不亮", 已报修',
            "陈某",
        ],
        [
            "DX20231015002",
            "12345转办",
            "第3网格",
            "服务群众",
            "2023/10/15 14:00:00",
            "2023/10/18 14:00:00",
            "",
            "办理中",
            "求助:\t办理居住证",
            "林某",
        ],
        [
            "DX20231020003",
            "巡查发现",
            "东星第12网格",
            "生态环境",
            "2023/10/20 8:30:00",
            "2023/10/23 8:30:00",
            "",
            "已分流",
            "垃圾堆放",
            "黄某",
        ],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "东星社区事件列表_20231031.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + buf.getvalue().encode("utf-16-le"))
    [outcome] = ingest(path)
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (3, 0), why(outcome, query)
    assert query(
        "SELECT event_id, grid_id, status, reported_at, description FROM staging.grid_events "
        "ORDER BY row_number"
    ) == [
        (
            "DX20231002001",
            "G05",
            "已办结",
            dt.datetime(2023, 10, 2, 9, 5, 33),
            '居民反映"楼道灯不亮", 已报修',
        ),
        ("DX20231015002", "G03", "办理中", dt.datetime(2023, 10, 15, 14, 0), "求助:\t办理居住证"),
        ("DX20231020003", "G12", "已分流", dt.datetime(2023, 10, 20, 8, 30), "垃圾堆放"),
    ]
    assert query("SELECT sender, period FROM meta.source_sheets") == [("东星社区", "2023-10")]


def test_required_closing_time_is_the_deadline(tmp_path, ingest, query):
    rows = [
        [
            "事件编号",
            "所属网格",
            "事件类型",
            "上报时间",
            "要求办结时间",
            "办结时间",
            "状态",
            "事件描述",
            "上报人",
        ],
        [
            "DX001",
            "第1网格",
            "治安防控",
            "2023-10-02 09:00:00",
            "2023-10-05 09:00:00",
            "2023-10-07 10:00:00",
            "已办结",
            "噪音扰民",
            "陈某",
        ],
        [
            "DX002",
            "第2网格",
            "服务群众",
            "2023-10-03 09:00:00",
            "2023-10-06 09:00:00",
            None,
            "办理中",
            "求助",
            "林某",
        ],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "东星社区网格事件2023年10月.xlsx", {"事件列表": rows}))
    assert outcome.rows_loaded == 2, why(outcome, query)
    assert query("SELECT deadline, closed_at FROM staging.grid_events ORDER BY row_number") == [
        (dt.datetime(2023, 10, 5, 9), dt.datetime(2023, 10, 7, 10)),
        (dt.datetime(2023, 10, 6, 9), None),
    ]


def test_platform_status_words_after_closing(tmp_path, ingest, query):
    rows = [
        GRID_HEAD,
        [
            "DX101",
            "网格员上报",
            "第7网格",
            "生态环境",
            "2023-10-02 09:00:00",
            "2023-10-05 09:00:00",
            "2023-10-03 10:00:00",
            "已归档",
            "垃圾",
            "陈某",
        ],
        [
            "DX102",
            "网格员上报",
            "第8网格",
            "公共安全",
            "2023-10-04 09:00:00",
            "2023-10-07 09:00:00",
            "2023-10-04 15:00:00",
            "已评价",
            "井盖破损",
            "林某",
        ],
    ]
    [outcome] = ingest(write_csv(tmp_path / "东星社区全市一张图事件列表202310.csv", rows, "gbk"))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT status FROM staging.grid_events") == [("已办结",), ("已办结",)]


def test_grid_with_chinese_numerals(tmp_path, ingest, query):
    rows = [
        GRID_HEAD,
        [
            "DX201",
            "网格员上报",
            "第十二网格",
            "服务群众",
            "2023-10-02 09:00:00",
            "2023-10-05 09:00:00",
            None,
            "办理中",
            "求助",
            "陈某",
        ],
    ]
    [outcome] = ingest(write_csv(tmp_path / "东星社区全市一张图事件列表202310.csv", rows, "gbk"))
    assert outcome.rows_loaded == 1, why(outcome, query)
    assert query("SELECT grid_id FROM staging.grid_events") == [("G12",)]


# ================================================================================================
# party_activities — 党组织活动台账
# ================================================================================================


def test_default_file_name_with_unit_and_period_only_in_the_title(tmp_path, ingest, query):
    rows = [
        ["后埔村党支部2023年10月“三会一课”开展情况登记表"],
        ["序号", "会议时间", "会议类型", "会议主题", "会议地点", "应到人数", "实到人数", "主持人"],
        [1, "2023年10月8日", "支部委员会", "研究发展党员工作", "村部会议室", 5, 5, "郑某"],
        [2, "2023年10月15日", "主题党日", "重阳节敬老志愿服务", "村老年活动中心", 32, 27, "郑某"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "新建 Microsoft Excel 工作表.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT sender, unit_id, period FROM meta.source_sheets") == [("后埔村", "houpu", "2023-10")]
    assert query(
        "SELECT party_org_id, activity_type, attended FROM staging.party_activities ORDER BY row_number"
    ) == [("P14", "支委会", 5), ("P14", "主题党日", 27)]


PARTY_FILLER = ["填报单位：龙山村党支部    填报日期：2023年11月2日"]


def test_attendance_headers_not_in_the_synonyms(tmp_path, ingest, query):
    rows = [
        ["龙山村党支部“三会一课”登记表（2023年10月）"],
        PARTY_FILLER,
        ["序号", "活动日期", "活动类型", "活动主题", "应参会人数", "实参会人数"],
        [1, "2023-10-08", "党员大会", "学习党章", 30, 28],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村三会一课.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 1, why(outcome, query)
    assert query("SELECT party_org_id, expected, attended FROM staging.party_activities") == [("P07", 30, 28)]


def test_activity_type_words_not_in_the_vocabulary(tmp_path, ingest, query):
    rows = [
        ["龙山村党支部“三会一课”登记表（2023年10月）"],
        PARTY_FILLER,
        ["序号", "活动日期", "活动类型", "活动主题", "应到人数", "实到人数"],
        [1, "2023-10-08", "支部大会", "学习党章", 30, 28],
        [2, "2023-10-18", "党小组学习", "学习党史", 10, 9],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村三会一课.xlsx", {"Sheet1": rows}))
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), why(outcome, query)
    assert query("SELECT activity_type FROM staging.party_activities ORDER BY row_number") == [
        ("党员大会",),
        ("党小组会",),
    ]


def test_meeting_date_with_weekday(tmp_path, ingest, query):
    rows = [
        ["龙山村党支部“三会一课”登记表（2023年10月）"],
        PARTY_FILLER,
        ["序号", "会议时间", "会议类型", "会议主题", "应到人数", "实到人数"],
        [1, "2023年10月8日（星期日）", "主题党日", "环境整治", 30, 26],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村三会一课.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 1, why(outcome, query)
    assert query("SELECT activity_date FROM staging.party_activities") == [(D(2023, 10, 8),)]


def test_first_data_row_is_not_taken_for_a_second_header_row_party(tmp_path, ingest, query):
    rows = [
        ["龙山村党支部“三会一课”登记表（2023年10月）"],
        PARTY_FILLER,
        ["序号", "会议时间", "会议类型", "会议主题", "应到人数", "实到人数", "备注"],
        [1, "2023-10-08", "支委会", "学习二十大精神", 7, 7, "党支部书记主持"],
        [2, "2023-10-15", "主题党日", "环境整治", 30, 26, "4人请假"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "龙山村三会一课.xlsx", {"Sheet1": rows}))
    msg = why(outcome, query)
    assert accounted(query, "party_activities") == 2, msg
    assert (outcome.rows_loaded, outcome.rows_quarantined) == (2, 0), msg
    assert query("SELECT row_number, party_org_id FROM staging.party_activities ORDER BY row_number") == [
        (4, "P07"),
        (5, "P07"),
    ]
