"""`taizhang rebuild`: the raw archive re-read into a fresh warehouse that replaces the live one.

Until the ingest keeps the archive itself, these tests make it from the inbox files the way the ingest will:
<home>/archive/<sha256><suffix>."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest
from builders import DISPUTE_HEADER, write_xlsx
from cli_kit import stamp_in_order
from small_town import write_small_town
from taizhang.etl.files import sha256_of_file
from taizhang.etl.home import Home
from taizhang.etl.ingest import ingest_paths
from taizhang.etl.marts import build_marts
from taizhang.etl.rebuild import BACKUP_NAME, RebuildError, rebuild
from taizhang.etl.warehouse import connect, load_reference

from taizhang.cli import main

pytestmark = pytest.mark.unit
TIMESTAMPS = {"loaded_at", "ingested_at", "rejected_at"}
AS_OF = dt.date(2023, 10, 31)


def archive_inbox(home) -> None:
    home.archive.mkdir(exist_ok=True)
    for path in home.inbox.iterdir():
        shutil.copyfile(path, home.archive / f"{sha256_of_file(path)}{path.suffix.lower()}")


def rows_of(path) -> dict[str, list]:
    """Every row of every table of the warehouse but its timestamps, sorted (the warehouse's contents)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for schema, table in con.execute("""SELECT schema_name, table_name FROM duckdb_tables()
                                            WHERE schema_name IN ('ref', 'meta', 'staging', 'quarantine', 'marts')
                                            ORDER BY 1, 2""").fetchall():
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? "
                    "AND table_name = ? ORDER BY column_index",
                    [schema, table],
                ).fetchall()
                if c not in TIMESTAMPS
            ]
            select = ", ".join(f'"{c}"' for c in cols)
            out[f"{schema}.{table}"] = sorted(
                map(repr, con.execute(f"SELECT {select} FROM {schema}.{table}").fetchall())
            )
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The small town plus a corrected resubmission and a file with a row to quarantine, ingested in order,
    its marts built for two dates, its files archived (made once; each test gets a copy)."""
    home = Home(tmp_path_factory.mktemp("rebuild") / "home").ensure()
    write_small_town(home.inbox)
    write_xlsx(
        home.inbox / "林山村-矛盾纠纷-2023年10月（更正）.xlsx",
        {
            "10月": [
                ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张三", "", "排水", "村", "已化解", "2023-10-05", None],
                [2, "2023-10-03", "婚姻家庭", "李四", "", "离婚", "片区调解室", "已化解", "2023-10-20", None],
                [3, "2023-10-04", "劳资纠纷", "王五", "", "欠薪", "镇", "已化解", "2023-10-25", None],
                [4, "2023-09-04", "山林权属", "赵六", "", "界址", "上级", "已移交", None, None],
                [5, "2023-13-45", "邻里纠纷", "李四", "", "噪音", "村", "化解中", None, None],
            ]
        },
    )
    stamp_in_order(sorted(home.inbox.iterdir(), key=lambda p: ("更正" in p.name, p.name)))
    con = connect(home)
    load_reference(con)
    ingest_paths([home.inbox], home, con)
    for day in (dt.date(2023, 10, 15), AS_OF):
        build_marts(con, day)
    con.close()
    archive_inbox(home)
    return home


@pytest.fixture
def town(prepared, tmp_path):
    shutil.copytree(prepared.root, tmp_path / "home", copy_function=shutil.copy2)
    return Home(tmp_path / "home")


def test_a_rebuild_of_an_untouched_home_equals_the_original_row_by_row(town):
    before = rows_of(town.warehouse)
    assert before["quarantine.rejected_rows"] and any("superseded" in r for r in before["meta.source_files"])
    result = rebuild(town)
    assert rows_of(town.warehouse) == before
    assert result.files == 8 and result.as_of_dates == [dt.date(2023, 10, 15), AS_OF]
    assert result.backup == town.root / BACKUP_NAME and rows_of(result.backup) == before
    assert not list(town.root.glob(".rebuild-*"))  # the work folder is gone


def test_the_rebuild_reads_files_moved_out_of_the_inbox_from_the_archive(town):
    before = rows_of(town.warehouse)
    shutil.rmtree(town.inbox)
    rebuild(town)
    assert rows_of(town.warehouse) == before


def test_a_file_missing_from_the_archive_stops_the_rebuild_and_leaves_the_warehouse(town):
    victim = next(town.inbox.glob("镇项目办*"))
    sha = sha256_of_file(victim)
    (town.archive / f"{sha}{victim.suffix}").unlink()
    victim.unlink()
    con = duckdb.connect(
        str(town.warehouse)
    )  # read from this home's inbox (the fixture's copy was elsewhere)
    con.execute("UPDATE meta.source_files SET path = ? WHERE file_sha256 = ?", [str(victim), sha])
    con.close()
    before = rows_of(town.warehouse)
    with pytest.raises(RebuildError, match="缺少 1 个文件"):
        rebuild(town)
    assert rows_of(town.warehouse) == before and not (town.root / BACKUP_NAME).exists()


def test_taizhang_rebuild_says_what_it_did(town, capsys):
    assert main(["rebuild", "--home", str(town.root)]) == 0
    out = capsys.readouterr().out
    assert "重建完成：重新读取 8 个文件" in out and BACKUP_NAME in out
