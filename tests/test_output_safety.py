"""What leaves the warehouse: no personal data in any output, no formula in any spreadsheet we write.

One pipeline run over a small inbox whose files carry valid 18-digit ID numbers and mobile numbers in every
personal-data column and inside every kind of free text, and spreadsheet formulas in text cells. Then every
output is read back:

* the marts (DuckDB), `taizhang export` of every marts/meta/quarantine table to CSV and XLSX,
* the report pack (Excel 报表 cells, Word text including tables, headers and properties, chart file names),
  the feedback workbooks, the data docs (HTML/JSON),
* the Dagster run's event log (messages, materialisation and check metadata) and its compute logs,
* the console output of `taizhang ingest`, `run`, `indicators` and `explain`,
* the asset metadata as the UI reads it (GraphQL), and every byte of the Dagster instance's databases.

Numbers are planted where issue 17 found them kept: in folder, file and sheet names, as a 事件编号 and a 案件编号,
typed into an amount column, and in free text written with dots, slashes, 4-3-4 groups, zero-width characters
and full-width digits; local landlines after 固话/座机 and standing alone.

No 18-digit number with a valid check character and no mobile number may appear anywhere (the ones planted,
however they are spaced, nor any other), and every spreadsheet cell that came from a clerk's text is text:
CSV cells that Excel would run start with a quote, XLSX cells are strings, never formulas.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from builders import write_csv, write_xlsx
from cli_kit import copy_inbox, taizhang
from taizhang.etl.privacy import id_check_char, is_valid_id

AS_OF = dt.date(2023, 10, 31)
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
EXPORT_SCHEMAS = ("marts", "meta", "quarantine")


def _ids() -> list[str]:
    out, n = [], 0
    while len(out) < 10:
        n += 1
        first17 = f"350304{1970 + n:04d}{n % 12 + 1:02d}{n % 28 + 1:02d}{n:03d}"
        out.append(first17 + id_check_char(first17))
    n = 100  # and one that ends in X
    while not out[-1].endswith("X") or len(out) < 11:
        n += 1
        first17 = f"35030419{n % 90 + 10:02d}0612{n:03d}"
        if id_check_char(first17) == "X":
            out.append(first17 + "X")
    return out


IDS = _ids()
MOBILES = [
    f"1{p}{n:09d}"
    for p, n in zip("3456789345678934567893456", range(101010101, 999999999, 31313131), strict=False)
]
assert all(is_valid_id(i) for i in IDS) and len(set(MOBILES)) == len(MOBILES) >= 24
# planted where issue 17 found numbers kept (names, identifiers, amounts, odd groupings)
MORE_IDS = [f + id_check_char(f) for f in (f"35032119{80 + k}0{k + 1}15{k:02d}1" for k in range(3))]
MORE_MOBILES = [
    f"1{p}{n:09d}" for p, n in zip("98765439876", range(205060708, 999999999, 71717171), strict=False)
]
LANDLINES = ["2683917", "87625431"]  # local numbers without area code
assert (
    all(is_valid_id(i) for i in MORE_IDS) and len(MORE_MOBILES) == 11 and not set(MORE_MOBILES) & set(MOBILES)
)


def spaced(mobile: str) -> str:
    return f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}"


def grouped(mobile: str, how: str) -> str:
    """A mobile as issue 17 found it written."""
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    wide = "．".join("".join(chr(ord(d) + 0xFEE0) for d in g) for g in (a, b, c))
    return {
        "dots": f"{a}.{b}.{c}",
        "4-3-4": f"{mobile[:4]} {mobile[4:7]} {mobile[7:]}",
        "slashes": f"{a}/{b}/{c}",
        "zero-width": "\u200b".join(mobile),
        "wide": wide,
    }[how]


def write_hostile_inbox(inbox: Path) -> None:
    i, m, mi, mm = IDS, MOBILES, MORE_IDS, MORE_MOBILES
    forms = "，".join(
        f"电话{grouped(mm[k], how)}"
        for k, how in enumerate(("dots", "4-3-4", "slashes", "zero-width", "wide"), start=5)
    )
    landlines = f"固话{LANDLINES[0]}，座机 {LANDLINES[1][:4]} {LANDLINES[1][4:]}，村部{LANDLINES[0]}"
    dispute_header = [
        "序号",
        "受理日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "身份证号",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    write_xlsx(
        inbox / "林山村-矛盾纠纷-2023年10月.xlsx",
        {
            "10月": [
                ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
                dispute_header,
                [
                    1,
                    "2023-10-02",
                    f"劳资纠纷（当事人电话{m[0]}）",
                    f"张三{i[0]}",
                    m[1],
                    i[0],
                    f"张三（身份证{i[0]}，电话{m[1]}）与李四（{spaced(m[2])}）因排水发生纠纷",
                    f"王五 {m[3]}",
                    "村",
                    "已化解",
                    "2023-10-05",
                    f"回访电话：+86 {spaced(m[4])}；身份证 {i[1][:6]} {i[1][6:14]} {i[1][14:]}",
                ],
                [
                    2,
                    "2023-10-03",
                    "婚姻家庭",
                    f"李四、王六（{m[5]}）",
                    f"+86-{m[5]}",
                    i[1].lower(),
                    FORMULAS[0],
                    "王五",
                    "村",
                    "化解中",
                    None,
                    FORMULAS[1],
                ],
                [
                    3,
                    "2023-10-04",
                    "邻里纠纷",
                    "赵七",
                    m[6],
                    i[2],
                    FORMULAS[2],
                    "王五",
                    "片区调解室",
                    "化解中",
                    None,
                    FORMULAS[3],
                ],
                [
                    4,
                    "2023-10-05",
                    "邻里纠纷",
                    "钱八",
                    m[7],
                    i[3],
                    FORMULAS[4],
                    "王五",
                    "镇",
                    "化解中",
                    None,
                    None,
                ],
                [
                    5,
                    m[8],
                    "邻里纠纷",
                    "孙九",
                    m[9],
                    i[4],
                    "电话写进了日期栏",
                    "王五",
                    "村",
                    "化解中",
                    None,
                    None,
                ],  # quarantined
                [
                    6,
                    i[5],
                    "邻里纠纷",
                    "周十",
                    m[10],
                    i[5],
                    "身份证号写进了日期栏",
                    "王五",
                    "村",
                    "化解中",
                    None,
                    None,
                ],
                [
                    7,
                    FORMULAS[0],
                    "邻里纠纷",
                    "吴一",
                    m[11],
                    i[6],
                    "公式写进了日期栏",
                    "王五",
                    "村",
                    "化解中",
                    None,
                    None,
                ],
                [
                    8,
                    "2023-10-06",
                    "邻里纠纷",
                    "郑二",
                    "",
                    "",
                    f"联系方式：{forms}；{landlines}",
                    "王五",
                    "村",
                    "化解中",
                    None,
                    f"回访 {grouped(mm[10], 'dots')}",
                ],
            ]
        },
    )
    # a number in the folder, file and sheet names; a skipped sheet named after an ID
    write_xlsx(
        inbox / f"身份证{mi[0]}" / f"后卓村-三会一课-2023年10月-联系人{mm[0]}.xlsx",
        {
            f"台账{mm[1]}": [
                ["后卓村党支部2023年10月“三会一课”台账"],
                ["活动类型", "日期", "地点", "主题", "应到人数", "实到人数"],
                ["支委会", "2023-10-08", "村部", "学习", 5, 5],
            ],
            f"说明{mi[2]}": [["填表说明"]],
        },
    )
    write_xlsx(
        inbox / "镇综治中心-矛盾纠纷汇总-2023年10月.xlsx",
        {
            "Sheet1": [
                ["2023年10月矛盾纠纷排查化解台账（汇总）"],
                ["填报单位：镇综治中心"],
                ["序号", "所属村居", "受理日期", "纠纷类型", "当事人", "简要案情", "化解情况", "化解日期"],
                [
                    1,
                    f"东星社区（联系电话{m[12]}）",
                    "2023-10-09",
                    "征地拆迁",
                    f"郑某 {i[7]}",
                    f"补偿问题，{m[12]}",
                    "调解成功",
                    "2023-10-10",
                ],
            ]
        },
    )
    write_xlsx(
        inbox / "镇项目办-重点项目-2023年10月.xlsx",
        {
            "Sheet1": [
                ["2023年10月镇重点项目台账"],
                ["填报单位：镇项目办"],
                [
                    "项目名称",
                    "项目阶段",
                    "建设内容",
                    "总投资（万元）",
                    "年度计划投资（万元）",
                    "累计完成投资（万元）",
                    "形象进度",
                    "存在问题",
                    "挂钩领导",
                    "责任单位",
                ],
                [
                    f"双洋鞋业扩建（联系人{m[13]}）",
                    "续建",
                    f"厂房，业主{i[8]}",
                    20000,
                    5000,
                    4500,
                    f"主体完工，监理{m[14]}",
                    f"业主身份证{i[8]}，电话{m[14]}",
                    f"林某{m[15]}",
                    f"镇项目办（{m[16]}）",
                ],
                *[
                    [f, "前期", "道路", 1000 + k, 100, 10, "", "", "林某", FORMULAS[(k + 1) % 5]]
                    for k, f in enumerate(FORMULAS)
                ],
                [
                    "木兰溪整治",
                    "在建",
                    "整治",
                    8000,
                    2000,
                    int(mm[2]),
                    "",
                    "",
                    "林某",
                    "镇项目办",
                ],  # a mobile as an amount
            ]
        },
    )
    write_xlsx(
        inbox / "镇综治中心-信访积案-2023年10月.xlsx",
        {
            "Sheet1": [
                ["信访积案台账（2023年10月）"],
                ["填报单位：镇综治中心"],
                [
                    "案件编号",
                    "信访人",
                    "身份证号",
                    "联系电话",
                    "反映问题",
                    "初访时间",
                    "包案领导",
                    "化解措施",
                    "责任单位",
                    "状态",
                    "化解日期",
                    "是否签订息访息诉承诺书",
                ],
                [
                    "XF2019-01",
                    f"某某{i[9]}",
                    i[9],
                    m[17],
                    f"反映土地问题，联系电话{m[17]}，身份证{i[9]}",
                    "2019-03-01",
                    f"王某{m[18]}",
                    f"约谈（{m[18]}）",
                    f"镇信访办（联系电话{m[19]}）",
                    "已化解",
                    "2023-06-01",
                    "是",
                ],
                [
                    FORMULAS[0],
                    "某某",
                    i[10],
                    m[20],
                    FORMULAS[1],
                    "2020-05-01",
                    "李某",
                    FORMULAS[2],
                    FORMULAS[3],
                    "化解中",
                    None,
                    "否",
                ],
                [
                    mi[1],
                    "某某",
                    "",
                    "",
                    "土地问题",
                    "2021-05-01",
                    "李某",
                    "约谈",
                    "镇信访办",
                    "化解中",
                    None,
                    "否",
                ],  # an ID as 案件编号
                [
                    "XF2022-07",
                    "某某",
                    "",
                    "",
                    "反映\x00问题",
                    "2022-05-01",
                    "李某",
                    "约谈",
                    "镇信访办",
                    "化解中",
                    None,
                    "否",
                ],
            ]
        },
    )
    write_xlsx(
        inbox / "镇综治中心-三官一律-2023年10月.xlsx",
        {
            "Sheet1": [
                ["“三官一律”下沉工作台账（2023年10月）"],
                ["填报单位：镇综治中心"],
                ["日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"],
                [
                    "2023-10-09",
                    f"陈某{m[21]}",
                    "法官",
                    f"西天尾法庭（{m[21]}）",
                    "林山村",
                    f"为村民（{m[22]}，{i[0]}）咨询",
                    1,
                    3,
                ],
                ["2023-10-10", "林某", "律师", "律所", "东星社区", FORMULAS[0], 0, 5],
            ]
        },
    )
    write_csv(
        inbox / "东星社区网格事件_202310.csv",
        [
            [
                "事件编号",
                "所属网格",
                "事件类型",
                "上报时间",
                "处理时限",
                "办结时间",
                "状态",
                "事件描述",
                "上报人",
            ],
            [
                "SJ1",
                "第1网格",
                "治安防控",
                "2023-10-02 09:00",
                "2023-10-05 09:00",
                "2023-10-03 09:00",
                "已办结",
                f"居民（身份证{i[2]}）反映噪音，电话{m[23]}",
                f"网格员林某{m[23]}",
            ],
            [
                "SJ2",
                "第2网格",
                "服务群众",
                "2023-10-03 09:00",
                "2023-10-04 09:00",
                "",
                "办理中",
                FORMULAS[0],
                FORMULAS[1],
            ],
            [
                mm[3],
                "第3网格",
                "服务群众",
                "2023-10-03 09:00",
                "2023-10-04 09:00",
                "",
                "办理中",
                "噪音",
                "林某",
            ],  # 事件编号
            [
                grouped(mm[4], "4-3-4"),
                "第4网格",
                "服务群众",
                "2023-10-05 09:00",
                "2023-10-06 09:00",
                "",
                "办理中",
                "噪音",
                "林某",
            ],
        ],
        "gbk",
    )
    write_xlsx(
        inbox / "林山村-三会一课-2023年10月.xlsx",
        {
            "Sheet1": [
                ["林山村党支部2023年10月“三会一课”台账"],
                ["活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"],
                ["支委会", "2023-10-08", f"村部（{m[0]}）", f"学习，联系人{m[1]}", 5, 5, f"林某{m[2]}"],
                ["主题党日", "2023-10-15", FORMULAS[0], FORMULAS[3], 30, 27, "林某"],
            ]
        },
    )


# --- the scanner -------------------------------------------------------------------------------------------

# not the digits of a decimal fraction (timestamps and durations in the event log: 7580.14818599986)
_ID = re.compile(r"(?<![0-9.])[0-9]{6}[ \-./]?[0-9]{8}[ \-./]?[0-9]{3}[0-9Xx](?![0-9]|\.[0-9])")
_MOBILE = re.compile(r"(?<![0-9.])(?:\+?86[ \-]?)?1[3-9][0-9](?:[ \-./]?[0-9]){8}(?![0-9]|\.[0-9])")
_GAP = r"[\s\-./·]{0,3}"  # how the planted numbers are spaced in the inbox
_PLANTED = [
    re.compile(_GAP.join(re.escape(c) for c in n), re.I)
    for n in IDS + MOBILES + MORE_IDS + MORE_MOBILES + LANDLINES
]
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_DIGEST = re.compile(r"[0-9a-fA-F-]{16,}")  # hashes, tokens, run ids: hex, where digits run by chance


def _without_digests(text: str) -> str:
    return _DIGEST.sub(lambda m: " " if re.search("[a-fA-F]", m.group(0)) else m.group(0), text)


def leaks(text: str) -> list[str]:
    """ID numbers with a valid check character and mobile numbers in `text`, however they are spaced; and
    the numbers planted in the inbox anywhere, even inside other characters."""
    t = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    g = _without_digests(t)
    found = [m.group(0) for m in _ID.finditer(g) if is_valid_id(re.sub(r"[ \-]", "", m.group(0)))]
    found += [m.group(0) for m in _MOBILE.finditer(g)]
    found += [m.group(0) for p in _PLANTED for m in p.finditer(t)]
    return found


class Scan:
    def __init__(self):
        self.found: list[tuple[str, str, str]] = []
        self.units = 0

    def text(self, where: str, value) -> None:
        if value is None:
            return
        self.units += 1
        for leak in leaks(str(value)):
            self.found.append((where, leak, str(value)[:160]))

    def tree(self, where: str, value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                self.text(where, k)
                self.tree(where, v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                self.tree(where, v)
        else:
            self.text(where, value)


def xlsx_cells(path: Path):
    import openpyxl

    wb = openpyxl.load_workbook(path)  # not read-only: data_type 'f' and merged cells are visible
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell
        for part in (ws.oddHeader, ws.oddFooter):
            for side in (part.left, part.center, part.right):
                if side.text:
                    yield (
                        ws.title,
                        type("HeaderCell", (), {"value": side.text, "data_type": "s", "coordinate": "hf"}),
                    )
    props = wb.properties
    for name in ("title", "subject", "creator", "keywords", "description", "category"):
        value = getattr(props, name, None)
        if value:
            yield "properties", type("Prop", (), {"value": value, "data_type": "s", "coordinate": name})


def docx_texts(path: Path):
    import docx

    doc = docx.Document(str(path))
    yield from (p.text for p in doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
    for section in doc.sections:
        for part in (section.header, section.footer):
            yield from (p.text for p in part.paragraphs)
    cp = doc.core_properties
    yield from (cp.title, cp.subject, cp.author, cp.keywords, cp.comments)


# --- the run -----------------------------------------------------------------------------------------------

WORKSPACE = Path(__file__).resolve().parents[1] / "workspace.yaml"
_ENTRIES = """metadataEntries { __typename label description
    ... on MarkdownMetadataEntry { mdStr } ... on TextMetadataEntry { text } ... on JsonMetadataEntry { jsonString }
    ... on PathMetadataEntry { path } ... on IntMetadataEntry { intValue } ... on FloatMetadataEntry { floatValue } }"""
GRAPHQL = f"""{{
  assetsOrError {{ ... on AssetConnection {{ nodes {{ key {{ path }}
    assetMaterializations(limit: 10) {{ runId description {_ENTRIES} }} }} }} }}
  assetNodes {{ assetKey {{ path }} description
    assetChecksOrError {{ ... on AssetChecks {{ checks {{ name description
      executionForLatestMaterialization {{ status evaluation {{ description {_ENTRIES} }} }} }} }} }} }}
  runsOrError {{ ... on Runs {{ results {{ runId status tags {{ key value }} }} }} }}
}}"""


def graphql(home: Path) -> dict:
    """What the UI shows of the runs, assets and checks, through Dagster's own GraphQL (in this process, with
    the home's definitions served by a code server as `taizhang ui` serves them)."""
    from dagster import DagsterInstance
    from dagster_graphql.test.utils import define_out_of_process_context, execute_dagster_graphql

    before = os.environ.get("TAIZHANG_HOME")
    os.environ["TAIZHANG_HOME"] = str(home)  # the code server builds the definitions of this home
    instance = DagsterInstance.from_config(str(home / "dagster"))
    try:
        with define_out_of_process_context(str(WORKSPACE), None, instance) as context:
            return execute_dagster_graphql(context, GRAPHQL).data
    finally:
        instance.dispose()
        if before is None:
            os.environ.pop("TAIZHANG_HOME", None)
        else:
            os.environ["TAIZHANG_HOME"] = before


