"""The reporting date (截至日期) of a run: resolved once, when the run starts, and the same for every step.

In order: the date asked for (`--as-of`, run config, a partition, a schedule's tick), else the date the home
pins in taizhang.toml, else the latest record date in the warehouse (never after today), else today.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from .home import Home

# the dated ledgers whose record dates bound the data (key projects are reported by month, petitions go back
# years: neither says up to when the town has data)
_RECORD_DATES = """
    SELECT received_date AS d FROM staging.disputes
    UNION ALL SELECT visit_date FROM staging.legal_visits
    UNION ALL SELECT reported_at::DATE FROM staging.grid_events
    UNION ALL SELECT activity_date FROM staging.party_activities"""


class AsOfOutOfRange(ValueError):
    """A reporting date for which the warehouse can only give zeros (plain Chinese message)."""


def today() -> dt.date:
    """The run day (a function, so that tests can move it)."""
    return dt.date.today()


def _has_staging(con: duckdb.DuckDBPyConnection) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND "
            "schema_name = 'staging' AND table_name IN ('disputes', 'legal_visits', 'grid_events', "
            "'party_activities')"
        ).fetchone()[0]
        == 4
    )


def record_dates(con: duckdb.DuckDBPyConnection | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and the latest record date in the warehouse (None, None when it holds no records)."""
    if con is None or not _has_staging(con):
        return None, None
    first, last = con.execute(
        f"SELECT min(d), max(d) FROM ({_RECORD_DATES}) t WHERE d <= current_date"
    ).fetchone()
    return first, last


ASKED, PINNED, LATEST, TODAY = "asked", "pinned", "latest record", "today"


def resolve(
    home: Home, requested: dt.date | None = None, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[dt.date, str]:
    """The run's reporting date and where it came from (ASKED, PINNED, LATEST or TODAY: the warehouse holds
    no record yet — a run that ingests first may resolve it again after its ingest)."""
    if requested:
        return requested, ASKED
    pinned = home.config().as_of
    if pinned:
        return pinned, PINNED
    _first, last = record_dates(con)
    if last:
        return min(last, today()), LATEST
    return today(), TODAY


def check(as_of: dt.date, con: duckdb.DuckDBPyConnection | None) -> None:
    """Refuse a reporting date after today or before the first record: its report pack would be all zeros
    (or figures of days that have not happened). `--allow-empty` skips this."""
    now = today()
    if as_of > now:
        raise AsOfOutOfRange(
            f"截至日期 {as_of.isoformat()} 晚于今天（{now.isoformat()}）：还没有到这一天的数据。"
            "请改用今天或更早的日期；确需如此可加 --allow-empty。"
        )
    first, _last = record_dates(con)
    if first and as_of < first:
        raise AsOfOutOfRange(
            f"截至日期 {as_of.isoformat()} 早于数据中最早的记录（{first.isoformat()}）：指标将全部为零。"
            "请检查日期；确需如此可加 --allow-empty。"
        )
