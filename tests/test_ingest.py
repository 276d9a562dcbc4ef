"""Ingest: every kind of mess the spec lists, read into staging or quarantine, nothing lost."""

import datetime as dt
import shutil
from pathlib import Path

from builders import DISPUTE_HEADER, dispute_rows, write_csv, write_xls, write_xlsx

from taizhang.cli import main

TITLE = ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"]
FILLER = ["填报单位：林山村      填报日期：2023年11月2日"]


def test_title_filler_line_two_row_header_totals_and_footer(tmp_path, ingest, query):
    header_top = [
        "序号",
        "受理\n日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "简要案情",
        "化解情况",
        None,
        None,
        "备注",
    ]
    header_sub = [None, None, None, None, None, None, "化解层级", "化解结果", "化解日期", None]
    rows = [
        TITLE,
        FILLER,
        header_top,
        header_sub,
        *dispute_rows(4),
        [],
        ["合计", "4件"],
        ["填报人：林某  审核人：王某  联系电话：13900001111"],
        ["注：本表每月5日前报送"],
    ]
    merges = {
        "10月": [(2, 6, 2, 8, "化解情况")] + [(2, c, 3, c, header_top[c]) for c in (0, 1, 2, 3, 4, 5, 9)]
    }
    path = write_xlsx(tmp_path / "ledger.xlsx", {"10月": rows}, merges)

    [outcome] = ingest(path)

    assert outcome.status == "loaded"
    assert outcome.rows_loaded == 4 and outcome.rows_quarantined == 0
    assert outcome.dropped == {"blank": 1, "total": 1, "footer": 2}
    got = query(
        "SELECT unit_id, period, received_date, status, level, row_number FROM staging.disputes ORDER BY row_number"
    )
    assert got[0] == ("linshan", "2023-10", dt.date(2023, 10, 1), "open", "村/社区", 5)
    assert [r[3] for r in got] == ["open", "resolved", "open", "resolved"]
    assert "导入 4 行" in outcome.line() and "合计1" in outcome.line()


def test_mixed_date_forms_full_width_digits_and_year_from_title(tmp_path, ingest, query):
    dates = [
        dt.date(2023, 10, 3),
        45204,
        "2023年10月8日",
        "2023.10.9",
        "2023/10/10",
        "20231011",
        "10月12日",
        "２０２３年１０月１３日",
    ]
    rows = [TITLE, DISPUTE_HEADER] + [
        [i, d, "邻里纠纷", "李某", "", "案情", "村", "化解中", None, None] for i, d in enumerate(dates, 1)
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "dates.xlsx", {"Sheet1": rows}))
    assert outcome.rows_quarantined == 0
    got = [r[0] for r in query("SELECT received_date FROM staging.disputes ORDER BY row_number")]
    assert got == [dt.date(2023, 10, d) for d in (3, 5, 8, 9, 10, 11, 12, 13)]


