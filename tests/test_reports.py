"""The report pack: charts, the Excel 报表 and the Word 工作总结 draft, from a small hand-filled warehouse."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pytest

try:
    from report_fixture import AS_OF, DECOY_AS_OF, EXPECTED, build_report_marts
except ImportError:  # tests/ as a package
    from tests.report_fixture import AS_OF, DECOY_AS_OF, EXPECTED, build_report_marts

from taizhang.reports import data as D
from taizhang.reports.phrasing import official_phrase

REPO = Path(__file__).resolve().parents[1]
GLYPH_ERRORS = pytest.mark.filterwarnings("error:Glyph:UserWarning")
pytestmark = GLYPH_ERRORS


def _glyphs_as_errors():
    cm = warnings.catch_warnings()
    cm.__enter__()
    warnings.filterwarnings("error", message=".*Glyph", category=UserWarning)
    return cm


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    build_report_marts(c)
    yield c
    c.close()


@pytest.fixture(scope="module")
def pack(con, tmp_path_factory):
    from taizhang.reports.pack import render_pack

    cm = _glyphs_as_errors()  # a missing glyph (tofu box) fails the rendering
    try:
        return render_pack(con, AS_OF, tmp_path_factory.mktemp("reports"))
    finally:
        cm.__exit__(None, None, None)


# ── phrasing ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "n, phrase",
    [
        (399, "近400"),
        (392, "近400"),
        (1990, "近2000"),
        (19950, "近20000"),
        (198, "近200"),  # 近: just under
        (973, "970余"),
        (206, "200余"),
        (764, "760余"),
        (471, "470余"),
        (101, "100余"),
        (1234, "1200余"),  # 余
        (16213, "约16200"),
        (16250, "约16300"),
        (123456, "约123000"),  # 约: five digits and more
        (6, "6"),
        (22, "22"),
        (60, "60"),
        (0, "0"),
        (99, "99"),  # small numbers exactly
        (100, "100"),
        (390, "390"),
        (400, "400"),
        (1200, "1200"),
        (16200, "16200"),  # already round
        (395, "近400"),
        (391, "390余"),  # 2 % of 400 is 8: 395 is just under, 391 is not
        (6.0, "6"),
    ],
)
def test_official_phrase(n, phrase):
    assert official_phrase(n) == phrase


@pytest.mark.parametrize("bad", [-1, 3.5, None])
def test_official_phrase_rejects_non_counts(bad):
    with pytest.raises(ValueError):
        official_phrase(bad)


# ── package hygiene ──────────────────────────────────────────────────────────────────────────────


def test_importing_reports_does_not_import_matplotlib():
    code = (
        "import sys, reports, reports.pack, reports.style, reports.data, reports.phrasing, "
        "taizhang.reports.excel_report, reports.word_report; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_chart_font_comes_from_mplfonts_and_is_registered_in_memory():
    import matplotlib
    from matplotlib import font_manager
    from taizhang.reports import style as S

    path = S.chart_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf" and "mplfonts" in path.parts
    assert S.register_font() == "Noto Sans CJK SC"
    assert any(Path(f.fname) == path for f in font_manager.fontManager.ttflist)
    assert not (Path(matplotlib.get_data_path()) / "fonts" / "ttf" / path.name).exists()
    rc = S.mpl_rc()
    assert rc["font.sans-serif"][0] == "Noto Sans CJK SC" and rc["axes.unicode_minus"] is False


def test_a_missing_glyph_is_an_error():
    """The guard works: text the font cannot draw raises instead of printing a box."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from taizhang.reports import style as S

    with matplotlib.rc_context(S.mpl_rc()), warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph", category=UserWarning)
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.5, 0.5, "化解率 -3.5%（全角，。：）“三官一律”—")  # all in the font: fine
        fig.canvas.draw()
        fig.text(0.1, 0.1, "\U0001f600")  # not in Noto Sans CJK
        with pytest.raises(UserWarning, match="Glyph"):
            fig.canvas.draw()


# ── charts ───────────────────────────────────────────────────────────────────────────────────────


