"""The county path (assets/county.py): towns as Dagster partitions, each with its own DuckDB, a Parquet lake of
their headline indicators, and a rollup whose counts are the sums of the towns' and whose rates are recomputed
from the summed numerators and denominators — never averaged.

Three demo towns (three seeds), cut to January–February so the test stays well under a minute and a half."""

import datetime as dt
import json

import dagster as dg
import duckdb
import pytest
from taizhang.assets.county import NOT_ADDITIVE, ROLLUP_TABLE, build_county_definitions, months_elapsed
from taizhang.demo.generator import generate

pytestmark = pytest.mark.slow

AS_OF = dt.date(2023, 2, 28)
SEEDS = {"town_01": 2023, "town_02": 2024, "town_03": 2025}
COUNTY = "测试县"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("county")
    for town, seed in SEEDS.items():
        folder = root / "towns" / town
        generate(folder / "inbox", folder / "manifest.json", seed)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["file_list"]:  # keep 2023-01 and 2023-02
            if (entry["period"] or "") > "2023-02":
                (folder / "inbox" / entry["name"]).unlink()
    defs = build_county_definitions(root, as_of=AS_OF, county_name=COUNTY)
    towns_asset = defs.resolve_assets_def("town_indicators")
    rollup_asset = defs.resolve_assets_def("county_rollup")
    instance = dg.DagsterInstance.ephemeral()
    results = {}
    for town in towns_asset.partitions_def.get_partition_keys():
        results[town] = dg.materialize([towns_asset], partition_key=town, instance=instance)
    results["rollup"] = dg.materialize(
        [towns_asset, rollup_asset], selection=[rollup_asset], instance=instance
    )
    return root, defs, results


def _town_rows(root, town) -> dict[str, tuple]:
    con = duckdb.connect(str(root / "towns" / town / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(
            """SELECT indicator, numerator, denominator, value, unit FROM marts.headline_indicators
                              WHERE as_of = ? AND scope_kind = 'town'""",
            [AS_OF],
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def _county_rows(root) -> dict[str, tuple]:
    con = duckdb.connect(str(root / "county.duckdb"), read_only=True)
    try:
        rows = con.execute(f"""SELECT indicator, numerator, denominator, value, unit, towns, method, scope
                               FROM {ROLLUP_TABLE} WHERE scope_kind = 'county'""").fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def test_partitions_are_the_town_folders(county):
    root, defs, results = county
    assert defs.resolve_assets_def("town_indicators").partitions_def.get_partition_keys() == list(SEEDS)
    assert all(r.success for r in results.values())
    for town in SEEDS:  # each town its own DuckDB and its own Parquet file in the lake
        assert (root / "towns" / town / "warehouse.duckdb").exists()
        assert (root / "lake" / "headline_indicators" / f"town={town}" / "part.parquet").exists()


def test_every_town_loaded_its_rows(county):
    _, _, results = county
    for town in SEEDS:
        md = results[town].asset_materializations_for_node("town_indicators")[0].metadata
        assert md["town"].value == town and md["as_of"].value == AS_OF.isoformat()
        assert md["files_rejected"].value == 0
        assert md["rows_loaded_this_run"].value > 500
        assert md["lake_rows"].value == md["headline_rows"].value > 0


def test_county_counts_are_the_sums_of_the_towns(county):
    root, _, _ = county
    towns = {t: _town_rows(root, t) for t in SEEDS}
    rollup = _county_rows(root)
    assert set(rollup) == set(towns["town_01"])
    checked = 0
    for indicator, (num, den, value, unit, n_towns, method, scope) in rollup.items():
        assert n_towns == 3 and scope == COUNTY
        if method != "sum":
            continue
        assert unit not in ("%", "个百分点")
        assert num == pytest.approx(sum(towns[t][indicator][0] for t in SEEDS)), indicator
        assert value == pytest.approx(sum(towns[t][indicator][2] for t in SEEDS)), indicator
        dens = [towns[t][indicator][1] for t in SEEDS]
        assert den == (None if all(d is None for d in dens) else pytest.approx(sum(d or 0 for d in dens)))
        checked += 1
    assert checked >= 20
    received = sum(towns[t]["disputes_received"][2] for t in SEEDS)
    assert rollup["disputes_received"][2] == received > 0


def test_county_rates_are_recomputed_from_summed_numerators_and_denominators(county):
    root, _, _ = county
    towns = {t: _town_rows(root, t) for t in SEEDS}
    rollup = _county_rows(root)
    rates = [i for i, r in rollup.items() if r[3] == "%"]
    assert {"dispute_resolution_rate", "grid_events_closure_rate", "party_attendance_rate"} <= set(rates)
    for indicator in rates:
        num, den, value, _, _, method, _ = rollup[indicator]
        assert method == "ratio_of_sums"
        town_num = sum(towns[t][indicator][0] for t in SEEDS)
        town_den = sum(towns[t][indicator][1] for t in SEEDS)
        assert num == pytest.approx(town_num) and den == pytest.approx(town_den), indicator
        expected = round(100.0 * town_num / town_den, 2) if town_den else None
        assert value == pytest.approx(expected), indicator
    # a rate of sums, not a mean of the towns' rates
    num, den, value = rollup["party_attendance_rate"][:3]
    assert value == round(100.0 * num / den, 2)


def test_schedule_gaps_and_medians(county):
    root, _, _ = county
    rollup = _county_rows(root)
    schedule = 100.0 * months_elapsed(AS_OF) / 12
    gaps = ("key_projects_ahead_of_schedule", "park_projects_ahead_of_schedule")
    assert set(gaps) <= set(rollup) and NOT_ADDITIVE <= set(rollup)
    for indicator in gaps:
        num, den, value, _, _, method, _ = rollup[indicator]
        assert method == "ratio_of_sums_minus_schedule"
        assert value == pytest.approx(round(round(100.0 * num / den, 2) - schedule, 2))
    for indicator in NOT_ADDITIVE:
        assert rollup[indicator][2] is None and rollup[indicator][5] == "not_additive"


def test_the_rollup_keeps_every_towns_own_rows(county):
    root, _, _ = county
    con = duckdb.connect(str(root / "county.duckdb"), read_only=True)
    try:
        per_town = dict(
            con.execute(
                f"SELECT town, count(*) FROM {ROLLUP_TABLE} WHERE town IS NOT NULL GROUP BY town"
            ).fetchall()
        )
    finally:
        con.close()
    probe = duckdb.connect()
    for town in SEEDS:
        lake = probe.execute(
            "SELECT count(*) FROM read_parquet(?)",
            [str(root / "lake" / "headline_indicators" / f"town={town}" / "part.parquet")],
        ).fetchone()[0]
        assert per_town[town] == lake
    probe.close()


def test_the_rollup_refuses_a_missing_town(county):
    root, _, _ = county
    defs = build_county_definitions(root, towns=[*SEEDS, "town_04"], as_of=AS_OF)
    towns_asset, rollup_asset = (
        defs.resolve_assets_def("town_indicators"),
        defs.resolve_assets_def("county_rollup"),
    )
    result = dg.materialize([towns_asset, rollup_asset], selection=[rollup_asset], raise_on_error=False)
    assert not result.success
