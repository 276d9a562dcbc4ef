"""Upgrades and unusable warehouses: a warehouse written by the previous release is brought up to this one
with one line of output; a staging or meta column added later is migrated by name; a home or warehouse that
cannot be used ends in one plain Chinese line and an exit code, never a traceback."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from taizhang.etl import warehouse as wh
from taizhang.etl.home import EXIT_UNUSABLE
from taizhang.etl.schema import Field, catalog

from taizhang.cli import main

pytestmark = pytest.mark.unit
FIXTURE = Path(__file__).parent / "fixtures" / "warehouse_v1"


def load_previous_release(path: Path) -> None:
    """The fixture (tests/fixtures/warehouse_v1/README.md) as the DuckDB file the previous release wrote."""
    con = duckdb.connect(str(path))
    try:
        con.execute((FIXTURE / "schema.sql").read_text(encoding="utf-8"))
        for line in (FIXTURE / "load.sql").read_text(encoding="utf-8").splitlines():
            if line.strip():
                con.execute(line.replace("FROM '", f"FROM '{FIXTURE}/"))
    finally:
        con.close()


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_previous_release_warehouse_is_upgraded_with_one_line_and_keeps_its_figures(home, capfd):
    load_previous_release(home.warehouse)
    old = duckdb.connect(str(home.warehouse), read_only=True)
    before = old.execute("""SELECT as_of, indicator, value FROM marts.headline_indicators
                            WHERE scope_kind = 'town' AND indicator IN ('disputes_received', 'dispute_resolution_rate')
                            ORDER BY 1, 2""").fetchall()
    old.close()
    capfd.readouterr()

    con = wh.connect(home)
    (line,) = _lines(capfd.readouterr().err)
    assert line.startswith("数据仓库已升级") and "数据版本 1 → 2" in line
    assert "按新定义重建指标表 19 张" in line and "2023-10-15、2023-10-31" in line
    assert wh.stored_version(con) == wh.SCHEMA_VERSION
    after = con.execute("""SELECT as_of, indicator, value FROM marts.headline_indicators
                           WHERE scope_kind = 'town' AND indicator IN ('disputes_received', 'dispute_resolution_rate')
                           ORDER BY 1, 2""").fetchall()
    value_type = con.execute(
        "SELECT data_type FROM duckdb_columns() WHERE schema_name = 'marts' "
        "AND table_name = 'headline_indicators' AND column_name = 'value'"
    ).fetchone()[0]
    con.close()
    assert value_type == "DECIMAL(18,2)"  # the rates as officials publish them
    assert [(d, i) for d, i, _v in after] == [(d, i) for d, i, _v in before]  # both dates, built again
    assert after[-2:] == [
        (dt.date(2023, 10, 31), "dispute_resolution_rate", Decimal("60.00")),
        (dt.date(2023, 10, 31), "disputes_received", Decimal("5.00")),
    ]
    wh.connect(home).close()
    assert capfd.readouterr().err == ""  # upgraded once: nothing more to say


def test_a_field_added_to_ledgers_yaml_becomes_a_column_of_existing_warehouses(home, monkeypatch, capfd):
    wh.connect(home).close()
    capfd.readouterr()
    ledgers = dict(catalog().ledgers)
    disputes = ledgers["disputes"]
    extra = Field(name="mediator_phone_checked", type="bool", label="回访核实", synonyms=("回访核实",))
    ledgers["disputes"] = dataclasses.replace(disputes, fields={**disputes.fields, extra.name: extra})
    monkeypatch.setattr(wh, "catalog", lambda: dataclasses.replace(catalog(), ledgers=ledgers))
    con = wh.connect(home)
    (line,) = _lines(capfd.readouterr().err)
    columns = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'staging' "
            "AND table_name = 'disputes'"
        ).fetchall()
    }
    con.execute("SELECT count(*) FROM core.disputes").fetchone()  # the view sees the new columns
    con.close()
    assert {"mediator_phone_checked", "mediator_phone_checked_raw"} <= columns
    assert "staging.disputes.mediator_phone_checked" in line and "taizhang rebuild" in line


def test_a_column_added_to_a_meta_table_is_migrated_and_rows_go_in_by_name(home, monkeypatch, capfd):
    wh.connect(home).close()
    capfd.readouterr()
    tables = dict(wh.TABLES)
    tables["meta.source_files"] = [
        *tables["meta.source_files"][:3],
        ("archived_as", "VARCHAR"),
        *tables["meta.source_files"][3:],
    ]
    monkeypatch.setattr(wh, "TABLES", tables)
    con = wh.connect(home)
    assert "meta.source_files.archived_as" in capfd.readouterr().err
    given = {
        "file_sha256": "sha",
        "file_name": "a.xlsx",
        "path": "/x/a.xlsx",
        "archived_as": "archive/sha.xlsx",
        "size_bytes": 10,
        "status": "loaded",
        "ingested_at": dt.datetime(2024, 1, 1),
    }
    row = [given.get(column) for column, _type in tables["meta.source_files"]]
    wh.insert_values(con, "meta.source_files", [row])  # in the new order; the table has the column last
    stored = con.execute("SELECT archived_as, size_bytes FROM meta.source_files").fetchone()
    con.close()
    assert stored == ("archive/sha.xlsx", 10)


# --- unusable homes and warehouses ------------------------------------------------------------------------


def _refused(capsys, *argv) -> tuple[int, str]:
    code = main(list(map(str, argv)))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_a_home_that_is_a_file_is_refused_plainly(tmp_path, capsys):
    home = tmp_path / "home.txt"
    home.write_text("not a folder", encoding="utf-8")
    code, err = _refused(capsys, "run", "--as-of", "2023-10-31", "--home", home)
    assert code == EXIT_UNUSABLE and "是一个文件，不是文件夹" in err and len(_lines(err)) == 1


@pytest.mark.parametrize("damage", ["truncated", "text", "foreign_duckdb"])
def test_a_damaged_or_foreign_warehouse_is_refused_plainly(home, capsys, damage):
    if damage == "truncated":
        wh.connect(home).close()
        data = home.warehouse.read_bytes()
        home.warehouse.write_bytes(data[: len(data) // 3])
    elif damage == "text":
        home.warehouse.write_text("这不是数据库" * 200, encoding="utf-8")
    else:
        con = duckdb.connect(str(home.warehouse))
        con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
        con.close()
    for argv in (
        ("indicators", "--as-of", "2023-10-31"),
        ("ingest", home.inbox),
        ("run", "--as-of", "2023-10-31"),
    ):
        code, err = _refused(capsys, *argv, "--home", home.root)
        assert code == EXIT_UNUSABLE, (argv, err)
        assert (
            ("已损坏或不是台账的数据仓库" in err)
            if damage != "foreign_duckdb"
            else ("不是台账的数据仓库" in err)
        )


def test_a_warehouse_of_a_newer_release_is_refused_plainly(home, capsys):
    wh.connect(home).close()
    con = duckdb.connect(str(home.warehouse))
    con.execute("UPDATE meta.warehouse_info SET value = '99' WHERE key = 'schema_version'")
    con.close()
    for argv in (("indicators", "--as-of", "2023-10-31"), ("ingest", home.inbox)):
        code, err = _refused(capsys, *argv, "--home", home.root)
        assert code == EXIT_UNUSABLE and "较新版本" in err and "数据版本 99" in err


def test_a_warehouse_older_than_this_release_can_upgrade_is_refused_plainly(home, capsys, monkeypatch):
    """The day a release stops upgrading the first release's warehouses (OLDEST_UPGRADABLE = 2)."""
    load_previous_release(home.warehouse)
    monkeypatch.setattr(wh, "OLDEST_UPGRADABLE", 2)
    code, err = _refused(capsys, "ingest", home.inbox, "--home", home.root)
    assert code == EXIT_UNUSABLE and "版本太旧" in err and "taizhang rebuild" in err


def test_a_warehouse_that_cannot_be_written_is_refused_plainly(home, capsys, monkeypatch):
    """As root a read-only folder is still writable; the message DuckDB gives for one is used instead."""
    real = duckdb.connect

    def refuse(path, read_only=False, config=None):
        if not read_only:
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real(path, read_only=read_only, config=config)

    monkeypatch.setattr(duckdb, "connect", refuse)
    code, err = _refused(capsys, "ingest", home.inbox, "--home", home.root)
    assert code == EXIT_UNUSABLE and "无法写入数据仓库" in err and "没有写入权限" in err