def _cli(*argv: str) -> tuple[int, str, str]:
    """`taizhang ARGV` in this process (the console script's own code), its exit code and console output."""
    from taizhang.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile") / "inbox"
    write_hostile_inbox(src)
    home = tmp_path_factory.mktemp("hostile_home") / "home"
    copy_inbox(src, home)
    console = {}
    r = taizhang("ingest", home / "inbox", home=home)
    console["ingest"] = r.stdout + r.stderr
    assert r.returncode == 0, console["ingest"]
    r = taizhang("run", "--as-of", AS_OF, home=home, timeout=300)
    console["run"] = r.stdout + r.stderr
    assert r.returncode == 0, console["run"]
    run_id = re.search(r"Dagster run ([0-9a-f-]{36})", r.stdout).group(1)

    from taizhang.etl.export import exportable_tables
    from taizhang.etl.marts import INDICATORS
    from taizhang.etl.warehouse import connect

    h = str(home)
    for args in (["--json"], ["--all-scopes"], []):
        code, out, err = _cli("indicators", "--as-of", AS_OF.isoformat(), *args, "--home", h)
        assert code == 0, err
        console[f"indicators {args}"] = out + err
    for indicator in INDICATORS:
        code, out, err = _cli("explain", indicator, "--as-of", AS_OF.isoformat(), "--home", h)
        assert code == 0, err
        console[f"explain {indicator}"] = out + err
    code, out, err = _cli(
        "explain",
        "disputes_received",
        "--as-of",
        AS_OF.isoformat(),
        "--scope",
        "林山村",
        "--json",
        "--home",
        h,
    )
    console["explain --scope --json"] = out + err

    from taizhang.etl.home import Home

    con = connect(Home(home), read_only=True)
    try:
        tables = [t for t in exportable_tables(con) if t.split(".")[0] in EXPORT_SCHEMAS]
    finally:
        con.close()
    exports = home / "exports"
    for table in tables:
        for fmt in ("csv", "xlsx"):
            code, out, err = _cli(
                "export", table, "--format", fmt, "-o", str(exports / f"{table}.{fmt}"), "--home", h
            )
            assert code == 0, err
            console[f"export {table} {fmt}"] = out + err
    return {
        "home": home,
        "run_id": run_id,
        "console": console,
        "tables": tables,
        "exports": exports,
        "graphql": graphql(home),
    }


