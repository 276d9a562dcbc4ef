"""Dagster resources: the warehouse (one DuckDB file in the home folder) and the run's reporting date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from pydantic import Field, PrivateAttr
from taizhang.etl.home import Home

AS_OF_TAG = "as_of"  # the run's reporting date, as a run tag: the UI lists it, every step reads the same


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse of a home folder. Writers hold the `duckdb_writer` pool; readers open read-only."""

    home: str = Field(description="数据目录（由 taizhang ui / taizhang run 填好，一般不用改）")

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
    """截至日期 of a run. `as_of` (YYYY-MM-DD) when the run asks for one — the command line, a monthly
    partition of the report pack, a schedule or the sensor always do; left empty (the UI's "Materialize"),
    it is resolved once, by the first step that needs it: the date the home pins (taizhang.toml), else the
    latest record date (after this run's ingest), else today. Either way it is written to the run's `as_of`
    tag, and every step of the run — in this process or another — takes that one date."""

    as_of: str = Field(
        default="",
        description="截至日期，格式 YYYY-MM-DD。留空即可：用数据目录设定的日期（taizhang.toml），"
        "未设定时用数据中的最新日期。要生成某个月的报表包，请在 monthly_report_pack 中选择分区（月份）。",
    )
    home: str = Field(default="", description="数据目录（由 taizhang ui / taizhang run 填好，一般不用改）")
    _date: dt.date | None = PrivateAttr(default=None)
    _context: dg.InitResourceContext | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._context = context
        tagged = context.dagster_run.tags.get(AS_OF_TAG) if context.dagster_run else None
        if self.as_of:
            self._remember(dt.date.fromisoformat(self.as_of), tagged)
        elif tagged:
            self._date = dt.date.fromisoformat(tagged)

    def _remember(self, day: dt.date, tagged: str | None = None) -> None:
        self._date = day
        context = self._context
        run = context.dagster_run if context else None
        if run is not None and context.instance is not None and tagged != day.isoformat():
            context.instance.add_run_tags(run.run_id, {AS_OF_TAG: day.isoformat()})

    def _resolve(self) -> dt.date:
        from taizhang.etl.as_of import resolve
        from taizhang.etl.warehouse import connect, lock_wait

        home = Home.resolve(self.home or None)
        if not home.warehouse.exists():
            return resolve(home)[0]
        con = connect(home, read_only=True, retries=lock_wait(60.0))
        try:
            return resolve(home, con=con)[0]
        finally:
            con.close()

    def date(self) -> dt.date:
        """The run's reporting date (resolved by the first step that asks, then the same for every step)."""
        if self._date is None:
            run = self._context.dagster_run if self._context else None
            tagged = None
            if run is not None and self._context.instance is not None:  # another step may have resolved it
                latest = self._context.instance.get_run_by_id(run.run_id)
                tagged = latest.tags.get(AS_OF_TAG) if latest else None
            self._remember(dt.date.fromisoformat(tagged) if tagged else self._resolve(), tagged)
        return self._date
