"""The county's lake on an S3-compatible object store (moto's server on a free local port, started here):
the same code path as a local folder writes the towns' figures, lists them by date and town, replaces a part,
and publishes a rollup that reads back; rates are the ratio of summed numerators and denominators."""

import datetime as dt
import socket

import pytest
from taizhang.etl import county as cty

AS_OF = dt.date(2023, 2, 28)


@pytest.fixture
def s3_endpoint(monkeypatch):
    pytest.importorskip("s3fs", reason="the s3 extra (s3fs) is not installed")
    server_mod = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = server_mod.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    for key, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": url,  # botocore (and so s3fs) read the endpoint from here
    }.items():
        monkeypatch.setenv(key, value)
    import boto3

    boto3.client("s3", endpoint_url=url).create_bucket(Bucket="county-lake")
    yield url
    server.stop()


def _town_figures(town: str, received: int, resolved: int):
    """A town's marts.headline_indicators of AS_OF, in an in-memory DuckDB, as a town run leaves them."""
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    con.execute(
        "CREATE TABLE marts.headline_indicators (as_of DATE, scope_kind VARCHAR, scope VARCHAR, indicator VARCHAR,"
        " name_zh VARCHAR, numerator DOUBLE, denominator DOUBLE, value DECIMAL(18, 2), unit VARCHAR)"
    )
    rate = round(100 * resolved / received, 2)
    con.executemany(
        "INSERT INTO marts.headline_indicators VALUES (?, 'town', ?, ?, ?, ?, ?, ?, ?)",
        [
            (AS_OF, town, "disputes_received", "矛盾纠纷受理数", received, None, received, "件"),
            (AS_OF, town, "dispute_resolution_rate", "矛盾纠纷化解率", resolved, received, rate, "%"),
        ],
    )
    return con


def test_the_lake_and_the_rollup_on_an_s3_uri(tmp_path, s3_endpoint):
    cty.write_config(tmp_path, "测试县", "测试市", "s3://county-lake/county", 1.0)
    cty.write_registry(
        tmp_path / cty.REGISTRY_NAME,
        [cty.Town("town_01", "甲镇", "测试县", "测试市"), cty.Town("town_02", "乙镇", "测试县", "测试市")],
    )
    county = cty.County.open(tmp_path)
    assert not county.lake.local

    for town, received, resolved in (("town_01", 10, 9), ("town_02", 90, 45)):
        con = _town_figures(town, received, resolved)
        assert cty.export_headline(con, AS_OF, county.lake, town) == 2
        assert cty.export_headline(con, AS_OF, county.lake, town) == 2  # a rerun replaces its part
        con.close()
    assert cty.lake_towns(county.lake, AS_OF) == ["town_01", "town_02"]
    assert cty.lake_dates(county.lake) == [AS_OF]

    result = cty.rollup(county, AS_OF)
    assert result.target == "s3://county-lake/county/county_headline_indicators/as_of=2023-02-28/part.parquet"
    published = cty.read_rollup(county, AS_OF)
    assert published == result.rows
    [rate] = [
        r for r in published if r["scope_kind"] == "county" and r["indicator"] == "dispute_resolution_rate"
    ]
    # (9 + 45) / (10 + 90) = 54.00%, not the mean of 90% and 50%
    assert float(rate["value"]) == 54.0 and rate["towns_covered"] == 2