def test_every_chart_is_a_print_resolution_png(pack):
    from PIL import Image
    from taizhang.reports.charts import CHARTS

    assert set(pack["charts"]) == set(CHARTS) and len(CHARTS) >= 10
    for name, png in pack["charts"].items():
        assert png.parent.name == "charts" and png.suffix == ".png"
        with Image.open(png) as im:
            assert im.format == "PNG"
            assert 1200 <= im.width <= 1300, name  # 16 cm at 200 dpi
            assert round(im.info["dpi"][0]) == 200
            assert im.height <= im.width * 1.2  # fits an A4 page at 15 cm wide


def test_chart_names_match_the_dagster_assets():
    assets_reports = pytest.importorskip("taizhang.assets.reports")
    from taizhang.reports.charts import CHART_TITLES, CHARTS

    assert set(assets_reports.CHART_TITLES) == set(CHARTS)
    assert assets_reports.CHART_TITLES == CHART_TITLES


def test_thumbnail_is_small(pack):
    from PIL import Image
    from taizhang.reports.charts import thumbnail, thumbnail_markdown

    for png in pack["charts"].values():
        data = thumbnail(png)
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 60_000
        import io

        with Image.open(io.BytesIO(data)) as im:
            assert im.width == 480
    md = thumbnail_markdown(pack["charts"]["dispute_rate_by_unit"], alt="化解率")
    assert md.startswith("![化解率](data:image/png;base64,") and md.endswith(")")


def test_charts_render_without_data(con, tmp_path):
    """An as-of date with no mart rows gives 暂无数据 charts, an empty workbook and a draft — no crash."""
    from taizhang.reports.pack import render_pack

    cm = _glyphs_as_errors()
    try:
        out = render_pack(con, dt.date(2022, 6, 30), tmp_path)
    finally:
        cm.__exit__(None, None, None)
    assert all(p.is_file() for p in out["files"])


# ── Excel 报表 ─────────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def wb(pack):
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(pack["excel"])


def _table(ws, first_header: str):
    """(header names of the leaf row, data rows as dicts, the 合计 row as dict)."""
    rows = list(ws.iter_rows(values_only=True))
    h = next(i for i, r in enumerate(rows) if r[0] == first_header)
    leaf = h + 1 if rows[h + 1][0] is None else h  # two-row header: leaf names in the second row
    names = [rows[leaf][j] if rows[leaf][j] is not None else rows[h][j] for j in range(len(rows[h]))]
    names = [str(n).replace("\n", "") if n is not None else None for n in names]
    data, total = [], None
    for r in rows[leaf + 1 :]:
        if r[0] == "合计":
            total = dict(zip(names, r, strict=False))
            break
        if all(v is None for v in r):
            break
        data.append(dict(zip(names, r, strict=False)))
    return names, data, total


def test_workbook_layout(wb, pack):
    assert pack["excel"].name == "西天尾镇报表_2023-11-03.xlsx"
    for sheet in (
        "主要指标",
        "矛盾纠纷化解情况",
        "化解层级",
        "三官一律",
        "信访积案",
        "重点项目（按阶段）",
        "网格事件（按类型）",
        "党组织活动（按组织）",
    ):
        assert sheet in wb.sheetnames
    for ws in wb.worksheets:
        assert "西天尾镇" in ws["A1"].value or "东星社区" in ws["A1"].value, ws.title
        assert ws["A2"].value == "填报单位：西天尾镇\u3000\u3000截至：2023年11月3日"
        assert ws["A3"].value.startswith("单位：")
        assert ws.freeze_panes is not None and ws.freeze_panes != "A1"
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(t.startswith("制表人：") and "审核人：" in t for t in texts), ws.title
        assert any(t.startswith("数据来源：") for t in texts)
        assert ws.column_dimensions["B"].width >= 6
    ws = wb["矛盾纠纷化解情况"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert ws["E4"].value == "矛盾纠纷" and "E4:G4" in merged  # group header over 受理数/化解数/化解率
    assert [ws.cell(5, c).value for c in (5, 6, 7)] == ["受理数", "化解数", "化解率"]
    assert "B6:B10" in merged  # 城东片区: five units grouped


def test_workbook_has_no_formulas_and_proper_number_formats(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate)
                assert not (isinstance(c.value, str) and c.value.startswith("=")), (ws.title, c.coordinate)
    ws = wb["矛盾纠纷化解情况"]
    assert ws["E6"].number_format == "#,##0" and ws["G6"].number_format == "0.00"
    ws = wb["重点项目（按阶段）"]
    money = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, float) and c.number_format == "#,##0.00"
    ]
    assert money


