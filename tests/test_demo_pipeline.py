"""The demo town through the real ingest and marts reproduces the generator's manifest (and the seed's figures)."""

import datetime as dt
import json

import duckdb
import pytest
from taizhang.demo.generator import generate
from taizhang.etl.marts import build_marts, headline

pytestmark = pytest.mark.slow

SEED_FIGURES = {
    "disputes_received": 471,
    "disputes_resolved": 399,
    "dispute_resolution_rate": 84.71,
    "legal_visits": 973,
    "legal_visit_disputes_resolved": 206,
    "legal_consultations": 764,
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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    home = Home(tmp_path_factory.mktemp("demo")).ensure()
    manifest_path = home.root / "demo_manifest.json"
    generate(home.inbox, manifest_path)
    con = connect(home)
    load_reference(con)
    outcomes = ingest_paths([home.inbox], home, con)
    figures = {}
    for as_of in ("2023-10-31", "2023-11-03", "2023-11-30"):
        day = dt.date.fromisoformat(as_of)
        build_marts(con, day)
        figures[as_of] = headline(con, day)
    con.close()
    return home, json.loads(manifest_path.read_text(encoding="utf-8")), outcomes, figures


def _town(rows):
    return {r["indicator"]: r["value"] for r in rows if r["scope_kind"] == "town"}


def test_the_seed_figures_as_of_3_november(demo):
    _, _, _, figures = demo
    town = _town(figures["2023-11-03"])
    for code, value in SEED_FIGURES.items():
        assert town[code] == pytest.approx(value), code


@pytest.mark.parametrize("as_of", ["2023-10-31", "2023-11-03", "2023-11-30"])
def test_town_figures_equal_the_manifest(demo, as_of):
    _, manifest, _, figures = demo
    town = _town(figures[as_of])
    expected = {**manifest["as_of"][as_of]["town"], **manifest["as_of"][as_of].get("town_extra", {})}
    assert set(expected) <= set(town), set(expected) - set(town)
    for code, value in expected.items():
        assert town[code] == pytest.approx(value), (as_of, code)


def test_unit_figures_equal_the_manifest(demo):
    _, manifest, _, figures = demo
    units = {
        (r["scope"], r["indicator"]): r["value"] for r in figures["2023-11-03"] if r["scope_kind"] == "unit"
    }
    for unit, expected in manifest["as_of"]["2023-11-03"]["unit"].items():
        for code, value in expected.items():
            assert units[(unit, code)] == value, (unit, code)


def test_the_as_of_cut_matters(demo):
    _, _, _, figures = demo
    received = [_town(figures[d])["disputes_received"] for d in ("2023-10-31", "2023-11-03", "2023-11-30")]
    assert received[0] < received[1] < received[2]


def test_files_quarantine_zero_reports_and_resubmission(demo):
    home, manifest, outcomes, _ = demo
    files = manifest["files"]
    assert len(outcomes) == files["written"]
    assert sum(o.status == "rejected" for o in outcomes) == files["rejected_files"]
    con = duckdb.connect(str(home.warehouse), read_only=True)
    assert (
        con.execute(
            "SELECT count(DISTINCT (file_sha256, sheet, row_number)) FROM quarantine.rejected_rows"
        ).fetchone()[0]
        == files["quarantined_rows"]
    )
    assert (
        con.execute("SELECT count(*) FROM meta.source_files WHERE status = 'superseded'").fetchone()[0]
        == files["resubmissions"]
    )
    assert (
        con.execute("SELECT count(*) FROM meta.source_files WHERE status = 'zero_report'").fetchone()[0]
        == files["zero_reports"]
    )
    con.close()


def test_every_file_is_read_as_the_generator_meant_it(demo):
    _, manifest, outcomes, _ = demo
    by_name = {o.path.name: o for o in outcomes}
    for entry in manifest.get("file_list", []):
        o = by_name[entry["name"]]
        assert o.status != "rejected", o.line()
        assert {s.ledger for s in o.used} == {entry["ledger"]}, o.line()
        assert {s.period for s in o.used} == {entry["period"]}, o.line()
        if entry["unit_id"]:  # a village's party branch sends for its village
            assert {s.unit_id for s in o.used} == {entry["unit_id"]}, o.line()
        else:
            assert {s.sender for s in o.used} == {entry["sender"]}, o.line()
        assert o.rows_loaded == entry["records"] and o.rows_quarantined == len(entry["bad_rows"]), o.line()
