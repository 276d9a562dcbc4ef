"""Reporting periods ('YYYY-MM' or 'YYYY') and the earliest plausible record date: one definition of each, for
the reader, the checks and the marts."""

from __future__ import annotations

import calendar
import datetime as dt

# A record dated before this is a typo, not history: the reader quarantines it, the checks use it as the bound
# for the oldest records there are (long-standing petition cases).
EARLIEST = dt.date(1990, 1, 1)
EARLIEST_MOMENT = dt.datetime.combine(EARLIEST, dt.time())


def period_start(period: str) -> dt.date:
    """First day of 'YYYY-MM' or 'YYYY' (ValueError for anything else)."""
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 1, 1)
    if len(period) != 7 or period[4] != "-":
        raise ValueError(f"not a period: {period!r}")
    return dt.date(year, int(period[5:7]), 1)


def period_end(period: str) -> dt.date:
    """Last day of 'YYYY-MM' or 'YYYY' (ValueError for anything else)."""
    start = period_start(period)
    if len(period) == 4:
        return dt.date(start.year, 12, 31)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def month_zh(period: str) -> str:
    """'2023-10' → 2023年10月; '2023' → 2023年 (as analysts write a reporting period)."""
    return f"{period[:4]}年{int(period[5:7])}月" if len(period) == 7 else f"{period}年"
