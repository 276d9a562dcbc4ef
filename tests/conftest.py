import os
from pathlib import Path

import pytest

os.environ.setdefault("TAIZHANG_KEY", "test-key-not-secret")


@pytest.fixture
def home(tmp_path):
    from taizhang.etl.home import Home

    return Home(tmp_path / "home").ensure()


@pytest.fixture
def ingest(home):
    """Ingest paths into the test home; returns the outcomes."""
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    def run(*paths):
        con = connect(home)
        try:
            load_reference(con)
            return ingest_paths([Path(p) for p in paths], home, con)
        finally:
            con.close()

    return run


@pytest.fixture
def query(home):
    import duckdb

    def run(sql, params=None):
        con = duckdb.connect(str(home.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    return run