def test_ambiguous_and_impossible_dates_go_to_quarantine_with_chinese_reasons(tmp_path, ingest, query):
    rows = [
        TITLE,
        DISPUTE_HEADER,
        [1, "10/11", "邻里纠纷", "李某", "", "案情", "村", "化解中", None, None],
        [2, "2023-02-30", "邻里纠纷", "李某", "", "案情", "村", "化解中", None, None],
        [3, "2023-10-05", "邻里纠纷", "李某", "", "案情", "村", "已化解", "2023-10-01", None],
        [4, "2023-10-05", "邻里纠纷", "李某", "", "案情", "村", "已化解", None, None],
        [5, "2023-10-05", "邻里纠纷", "王某", "", "案情", "村", "化解中", None, None],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "bad.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 1 and outcome.rows_quarantined == 4
    reasons = query(
        "SELECT row_number, column_name, reason FROM quarantine.rejected_rows ORDER BY row_number"
    )
    assert reasons[0][0] == 3 and reasons[0][1] == "受理日期" and "歧义" in reasons[0][2]
    assert "不存在" in reasons[1][2]
    assert reasons[2][2] == "化解日期早于受理日期"
    assert "没有填写化解日期" in reasons[3][2]


def test_every_data_row_ends_in_staging_or_quarantine(tmp_path, ingest, query):
    rows = [TITLE, DISPUTE_HEADER, *dispute_rows(10)]
    rows[5][1] = "不详"
    [outcome] = ingest(write_xlsx(tmp_path / "count.xlsx", {"Sheet1": rows}))
    staged = query("SELECT count(*) FROM staging.disputes")[0][0]
    quarantined = query("SELECT count(DISTINCT row_number) FROM quarantine.rejected_rows")[0][0]
    assert staged + quarantined == 10
    meta = query("SELECT rows_read, rows_loaded, rows_quarantined FROM meta.source_files")[0]
    assert meta == (10, 9, 1)


def test_a_file_inserted_in_several_chunks_lands_whole(tmp_path, ingest, query, monkeypatch):
    """Big files go to DuckDB INSERT_CHUNK rows at a time; a chunk whose optional column is all empty still
    lands in the typed column beside chunks that fill it."""
    from taizhang.etl import warehouse

    monkeypatch.setattr(warehouse, "INSERT_CHUNK", 3)
    rows = [TITLE, DISPUTE_HEADER, *dispute_rows(10)]
    [outcome] = ingest(write_xlsx(tmp_path / "chunks.xlsx", {"Sheet1": rows}))
    assert outcome.rows_loaded == 10, outcome.line()
    got = query("SELECT row_number, received_date, resolved_date FROM staging.disputes ORDER BY row_number")
    assert [r[0] for r in got] == list(range(3, 13))
    assert all(isinstance(r[1], dt.date) for r in got)


def test_header_synonyms_tell_the_ledger_kind(tmp_path, ingest, query):
    visits = [
        ["西天尾镇“三官一律”下沉工作台账（2023年10月）"],
        ["填报单位：镇综治中心"],
        [
            "下沉日期",
            "姓名",
            "人员类别",
            "派出单位",
            "挂点村(社区)",
            "工作内容",
            "化解纠纷(件)",
            "提供法律咨询(次)",
        ],
        ["2023-10-09", "陈法官", "法官", "西天尾法庭", "东星居委会", "带案下访", "1", "3"],
        ["2023-10-10", "林律师", "律师", "某律所", "后黄村", "法律咨询", "无", "５"],
    ]
    party = [
        ["党组织名称", "会议类型", "召开时间", "会议地点", "学习内容", "应到人数", "实到人数", "主持人"],
        ["龙山村党支部", "支部党员大会", "2023年10月8日", "村部", "学习", "30", "28", "林某"],
        ["镇机关党支部", "讲党课", "2023-10-20", "镇政府", "党课", "40", "41", "王某"],
    ]
    ingest(
        write_xlsx(tmp_path / "三官一律.xlsx", {"Sheet1": visits}),
        write_xlsx(tmp_path / "党组织活动-2023年10月.xlsx", {"Sheet1": party}),
    )
    got = query(
        "SELECT unit_id, role, disputes_resolved, consultations FROM staging.legal_visits ORDER BY row_number"
    )
    assert got == [
        ("dongxing", "法官", 1, 3),
        ("houhuang", "律师", None, 5),
    ]  # 后黄村: the old name still resolves
    acts = query("SELECT party_org_id, activity_type, attended FROM staging.party_activities")
    assert acts == [("P07", "党员大会", 28)]
    assert "实到人数（41）多于应到人数（40）" in query("SELECT reason FROM quarantine.rejected_rows")[0][0]


def test_key_projects_money_in_yi_yuan_is_converted_to_wan_yuan(tmp_path, ingest, query):
    rows = [
        ["2023年10月园区重点项目推进情况表"],
        [],
        [
            "序号",
            "项目名称",
            "项目类别",
            "建设内容",
            "总投资（亿元）",
            "2023年计划投资（万元）",
            "1-10月完成投资（万元）",
        ],
        [1, "双洋鞋业扩建项目", "续建", "新建2栋厂房", "1.2", "5,000", "４２００"],
        [2, "某某产业园", "前期项目", "厂房", "0.5", "—", "无"],
    ]
    [outcome] = ingest(write_xlsx(tmp_path / "园区管委会-重点项目.xlsx", {"10月": rows}))
    assert outcome.rows_loaded == 2, outcome.line()
    got = query(
        "SELECT zone, stage, total_investment, annual_plan, completed_investment FROM staging.key_projects "
        "ORDER BY row_number"
    )
    assert got == [("园区", "在建", 12000.0, 5000.0, 4200.0), ("园区", "前期", 5000.0, None, None)]


def test_gbk_and_bom_csv_and_xls(tmp_path, ingest, query):
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
    row = [
        "SJ001",
        "第3网格",
        "治安防控",
        "2023-10-02 09:12",
        "2023-10-05 09:12",
        "2023-10-03 10:00",
        "已办结",
        "楼道堆放杂物",
        "陈某",
    ]
    write_csv(tmp_path / "in" / "东星社区网格事件_202310.csv", [header, row], "gbk")
    write_csv(
        tmp_path / "in" / "东星社区网格事件_202309.csv",
        [
            header,
            [
                "SJ002",
                "东星第12网格",
                "服务群众",
                "2023/09/03 14:00",
                "2023/09/06 14:00",
                "",
                "办理中",
                "求助",
                "林某",
            ],
        ],
        "utf-8-sig",
    )
    write_xls(tmp_path / "in" / "2023.10 下垞 纠纷.xls", {"Sheet1": [DISPUTE_HEADER, *dispute_rows(3)]})
    outcomes = ingest(tmp_path / "in")
    assert all(o.status == "loaded" for o in outcomes), [o.line() for o in outcomes]
    assert query("SELECT event_id, grid_id, description FROM staging.grid_events ORDER BY event_id") == [
        ("SJ001", "G03", "楼道堆放杂物"),
        ("SJ002", "G12", "求助"),
    ]
    assert query("SELECT DISTINCT unit_id, period FROM staging.disputes") == [("xiacha", "2023-10")]


def test_instruction_and_hidden_sheets_are_skipped_and_said_so(tmp_path, ingest):
    path = write_xlsx(
        tmp_path / "林山村纠纷2023年10月.xlsx",
        {
            "填表说明": [["填表说明：受理日期请写完整日期"]],
            "台账": [DISPUTE_HEADER, *dispute_rows(2)],
            "旧表": [DISPUTE_HEADER, *dispute_rows(5)],
        },
        hidden=("旧表",),
    )
    [outcome] = ingest(path)
    assert outcome.rows_loaded == 2
    line = outcome.line()
    assert "填表说明（填表说明页，已跳过）" in line and "旧表（隐藏的工作表，已跳过）" in line


def test_zero_report_is_distinguishable_from_not_reporting(tmp_path, ingest, query):
    rows = [["林山村2023年1月矛盾纠纷排查化解台账"], DISPUTE_HEADER, ["本月无矛盾纠纷"]]
    [outcome] = ingest(write_xlsx(tmp_path / "zero.xlsx", {"Sheet1": rows}))
    assert outcome.status == "zero_report" and outcome.rows_loaded == 0
    assert query("SELECT status, rows_loaded FROM meta.source_files") == [("zero_report", 0)]
    assert query("SELECT status, period, sender FROM meta.source_sheets") == [
        ("zero_report", "2023-01", "林山村")
    ]


def test_same_bytes_under_another_name_change_nothing(tmp_path, ingest, query):
    first = write_xlsx(tmp_path / "a.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(3)]})
    shutil.copy(first, tmp_path / "copy of a.xlsx")
    ingest(first)
    [again] = ingest(tmp_path / "copy of a.xlsx")
    assert again.status == "unchanged" and "a.xlsx" in again.line()
    assert query("SELECT count(*) FROM staging.disputes")[0][0] == 3


def test_resubmission_replaces_the_earlier_version(tmp_path, ingest, query):
    ingest(write_xlsx(tmp_path / "v1.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(3)]}))
    [outcome] = ingest(
        write_xlsx(tmp_path / "v2（更正）.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(5)]})
    )
    assert outcome.replaced == ["v1.xlsx"]
    assert query("SELECT count(*), min(file_name) FROM staging.disputes") == [(5, "v2（更正）.xlsx")]
    assert query("SELECT file_name, status FROM meta.source_files ORDER BY file_name") == [
        ("v1.xlsx", "superseded"),
        ("v2（更正）.xlsx", "loaded"),
    ]


def test_corrupt_empty_and_unrecognisable_files_are_rejected_with_exit_2(tmp_path, home, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "empty.xlsx").write_bytes(b"")
    (inbox / "corrupt.xlsx").write_bytes(b"PK\x03\x04not really a zip")
    (inbox / "photo.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    write_xlsx(inbox / "notes.xlsx", {"Sheet1": [["会议纪要"], ["今天开会"]]})
    write_xlsx(inbox / "good.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(2)]})
    code = main(["ingest", str(inbox), "--home", str(home.root), "--verbose"])
    out = capsys.readouterr().out
    assert code == 2
    assert "empty.xlsx：拒收" in out and "文件是空的" in out
    assert "corrupt.xlsx：拒收" in out and "损坏" in out
    assert "photo.xlsx：拒收" in out
    assert "notes.xlsx：拒收" in out and "没有找到可识别的台账" in out
    assert "good.xlsx［矛盾纠纷排查化解台账 林山村 2023-10］：导入 2 行" in out


def test_all_good_files_exit_0(tmp_path, home):
    write_xlsx(tmp_path / "good.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(2)]})
    assert main(["ingest", str(tmp_path / "good.xlsx"), "--home", str(home.root)]) == 0


def test_personal_data_is_tokenised_and_scrubbed_in_staging(tmp_path, ingest, query):
    rows = [
        TITLE,
        DISPUTE_HEADER + ["身份证号"],
        [
            1,
            "2023-10-03",
            "邻里纠纷",
            "王小明",
            "13812345678",
            "王小明（身份证350102199003071234）电话13812345678",
            "村",
            "化解中",
            None,
            None,
            "350102199003071234",
        ],
    ]
    ingest(write_xlsx(tmp_path / "pii.xlsx", {"Sheet1": rows}))
    masked, token, phone, summary, id_token = query(
        "SELECT parties_masked, parties_token, phone_token, summary, id_number_token FROM staging.disputes"
    )[0]
    assert (
        masked == "王某某"
        and token.startswith("na_")
        and phone.startswith("ph_")
        and id_token.startswith("id_")
    )
    assert "13812345678" not in summary and "350102199003071234" not in summary


def test_a_unit_cell_merged_down_a_block_of_rows_belongs_to_each_row(tmp_path, ingest, query):
    header = ["序号", "所属村居", "受理日期", "纠纷类型", "化解情况", "化解日期"]
    rows = [
        ["西天尾镇2023年10月矛盾纠纷排查化解台账"],
        ["填 报 单 位：镇综治中心"],
        header,
        [1, "龙山村", "2023-10-02", "邻里纠纷", "已化解", "2023-10-03"],
        [2, None, "2023-10-04", "婚姻家庭", "化解中", None],
        [3, "三山村", "2023-10-05", "劳资纠纷", "化解中", None],
    ]
    path = write_xlsx(tmp_path / "综治中心汇总.xlsx", {"Sheet1": rows}, {"Sheet1": [(3, 1, 4, 1, "龙山村")]})
    [outcome] = ingest(path)
    assert outcome.used[0].sender == "镇综治中心"
    assert query("SELECT unit_id FROM staging.disputes ORDER BY row_number") == [
        ("longshan",),
        ("longshan",),
        ("sanshan",),
    ]


def test_a_note_or_zero_report_line_merged_across_columns_is_not_data(tmp_path, ingest, query):
    rows = [TITLE, DISPUTE_HEADER, *dispute_rows(2), ["注：本表为年度累计台账"]]
    zero = [["后埔村2023年1月矛盾纠纷排查化解台账"], DISPUTE_HEADER, ["本月无矛盾纠纷"]]
    outcomes = ingest(
        write_xlsx(
            tmp_path / "note.xlsx", {"Sheet1": rows}, {"Sheet1": [(4, 0, 4, 9, "注：本表为年度累计台账")]}
        ),
        write_xlsx(tmp_path / "zero.xlsx", {"Sheet1": zero}, {"Sheet1": [(2, 0, 2, 9, "本月无矛盾纠纷")]}),
    )
    assert [o.status for o in outcomes] == ["loaded", "zero_report"]
    assert query("SELECT count(*) FROM quarantine.rejected_rows")[0][0] == 0


def test_a_file_rejected_before_and_loaded_now_has_one_set_of_sheet_rows(
    tmp_path, ingest, query, monkeypatch
):
    path = write_xlsx(
        tmp_path / "林山村纠纷2023年10月.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(2)]}
    )
    monkeypatch.setenv("TAIZHANG_MAX_FILE_MB", "0.001")  # a limit so low the file is refused
    [first] = ingest(path)
    assert first.status == "rejected"
    monkeypatch.delenv("TAIZHANG_MAX_FILE_MB")
    [second] = ingest(path)
    assert second.status == "loaded"
    assert query("SELECT count(*) FROM meta.source_sheets")[0][0] == 1
    assert query("SELECT status FROM meta.source_files") == [("loaded",)]


def test_reading_ahead_in_worker_processes_stores_exactly_what_the_writer_alone_stores(tmp_path, monkeypatch):
    import os

    import duckdb
    import taizhang.etl.ingest
    import taizhang.etl.reading
    from taizhang.etl.home import Home
    from taizhang.etl.warehouse import connect, load_reference

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [
        write_xlsx(
            inbox / f"林山村-{m}月.xlsx",
            {
                "Sheet1": [
                    [f"林山村2023年{m}月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(m, month=m),
                ]
            },
        )
        for m in range(1, 9)
    ]
    files.append(
        write_xlsx(
            inbox / "林山村-8月（更正）.xlsx",
            {
                "Sheet1": [
                    ["林山村2023年8月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(8, month=8),  # all of August again (a 更正 with fewer records is asked)
                    [9, "2023年8月32日", "邻里纠纷", "李某", "", "案情", "村", "化解中", None, None],
                ]
            },
        )
    )
    files.append(Path(shutil.copy(files[0], inbox / "copy of 1月.xlsx")))
    files.append(inbox / "broken.xlsx")
    files[-1].write_bytes(b"PK\x03\x04 not really a workbook")
    for i, f in enumerate(files):  # the order the files arrived in: the correction after the original
        os.utime(f, (1_700_000_000 + i, 1_700_000_000 + i))

    def ingest_with(workers: int) -> tuple[list[str], dict]:
        home = Home(tmp_path / f"home{workers}").ensure()
        con = connect(home)
        load_reference(con)
        outcomes = taizhang.etl.ingest.ingest_paths([inbox], home, con, workers=workers)
        con.close()
        con = duckdb.connect(str(home.warehouse), read_only=True)
        tables = {
            t: con.execute(f"SELECT * EXCLUDE ({stamp}) FROM {t} ORDER BY ALL").fetchall()
            for t, stamp in (
                ("staging.disputes", "loaded_at"),
                ("quarantine.rejected_rows", "rejected_at"),
                ("meta.source_files", "ingested_at, path, archive_path"),
                ("meta.source_sheets", "file_sha256"),
            )
        }
        con.close()
        return [o.line() for o in outcomes], tables

    alone, ahead = ingest_with(1), ingest_with(2)
    assert ahead == alone
    lines, tables = ahead
    assert (
        sum(line.startswith("✓") for line in lines) == 9
        and lines[-2].startswith("=")
        and lines[-1].startswith("✗")
    )
    assert "替换 林山村-8月.xlsx" in lines[8]
    assert len(tables["quarantine.rejected_rows"]) == 1


def test_a_file_that_kills_its_reader_process_is_rejected_and_the_others_load(
    tmp_path, ingest, query, monkeypatch
):

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for m in range(1, 7):
        write_xlsx(
            inbox / f"林山村-{m}月.xlsx",
            {
                "Sheet1": [
                    [f"林山村2023年{m}月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(2, month=m),
                ]
            },
        )
    monkeypatch.setenv("TAIZHANG_FAULT", "reader.file:林山村-3月.xlsx")  # as a parser crash would: SIGKILL

    outcomes = {o.path.name: o for o in ingest(inbox)}

    assert outcomes["林山村-3月.xlsx"].status == "rejected"
    assert "读取程序意外退出" in outcomes["林山村-3月.xlsx"].reason
    assert sorted(n for n, o in outcomes.items() if o.status == "loaded") == [
        f"林山村-{m}月.xlsx" for m in (1, 2, 4, 5, 6)
    ]
    assert query("SELECT count(*) FROM staging.disputes")[0][0] == 10
    assert query("SELECT status FROM meta.source_files WHERE file_name = '林山村-3月.xlsx'") == [
        ("rejected",)
    ]


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    import subprocess

    from cli_kit import cmd, env

    path = write_xlsx(tmp_path / "a.xlsx", {"Sheet1": [TITLE, DISPUTE_HEADER, *dispute_rows(3)]})
    proc = subprocess.Popen(
        cmd("ingest", path, home=tmp_path / "home"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env()
    )
    proc.stdout.close()  # like `taizhang ingest … | head -0`: nobody reads what it prints
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err
