"""The Word 工作总结 from its editable template (docxtpl): every placeholder filled with the marts' figures,
and an office's own template in the home used instead of the packaged one."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import duckdb
import pytest

try:
    from report_fixture import AS_OF, build_report_marts
except ImportError:  # tests/ as a package
    from tests.report_fixture import AS_OF, build_report_marts

from taizhang.reports.phrasing import official_phrase as P

REPO = Path(__file__).resolve().parents[1]
TOWN = "西天尾镇"


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    build_report_marts(c)
    yield c
    c.close()


@pytest.fixture(scope="module")
def rendered(con, tmp_path_factory):
    from taizhang.reports.word_report import write_word_report

    return write_word_report(con, AS_OF, {}, tmp_path_factory.mktemp("word") / "工作总结.docx")


def _text(path: Path) -> str:
    """Every paragraph of the body, the tables, the header and the footer."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def _town(con) -> dict[str, tuple]:
    rows = con.execute(
        "SELECT indicator, numerator, denominator, value FROM marts.headline_indicators "
        "WHERE as_of = ? AND scope_kind = 'town' AND scope = ?",
        [AS_OF, TOWN],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def _n(ind, code) -> int:
    return int(round(ind[code][2]))


def test_every_placeholder_is_filled(rendered):
    from taizhang.reports.word_report import APPENDIX_MARK

    text = _text(rendered)
    for tag in ("{{", "}}", "{%", "%}", "{#", APPENDIX_MARK, "None", "—件", "—个"):
        assert tag not in text, tag


def test_the_figures_in_the_text_are_the_marts(con, rendered):
    ind = _town(con)
    rate = ind["dispute_resolution_rate"][2]
    text = _text(rendered)
    expected = [
        f"截至11月3日，全镇各类矛盾纠纷化解{P(_n(ind, 'disputes_resolved'))}件，化解率{rate:.2f}%",
        f"今年以来共受理矛盾纠纷{P(_n(ind, 'disputes_received'))}件",
        f"{_n(ind, 'party_orgs')}个党组织常态化开展理论学习",
        f"全镇重点项目{_n(ind, 'key_projects_total')}个，其中在建项目{_n(ind, 'key_projects_in_construction')}个、"
        f"预备项目{_n(ind, 'key_projects_preparatory')}个、前期项目{_n(ind, 'key_projects_preliminary')}个",
        f"园区2023年重点项目{_n(ind, 'park_projects_total')}个",
        f"“三官一律”共下沉{P(_n(ind, 'legal_visits'))}次，化解成功{P(_n(ind, 'legal_visit_disputes_resolved'))}"
        f"件纠纷，提供法律咨询{P(_n(ind, 'legal_consultations'))}次",
        f"已成功化解{_n(ind, 'petition_backlog_resolved')}件多年信访积案",
        f"共划分{_n(ind, 'grid_count')}个网格、{_n(ind, 'grid_units')}个单元，"
        f"下设{_n(ind, 'grid_party_orgs')}个网格党组织",
        f"共采集事件{P(_n(ind, 'grid_events_collected'))}件",
        f"办结率{ind['grid_events_closure_rate'][2]:.2f}%",
        f"{_n(ind, 'mediation_rooms')}个“片区品牌调解室”",
        f"中共{TOWN}委员会\n2023年11月3日",  # the 落款: issuing unit, then the date
    ]
    areas = con.execute(
        "SELECT area, received, resolved, resolution_rate FROM marts.dispute_resolution_by_area "
        "WHERE as_of = ? ORDER BY area",
        [AS_OF],
    ).fetchall()
    expected += [f"{a}受理{rec}件、化解{res}件，化解率{r:.2f}%" for a, rec, res, r in areas]
    for phrase in expected:
        assert phrase in text, phrase
    # the exact figures in the 附表: the town's totals
    received, resolved = ind["dispute_resolution_rate"][1], ind["dispute_resolution_rate"][0]
    assert (int(received), int(resolved)) == (
        sum(a[1] for a in areas),
        sum(a[2] for a in areas),
    )
    cells = set(text.split("\n"))
    assert {str(int(received)), str(int(resolved)), f"{rate:.2f}"} <= cells


def test_prose_first_then_the_appendix(rendered):
    import docx

    d = docx.Document(str(rendered))
    body = d.element.body
    styles = [p.style.name for p in d.paragraphs]
    texts = [p.text for p in d.paragraphs]
    assert styles[0] == "公文标题" and texts[0] == f"{TOWN}2023年主题教育阶段性工作总结（数据稿）"
    signed = texts.index(f"中共{TOWN}委员会")
    assert d.paragraphs[signed].style.name == "落款" and d.paragraphs[signed + 1].style.name == "落款"
    first_table = next(i for i, el in enumerate(body) if el.tag.endswith("}tbl"))
    signature = list(body).index(d.paragraphs[signed]._p)
    assert first_table > signature  # no table before the 落款: they are 附表
    captions = [t for t, s in zip(texts, styles, strict=True) if s == "表题"]
    assert captions and all(c.startswith(f"附表{i}\u3000") for i, c in enumerate(captions, 1))


def test_an_office_template_in_the_home_is_used(con, home, tmp_path):
    import docx
    from taizhang.reports.word_report import PACKAGED_TEMPLATE, template_path, write_word_report

    assert template_path(home.root) == PACKAGED_TEMPLATE  # none of their own yet
    own = home.root / "templates" / "工作情况汇报.docx"
    own.parent.mkdir(parents=True)
    shutil.copy(PACKAGED_TEMPLATE, own)
    d = docx.Document(str(own))
    added = "党政办补充：今年以来全镇化解矛盾纠纷{{ disputes_resolved }}件，群众满意度持续提升。"
    d.paragraphs[2].insert_paragraph_before(added)
    d.save(str(own))

    assert template_path(home.root) == own
    out = write_word_report(con, AS_OF, {}, tmp_path / "工作总结.docx", template=template_path(home.root))
    ind = _town(con)
    text = _text(out)
    assert (
        f"党政办补充：今年以来全镇化解矛盾纠纷{P(_n(ind, 'disputes_resolved'))}件，群众满意度持续提升。"
        in text
    )
    assert "{{" not in text


def test_the_committed_template_is_what_make_template_writes(tmp_path):
    import docx
    from taizhang.reports import make_template
    from taizhang.reports.word_report import PACKAGED_TEMPLATE

    fresh = make_template.build(tmp_path / "t.docx")

    def paragraphs(path):
        return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]

    assert paragraphs(fresh) == paragraphs(PACKAGED_TEMPLATE)