def test_workbook_values_equal_the_marts(wb, con):
    _, data, total = _table(wb["矛盾纠纷化解情况"], "序号")
    mart = {r["unit"]: r for r in D.mart(con, "dispute_resolution_by_unit", AS_OF)}
    assert len(data) == 17
    for row in data:
        m = mart[row["村（社区）"]]
        assert (row["受理数"], row["化解数"], row["化解率"], row["化解中"], row["未化解"]) == (
            m["received"],
            m["resolved"],
            m["resolution_rate"],
            m["open"],
            m["not_resolved"],
        )
    assert (total["受理数"], total["化解数"]) == (
        EXPECTED["disputes_received"],
        EXPECTED["disputes_resolved"],
    )
    # the total rate is recomputed from the summed counts, not averaged over the units
    assert total["化解率"] == EXPECTED["dispute_resolution_rate"] == 84.71
    mean = round(sum(r["化解率"] for r in data) / len(data), 2)
    assert mean != total["化解率"]

    _, data, total = _table(wb["化解层级"], "序号")
    town = D.town_levels(con, AS_OF)
    assert total["化解数"] == town["resolved"] == 399
    assert (total["小事不出村（社区）占比"], total["大事不出镇占比"], total["上级/移交占比"]) == (
        town["within_village_rate"],
        town["within_town_rate"],
        town["escalated_rate"],
    )

    _, data, total = _table(wb["三官一律"], "月份")
    assert (total["下沉次数"], total["化解纠纷数"], total["法律咨询数"]) == (973, 206, 764)
    assert len(data) == 11 and data[-1]["月份"] == "2023年11月（1—3日）"

    _, data, total = _table(wb["重点项目（按阶段）"], "类别")
    stage = D.projects_by_stage(con, AS_OF)
    assert [r["项目数"] for r in data] == [r["projects"] for r in stage]
    assert [r["累计完成投资"] for r in data] == [r["completed_investment"] for r in stage]
    detail = [r for r in stage if r["stage"] != "合计"]
    assert total["项目数"] == 92
    plan = sum(r["annual_plan"] for r in detail)
    done = sum(r["completed_investment"] for r in detail)
    assert total["投资完成率"] == round(done * 100 / plan, 2)

    _, data, total = _table(wb["网格事件（按类型）"], "序号")
    assert total["采集数"] == 16213 and len(data) == 6
    assert total["按期办结率"] == round(total["按期办结数"] * 100 / total["办结数"], 2)

    _, data, total = _table(wb["党组织活动（按组织）"], "序号")
    assert len(data) == 22 and total["参学率"] == D.hv(D.headline(con, AS_OF), "party_attendance_rate")

    _, data, total = _table(wb["信访积案"], "序号")
    assert len(data) == 8 and total["化解情况"] == "已化解6件"
    assert sum(1 for r in data if r["化解情况"] == "已化解") == 6

    names, data, _ = _table(wb["主要指标"], "序号")
    head = {r["name_zh"]: r for r in D.headline(con, AS_OF).values()}
    by_name = {r["指标"]: r for r in data}
    assert set(by_name) == set(head)
    for name, r in by_name.items():
        assert r["数值"] == head[name]["value"], name


# ── figures as officials publish them (issue 14.4) ─────────────────────────────────────────────────


def test_main_indicators_show_a_numerator_and_denominator_only_for_rates(wb):
    names, data, _ = _table(wb["主要指标"], "序号")
    assert "指标代码" not in names and names[-2:] == ["分子", "分母"]
    rows = {r["指标"]: r for r in data}
    rate = rows["矛盾纠纷化解率"]
    assert (rate["数值"], rate["分子"], rate["分母"]) == (84.71, 399, 471)  # the seed's 84.71%
    for name in ("矛盾纠纷受理数", "镇重点项目超序时进度", "网格事件办结时长中位数", "网格事件采集数"):
        assert rows[name]["分子"] is None and rows[name]["分母"] is None, name  # they do not give the figure


