"""etl.fingerprints: the inbox's version per ledger, the one definition the sensor, the ingest and the UI's
staleness share."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from builders import DISPUTE_HEADER, write_xlsx
from small_town import write_small_town
from taizhang.etl import fingerprints as fp
from taizhang.etl.home import Home
from taizhang.etl.schema import LEDGER_KINDS

pytestmark = pytest.mark.unit


def versions(home: Home) -> dict[str, str]:
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return fp.inbox_versions(home.inbox, con, LEDGER_KINDS)
    finally:
        con.close()


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {k for k in before if before[k] != after[k]}


@pytest.fixture
def moved(home, ingest, tmp_path):
    """The small town ingested, then the whole home moved elsewhere (meta keeps the old paths)."""
    write_small_town(home.inbox)
    ingest(home.inbox)
    target = Home(tmp_path / "moved")
    shutil.move(home.root, target.root)
    return target


def test_a_changed_file_changes_the_version_of_the_ledger_it_fed_only(moved):
    before = versions(moved)
    write_xlsx(
        moved.inbox / "林山村-矛盾纠纷-2023年10月.xlsx",
        {
            "10月": [
                ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张三", "", "排水", "村", "已化解", "2023-10-05", None],
            ]
        },
    )
    assert changed(before, versions(moved)) == {"disputes"}


def test_a_file_new_in_every_way_counts_for_every_ledger_until_it_is_read(moved):
    before = versions(moved)
    write_xlsx(moved.inbox / "无名文件.xlsx", {"Sheet1": [["随便写的"]]})
    assert changed(before, versions(moved)) == {*LEDGER_KINDS, fp.OTHER}


def test_the_same_bytes_under_another_name_change_nothing(moved):
    before = versions(moved)
    source = next(moved.inbox.glob("镇项目办*"))
    shutil.copy2(source, moved.inbox / "重点项目（再次报送）.xlsx")
    assert versions(moved) == before
