"""Dagster resources: the warehouse (one DuckDB file in the home folder) and the reporting date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from taizhang.etl.home import Home


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse of a home folder. Writers hold the `duckdb_writer` pool; readers open read-only."""

    home: str

    @property
    def paths(self) -> Home:
        return Home.resolve(self.home)

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        from taizhang.etl.warehouse import connect  # the one place that knows the schema

        con = connect(self.paths)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def read(self, wait: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection. DuckDB refuses it while another process holds the writer's lock (a writer
        step of a concurrent run, or of this run under the multiprocess executor): wait up to `wait` seconds
        (TAIZHANG_LOCK_WAIT when set), then fail with etl.warehouse.WarehouseBusy's plain message."""
        from taizhang.etl.warehouse import connect, lock_wait

        con = connect(self.paths, read_only=True, retries=lock_wait(wait))
        try:
            yield con
        finally:
            con.close()


class ReportingPeriod(dg.ConfigurableResource):
    """The as-of date (截至) of a run. Empty means: the latest date found in the data, capped at today."""

    as_of: str = ""

    def resolve(self, con: duckdb.DuckDBPyConnection) -> dt.date:
        if self.as_of:
            return dt.date.fromisoformat(self.as_of)
        from taizhang.etl.marts import latest_data_date

        return latest_data_date(con) or dt.date.today()