def test_rates_are_written_as_the_two_decimal_figure(pack):
    """The cell holds 84.71 itself (the sheet's XML), not a float that prints 84.70999999999999."""
    import re
    import zipfile

    with zipfile.ZipFile(pack["excel"]) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    numbers = re.findall(r"<v>([-0-9.eE]+)</v>", xml)
    assert "84.71" in numbers
    assert not [n for n in numbers if "." in n and len(n.split(".")[1]) > 2], "a long float in a cell"


def test_a_month_cut_short_has_no_month_on_month_change(wb):
    """3 days of November are no month to compare with October: the 环比 cell says so instead of a figure."""
    for sheet, first, column in (
        ("矛盾纠纷月度", "月份", "受理环比"),
        ("三官一律", "月份", "下沉次数环比"),
        ("网格事件（按月）", "月份", "采集数环比"),
    ):
        _, data, _ = _table(wb[sheet], first)
        assert data[-1]["月份"] == "2023年11月（1—3日）"
        assert data[-1][column] == "本月截至3日", sheet
        assert isinstance(data[-2][column], float), sheet  # October, a whole month, has its 环比


def test_one_number_format_per_kind_across_the_workbook(wb):
    """Counts and money carry thousands separators everywhere; rates two decimals."""
    formats: dict[str, set] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                figure = isinstance(c.value, int | float) and not isinstance(c.value, bool)
                if figure and c.column > 1:  # column A: 序号
                    formats.setdefault(ws.title, set()).add(c.number_format)
    used = set().union(*formats.values())
    assert "0" not in used and "General" not in used and "0.0" not in used
    assert "#,##0" in formats["网格事件（按类型）"] and "#,##0" in formats["主要指标"]
    _, data, total = _table(wb["网格事件（按类型）"], "序号")
    ws = wb["网格事件（按类型）"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == total["采集数"])
    assert cell.number_format == "#,##0"  # 16213 shows as 16,213


def test_workbook_ignores_other_as_of_rows(wb, con):
    assert (
        con.execute(
            "SELECT count(*) FROM marts.dispute_resolution_by_unit WHERE as_of = ?", [DECOY_AS_OF]
        ).fetchone()[0]
        == 17
    )
    _, _, total = _table(wb["矛盾纠纷化解情况"], "序号")
    assert total["受理数"] == 471  # the decoy run doubles every count


