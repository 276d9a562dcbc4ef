"""The county on a real deployment, on one machine: Postgres (started here on a free port in a temp folder;
skipped with the reason where it cannot start), `taizhang county init` of 3 demo towns of different seeds and
sizes (January–February), the daemon, and `taizhang county run` for two as-of dates — a backfill of
3 towns × 2 months through the QueuedRunCoordinator. The rollup is checked against sums computed here from
each town's staging tables, not from the marts."""

import datetime as dt
import os
import subprocess
import sys

import duckdb
import postgres_server
import pytest

pytestmark = pytest.mark.integration

AS_OFS = (dt.date(2023, 1, 31), dt.date(2023, 2, 28))
TOWNS = ("town_01", "town_02", "town_03")


@pytest.fixture(scope="module")
def postgres():
    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as why:
        pytest.skip(f"跳过县级集成测试：{why}")
    yield server.url
    server.stop()


def _cli(*args, env, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "taizhang", "county", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def county(postgres, tmp_path_factory):
    root = tmp_path_factory.mktemp("county")
    env = {
        **os.environ,
        "TAIZHANG_COUNTY_ROOT": str(root),
        "TAIZHANG_COUNTY_PG_URL": postgres,
        "TAIZHANG_KEY": "county-test-key",
    }
    init = _cli("init", "--towns", "3", "--demo", "--months", "2", env=env)
    assert init.returncode == 0, init.stderr
    daemon = subprocess.Popen(
        [sys.executable, "-m", "taizhang", "county", "daemon"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        runs = {as_of: _cli("run", "--as-of", as_of.isoformat(), env=env) for as_of in AS_OFS}
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
    return root, env, runs


def _staging_sums(root, town, as_of):
    """Disputes received/resolved and party attendance from the town's staging, as the SPEC defines them."""
    con = duckdb.connect(str(root / "towns" / town / "warehouse.duckdb"), read_only=True)
    try:
        # each record's latest version, from the files still in force
        received, resolved = con.execute(
            """WITH latest AS (
                   SELECT d.* FROM staging.disputes d JOIN meta.source_files f ON f.file_sha256 = d.file_sha256
                   WHERE f.status = 'loaded' AND d.period <= strftime(?::DATE, '%Y-%m')
                   QUALIFY row_number() OVER (PARTITION BY d.unit_id, d.record_key ORDER BY d.period DESC) = 1)
               SELECT count(*), count(*) FILTER (WHERE status = 'resolved' AND resolved_date <= ?)
               FROM latest WHERE received_date BETWEEN ? AND ?""",
            [as_of, as_of, as_of.replace(month=1, day=1), as_of],
        ).fetchone()
    finally:
        con.close()
    return received, resolved


def _rollup(root, as_of):
    path = root / "lake" / "county_headline_indicators" / f"as_of={as_of}" / "part.parquet"
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT scope_kind, town, indicator, numerator, denominator, value, method, towns_covered, towns_expected, note "
            "FROM read_parquet(?)",
            [str(path)],
        ).fetchall()
    finally:
        con.close()
    return rows


def test_both_runs_went_through_the_queue_and_succeeded(county):
    _, _, runs = county
    for as_of, done in runs.items():
        assert done.returncode == 0, (as_of, done.stdout[-2000:], done.stderr[-2000:])
        assert "COMPLETED_SUCCESS" in done.stdout and "覆盖 3/3 个镇" in done.stdout


def test_the_lake_is_keyed_by_date_and_town(county):
    root, _, _ = county
    for as_of in AS_OFS:
        for town in TOWNS:
            assert (
                root / "lake" / "headline_indicators" / f"as_of={as_of}" / f"town={town}" / "part.parquet"
            ).exists()
        assert (root / "lake" / "county_headline_indicators" / f"as_of={as_of}" / "part.parquet").exists()


def test_rollup_equals_sums_from_each_towns_staging(county):
    root, _, _ = county
    for as_of in AS_OFS:
        received = resolved = 0
        rates = []
        for town in TOWNS:
            r, s = _staging_sums(root, town, as_of)
            received, resolved = received + r, resolved + s
            rates.append(100.0 * s / r)
        rows = {
            (k, i): (n, d, v, m, c, e) for k, t, i, n, d, v, m, c, e, _ in _rollup(root, as_of) if t is None
        }
        n, d, v, method, covered, expected = rows[("county", "dispute_resolution_rate")]
        assert (n, d) == (resolved, received) and (covered, expected) == (3, 3)
        assert method == "ratio_of_sums" and v == pytest.approx(round(100.0 * resolved / received, 2))
        # different seeds and sizes: the mean of the towns' rates is not the county's rate
        assert round(sum(rates) / 3, 2) != v
        assert rows[("county", "disputes_received")][2] == received


def test_medians_are_not_summed_and_say_so(county):
    root, _, _ = county
    for _k, t, indicator, _n, _d, v, method, _, _, note in _rollup(root, AS_OFS[1]):
        if t is None and indicator == "grid_events_median_hours_to_close":
            assert v is None and method == "not_additive" and "中位数不可相加" in note


def test_a_run_without_the_key_is_refused(county):
    _, env, _ = county
    env = {k: v for k, v in env.items() if k != "TAIZHANG_KEY"}
    done = _cli("run", "--as-of", "2023-02-28", env=env, timeout=120)
    assert done.returncode == 2 and "TAIZHANG_KEY" in done.stderr


def test_the_rollup_refuses_below_the_minimum_coverage(county):
    root, env, _ = county
    with open(root / "towns.csv", "a", encoding="utf-8") as registry:
        registry.write("town_04,示范镇04,荔城区,莆田市,,\n")  # a fourth town that has not reported
    done = _cli("rollup", "--as-of", "2023-02-28", env=env, timeout=120)
    assert done.returncode == 6 and "3/4" in done.stderr
