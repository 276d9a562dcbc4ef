"""The county layer without Dagster: the registry, reporting dates, the key, and URIs of the lake."""

import datetime as dt

import pytest
from taizhang.etl import county as cty

pytestmark = pytest.mark.unit


def test_a_scheme_is_a_uri_and_a_drive_letter_is_not():
    assert cty.has_scheme("s3://bucket/county")
    assert not cty.has_scheme(r"C:\data\lake") and not cty.has_scheme("/data/lake")


def test_a_month_partition_reports_as_of_its_last_day_or_a_day_of_it():
    assert cty.as_of_for(dt.date(2023, 2, 1)) == dt.date(2023, 2, 28)
    assert cty.as_of_for(dt.date(2023, 11, 1), "2023-11-03") == dt.date(2023, 11, 3)
    with pytest.raises(cty.CountyError):
        cty.as_of_for(dt.date(2023, 11, 1), "2023-10-31")


def test_no_key_no_county_run(monkeypatch):
    monkeypatch.delenv("TAIZHANG_KEY", raising=False)
    with pytest.raises(cty.CountyError, match="TAIZHANG_KEY"):
        cty.require_key()


def test_registry_rejects_bad_and_repeated_keys(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text("town,name\ntown_01,甲镇\ntown_01,乙镇\n", encoding="utf-8")
    with pytest.raises(cty.CountyError, match="重复"):
        cty.read_registry(path)
    path.write_text("town,name\nTown 1,甲镇\n", encoding="utf-8")
    with pytest.raises(cty.CountyError, match="第 2 行"):
        cty.read_registry(path)


def test_a_relative_lake_is_under_the_root_and_files_land_by_date_and_town(tmp_path):
    cty.write_config(tmp_path, "测试县", "测试市", "lake", 1.0)
    county = cty.County.open(tmp_path)
    src = tmp_path / "x.parquet"
    src.write_bytes(b"PAR1")
    county.lake.put(src, *cty.lake_parts(dt.date(2023, 2, 28), "town_01"))
    county.lake.put(src, *cty.lake_parts(dt.date(2023, 2, 28), "town_01"))  # replaced, not refused
    assert (tmp_path / "lake/headline_indicators/as_of=2023-02-28/town=town_01/part.parquet").exists()
    assert cty.lake_towns(county.lake, dt.date(2023, 2, 28)) == ["town_01"]
    assert cty.lake_towns(county.lake, dt.date(2023, 1, 31)) == []