# --- personal data -----------------------------------------------------------------------------------------


def test_the_scanner_finds_what_it_must(run):
    assert leaks(f"x{IDS[10]}y") and leaks(f"电话{spaced(MOBILES[3])}") and leaks(f"+86-{MOBILES[5]}")
    assert leaks(f"{IDS[1][:6]} {IDS[1][6:14]} {IDS[1][14:]}") and leaks(IDS[1].lower())
    assert not leaks("2023-10-31 13:00:00") and not leaks("1732871234.123456") and not leaks("12345678901")
    assert not leaks("7580.14818599986") and not leaks("13812345678.25")
    assert not leaks("ph_13812345678a9c0d1e2f3a4b") and not leaks("e6966008-6018-4ecd-848f-13812345678a")
    assert leaks(f"ph_{MOBILES[0]}a9c0d1e2f3a4b")  # a planted number is found even there
    for how in ("dots", "4-3-4", "slashes", "zero-width", "wide"):
        assert leaks(f"电话{grouped(MORE_MOBILES[5], how)}。"), how
    assert leaks(f"固话{LANDLINES[0]}") and leaks(f"{LANDLINES[1][:4]} {LANDLINES[1][4:]}")
    inbox = run["home"] / "inbox"
    assert leaks(
        str(next(inbox.glob("身份证*/*.xlsx")).relative_to(inbox))
    )  # the folder and file names hold two
    # the inputs do hold what the outputs must not
    import openpyxl

    cells = [
        c.value
        for ws in openpyxl.load_workbook(run["home"] / "inbox" / "林山村-矛盾纠纷-2023年10月.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
    ]
    assert sum(bool(leaks(str(v))) for v in cells if v) >= 10


def test_no_personal_data_in_any_output(run):
    import duckdb
    from dagster import DagsterInstance
    from dagster._serdes import serialize_value

    home: Path = run["home"]
    scan = Scan()

    # the marts — and staging, meta and quarantine too: ID and phone numbers are kept only as keyed tokens
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema "
            "IN ('marts', 'staging', 'meta', 'quarantine')"
        ).fetchall()
        assert sum(schema == "marts" for schema, _ in tables) >= 19
        for schema, t in tables:
            for row in con.execute(f"SELECT * FROM {schema}.{t}").fetchall():
                for v in row:
                    scan.text(f"{schema}.{t}", v)
    finally:
        con.close()

    # every export, CSV and XLSX
    for table in run["tables"]:
        with open(run["exports"] / f"{table}.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for v in row:
                    scan.text(f"export {table}.csv", v)
        for sheet, cell in xlsx_cells(run["exports"] / f"{table}.xlsx"):
            scan.text(f"export {table}.xlsx/{sheet}", cell.value)

    # the report pack, the feedback workbooks, the data docs
    reports = home / "reports"
    files = [p for p in reports.rglob("*") if p.is_file()]
    assert any(p.suffix == ".docx" for p in files) and any(p.suffix == ".png" for p in files)
    feedback = [p for p in files if p.parent.name == "feedback"]
    assert feedback, "the quarantined rows give feedback workbooks"
    for p in files:
        scan.text(f"file name {p.relative_to(reports)}", p.name)
        if p.suffix == ".xlsx":
            for sheet, cell in xlsx_cells(p):
                scan.text(f"{p.relative_to(reports)}/{sheet}", cell.value)
        elif p.suffix == ".docx":
            for text in docx_texts(p):
                scan.text(str(p.relative_to(reports)), text)
        elif p.suffix in (".html", ".json", ".csv", ".txt", ".md"):
            text = p.read_text(encoding="utf-8")
            if p.suffix == ".json":
                scan.tree(str(p.relative_to(reports)), json.loads(text))
            for line in text.splitlines():
                scan.text(str(p.relative_to(reports)), line)
        elif p.name.endswith(".lock") and p.stat().st_size == 0:
            continue  # data docs' lock file, empty
        elif p.suffix != ".png":
            pytest.fail(f"an output this test does not know how to read: {p}")
    assert any("data_docs" in str(p) for p in files)

    # the Dagster run: every event (messages, materialisation and check metadata), and the compute logs
    instance = DagsterInstance.from_config(str(home / "dagster"))
    try:
        logs = instance.all_logs(run["run_id"])
        assert len(logs) > 50
        kinds = set()
        for entry in logs:
            scan.text("dagster log message", entry.user_message)
            scan.tree("dagster event", json.loads(serialize_value(entry)))
            if entry.dagster_event:
                kinds.add(entry.dagster_event.event_type_value)
        assert {"ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION"} <= kinds
    finally:
        instance.dispose()
    # the instance's files, byte by byte: the run and event-log databases (SQLite stores text as it is), the
    # compute logs, the sensor and schedule state
    stored = 0
    for p in (home / "dagster").rglob("*"):
        if p.is_file():
            stored += p.suffix == ".db"
            for line in p.read_bytes().decode("utf-8", errors="replace").splitlines():
                scan.text(f"dagster file {p.relative_to(home)}", line)
    assert stored >= 2

    # what the UI reads: asset materialisations' metadata (the previews), check evaluations, run tags
    nodes = run["graphql"]["assetsOrError"]["nodes"]
    assert sum(len(n["assetMaterializations"]) for n in nodes) > 20
    assert any(
        e.get("mdStr") for n in nodes for m in n["assetMaterializations"] for e in m["metadataEntries"]
    )
    scan.tree("graphql", run["graphql"])

    # the console
    for what, text in run["console"].items():
        for line in text.splitlines():
            scan.text(f"console: taizhang {what}", line)

    assert scan.units > 5000
    assert not scan.found, "\n".join(f"{w}: {leak!r} in {ctx!r}" for w, leak, ctx in scan.found[:40])


# --- formulas ------------------------------------------------------------------------------------------------


def _as_stored(text: str) -> str:
    return text.strip()  # cells are read stripped: '\t=1' arrives as '=1'


def test_no_formula_in_any_spreadsheet_and_the_text_is_kept(run):
    home: Path = run["home"]
    wanted = {_as_stored(f) for f in FORMULAS}

    # `taizhang export`, CSV: the formula-like text cells start with a quote; XLSX: string cells
    seen_csv, seen_xlsx = set(), set()
    for table in run["tables"]:
        with open(run["exports"] / f"{table}.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for v in row:
                    assert not v.startswith(("=", "+", "@", "\t", "\r")), (table, v)
                    if v.startswith("-"):
                        assert re.fullmatch(r"-[0-9.eE+-]+", v), (table, v)  # a negative number, not text
                    if v.startswith("'") and v[1:] in wanted:
                        seen_csv.add(v[1:])
        for sheet, cell in xlsx_cells(run["exports"] / f"{table}.xlsx"):
            assert cell.data_type != "f", (table, sheet, cell.coordinate, cell.value)
            if cell.value in wanted:
                assert cell.data_type == "s"
                seen_xlsx.add(cell.value)
    assert seen_csv == wanted and seen_xlsx == wanted  # marts.key_projects names, quarantine values …

    # the Excel 报表 and the feedback workbooks
    reports = home / "reports"
    report = reports / AS_OF.isoformat() / f"西天尾镇报表_{AS_OF.isoformat()}.xlsx"
    seen_report = set()
    for sheet, cell in xlsx_cells(report):
        assert cell.data_type != "f", (sheet, cell.coordinate, cell.value)
        if cell.value in wanted:
            seen_report.add(cell.value)
    assert seen_report == wanted  # project names, responsible units, a case number
    feedback = sorted((reports / "feedback").glob("*.xlsx"))
    seen_feedback = set()
    for path in feedback:
        for sheet, cell in xlsx_cells(path):
            assert cell.data_type != "f", (path.name, sheet, cell.coordinate, cell.value)
            if any(w in str(cell.value) for w in wanted):
                seen_feedback.add(path.name)
    assert seen_feedback, "the quarantined formula is shown to the clerk, as text"