def test_the_template_is_package_data():
    conf = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    tool = conf["tool"]["setuptools"]
    assert tool["package-dir"]["taizhang.reports"] == "reports"
    assert "templates/*.docx" in tool["package-data"]["taizhang.reports"]
    assert any(d.startswith("docxtpl") for d in conf["project"]["dependencies"])


def test_an_office_template_is_an_input_of_the_next_run(home):
    from taizhang.etl.run_state import Inputs
    from taizhang.reports.word_report import PACKAGED_TEMPLATE

    assert Inputs.now(home, AS_OF).word_template == ""
    home.word_template.parent.mkdir(parents=True)
    shutil.copy(PACKAGED_TEMPLATE, home.word_template)
    first = Inputs.now(home, AS_OF).word_template
    with home.word_template.open("ab") as f:  # saved again after an edit
        f.write(b"\0")
    assert "" != first != Inputs.now(home, AS_OF).word_template


@pytest.mark.parametrize(
    "text, said",
    [
        ("化解{{ disputes_solved }}件。", "disputes_solved"),  # a misspelt name: not left empty
        ("化解{{ disputes_resolved 件。", "标记有误"),  # a tag not closed
    ],
)
def test_a_broken_office_template_is_said_plainly(con, tmp_path, text, said):
    import docx
    from taizhang.reports.word_report import PACKAGED_TEMPLATE, TemplateProblem, write_word_report

    own = tmp_path / "工作情况汇报.docx"
    d = docx.Document(str(PACKAGED_TEMPLATE))
    d.paragraphs[2].insert_paragraph_before(text)
    d.save(str(own))
    with pytest.raises(TemplateProblem, match=said) as raised:
        write_word_report(con, AS_OF, {}, tmp_path / "out.docx", template=own)
    assert "删除该文件以使用系统自带的模板" in str(raised.value)
    own.write_bytes(b"not a docx")
    with pytest.raises(TemplateProblem, match="不是可以读取的 .docx 文件"):
        write_word_report(con, AS_OF, {}, tmp_path / "out.docx", template=own)


def test_without_the_appendix_paragraph_the_tables_go_at_the_end(con, tmp_path):
    import docx
    from taizhang.reports.word_report import PACKAGED_TEMPLATE, write_word_report

    own = tmp_path / "工作情况汇报.docx"
    d = docx.Document(str(PACKAGED_TEMPLATE))
    anchor = next(p for p in d.paragraphs if "{{ appendix }}" in p.text)
    anchor._p.getparent().remove(anchor._p)
    d.save(str(own))
    out = docx.Document(str(write_word_report(con, AS_OF, {}, tmp_path / "out.docx", template=own)))
    body = [el for el in out.element.body if not el.tag.endswith("}sectPr")]
    assert body[-1].tag.endswith("}tbl") and len(out.tables) >= 4


def test_the_command_copies_the_template_into_the_home_once(home, capsys):
    from taizhang.reports.word_report import PACKAGED_TEMPLATE, template_path

    from taizhang.cli import main

    assert main(["word-template", "--home", str(home.root)]) == 0
    assert home.word_template.read_bytes() == PACKAGED_TEMPLATE.read_bytes()
    assert template_path(home.root) == home.word_template
    home.word_template.write_bytes(b"their own")
    assert main(["word-template", "--home", str(home.root)]) == 0
    assert home.word_template.read_bytes() == b"their own"  # never over an office's own
    assert "未覆盖" in capsys.readouterr().out