def test_no_personal_data_in_the_pack(wb, pack):
    import docx

    cells = [
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert not any("某某" in v for v in cells)  # petition leaders' masked names stay in the marts
    text = "\n".join(p.text for p in docx.Document(pack["word"]).paragraphs)
    assert "某某" not in text


# ── Word 工作总结 ──────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def doc(pack):
    import docx

    return docx.Document(pack["word"])


def _all_text(d) -> str:
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_word_carries_the_headline_phrases(doc, pack):
    assert pack["word"].name == "工作总结_2023-11-03.docx"
    text = "\n".join(p.text for p in doc.paragraphs)
    for phrase in (
        "西天尾镇2023年主题教育阶段性工作总结（数据稿）",
        "22个党组织",
        "全镇重点项目60个，其中在建项目15个、预备项目12个、前期项目33个",
        "园区2023年重点项目32个，其中在建项目17个、预备4个、前期11个",
        "总里程30公里",
        "截至11月3日，全镇各类矛盾纠纷化解近400件，化解率84.71%",
        "4个“片区品牌调解室”",
        "“三官一律”共下沉970余次，化解成功200余件纠纷，提供法律咨询760余次",
        "已成功化解6件多年信访积案",
        "共划分33个网格、446个单元，下设24个网格党组织",
        "共采集事件约16200件",
        "今年以来共受理矛盾纠纷470余件",  # an 11月3日 cut-off is not 全年
        "中共西天尾镇委员会\n2023年11月3日",  # the 落款
    ):
        assert phrase in text, phrase
    assert "全年" not in text and "其中在建项目镇" not in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、"]
    assert (
        "理论学习" in headings[0]
        and "服务大局" in headings[1]
        and "矛盾" in headings[2]
        and "四下基层" in headings[3]
    )


def test_word_has_exact_figures_in_tables(doc):
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    for figure in ("471", "399", "84.71", "973", "206", "764", "16213", "678"):
        assert figure in cells, figure
    assert len(doc.tables) >= 4
    matched = 0
    for t in doc.tables:  # every summary table ends with 合计 where it has one, figures from sums
        last = [c.text for c in t.rows[-1].cells]
        if last[0] == "合计" and "化解率（%）" in [c.text for c in t.rows[0].cells]:
            assert last[-1] == "84.71"
            matched += 1
    assert matched >= 1


def test_word_embeds_the_charts_with_captions(doc, pack):
    from docx.shared import Cm

    shapes = doc.inline_shapes
    assert len(shapes) == len(pack["charts"])
    for s in shapes:
        assert abs(s.width - Cm(15)) < Cm(0.05)
    captions = [p.text for p in doc.paragraphs if p.style.name == "图题"]
    assert len(captions) == len(shapes) and captions[0].startswith("图1\u3000")


def test_word_fonts_and_page_are_official(doc):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def fonts(style):
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        return {
            a: rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "asciiTheme", "eastAsiaTheme")
        }

    normal = fonts(doc.styles["Normal"])
    assert normal["eastAsia"] == normal["ascii"] == normal["hAnsi"] == "仿宋_GB2312"
    assert normal["asciiTheme"] is None and normal["eastAsiaTheme"] is None
    assert doc.styles["Normal"].font.size == Pt(16)
    assert fonts(doc.styles["Heading 1"])["eastAsia"] == "黑体"
    assert fonts(doc.styles["公文标题"])["eastAsia"] == "方正小标宋简体"
    sec = doc.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
    assert [
        round(x.cm, 2) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)
    ] == [3.7, 3.5, 2.8, 2.6]


# ── the pack ─────────────────────────────────────────────────────────────────────────────────────


def test_pack_layout(pack):
    out = pack["dir"]
    assert out.name == "2023-11-03"
    assert set(pack["files"]) == {*pack["charts"].values(), pack["excel"], pack["word"]}
    assert all(p.is_file() and p.is_relative_to(out) for p in pack["files"])
    assert not list(out.glob(".*tmp*"))  # written atomically, no leftovers


def test_rendering_twice_gives_the_same_figures(con, pack, tmp_path):
    import docx
    import openpyxl
    from taizhang.reports.pack import render_pack

    cm = _glyphs_as_errors()
    try:
        again = render_pack(con, AS_OF, tmp_path)
    finally:
        cm.__exit__(None, None, None)

    def values(path):
        book = openpyxl.load_workbook(path)
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}

    assert values(again["excel"]) == values(pack["excel"])
    assert _all_text(docx.Document(again["word"])) == _all_text(docx.Document(pack["word"]))
    for name, png in pack["charts"].items():
        assert again["charts"][name].read_bytes() == png.read_bytes(), name


def test_each_chart_declares_the_marts_it_reads(tmp_path, monkeypatch):
    """The chart assets' lineage (reports/catalog.py) names every mart the chart's code reads."""
    import duckdb
    import report_fixture as rf
    from taizhang.etl.marts import MART_TABLES
    from taizhang.reports import charts, data
    from taizhang.reports.catalog import CHART_MARTS

    con = duckdb.connect()
    rf.build_report_marts(con)
    read: set[str] = set()
    original_mart, original_rows = data.mart, data.rows
    monkeypatch.setattr(
        data, "mart", lambda c, table, *a, **k: read.add(table) or original_mart(c, table, *a, **k)
    )
    monkeypatch.setattr(
        data,
        "rows",
        lambda c, sql, *a, **k: (
            read.update(t for t in MART_TABLES if f"marts.{t}" in sql) or original_rows(c, sql, *a, **k)
        ),
    )
    for name, chart in charts.CHARTS.items():
        read.clear()
        chart(con, rf.AS_OF, tmp_path)
        assert read and read <= set(CHART_MARTS[name]), (name, read)
