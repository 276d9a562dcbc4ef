"""Reading the marts for one as-of date: plain Python rows, in the order officials list things.

Only `marts.*` is read (they carry no personal data); the order of units, areas and party organisations
comes from the reference files shipped with `etl` (etl/ref/*.csv), falling back to names.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from taizhang.etl.marts import INDICATORS
from taizhang.etl.schema import categories

from .style import TOWN, to_date

# the category lists, in the order officials list them: etl/ledgers.yaml is their one source
STAGES = categories("project_stage")
ZONES = categories("project_zone")
DISPUTE_TYPES = categories("dispute_type")
EVENT_TYPES = categories("grid_event_type")
ACTIVITY_TYPES = categories("party_activity_type")
ROLES = categories("legal_role")
TOWN_LEVEL_UNIT = "镇本级"  # a mart row without a unit (records of town offices)

# 化解层级: the one vocabulary (etl/ledgers.yaml dispute_level) in its order, and the dispute_levels mart's
# column of each; the escalated level is named as the vocabulary names it, everywhere in the pack
LEVELS = categories("dispute_level")
LEVEL_COLUMNS = dict(
    zip(LEVELS, ("village_level", "area_room_level", "town_level", "escalated"), strict=True)
)
ESCALATED = LEVELS[-1]
LEVEL_NAMES = {level: ("村（社区）" if level == "村/社区" else level) for level in LEVELS}
# the three shares, named as the headline indicators name them (etl/marts.py)
SHARE_NAMES = {
    col: INDICATORS[f"disputes_{col}"][0]
    for col in ("within_village_rate", "within_town_rate", "escalated_rate")
}


def _plain(v):
    if isinstance(v, Decimal):
        return float(v)
    return v


def rows(con, sql: str, params=()) -> list[dict]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [{k: _plain(v) for k, v in zip(names, r, strict=True)} for r in cur.fetchall()]


def mart(con, table: str, as_of, order_by: str | None = None) -> list[dict]:
    """All rows of marts.<table> for the as-of date."""
    sql = f"SELECT * FROM marts.{table} WHERE as_of = ?"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return rows(con, sql, [to_date(as_of)])


def headline(con, as_of, scope_kind: str = "town", scope: str | None = None) -> dict[str, dict]:
    """marts.headline_indicators for one scope (the town by default), keyed by indicator code."""
    sql = "SELECT * FROM marts.headline_indicators WHERE as_of = ? AND scope_kind = ?"
    params: list = [to_date(as_of), scope_kind]
    if scope is not None or scope_kind == "town":
        sql += " AND scope = ?"
        params.append(scope if scope is not None else TOWN)
    return {r["indicator"]: r for r in rows(con, sql, params)}


def hv(ind: dict[str, dict], code: str, field: str = "value"):
    """A headline value (None when the indicator is missing)."""
    r = ind.get(code)
    return None if r is None else r.get(field)


def hcount(ind: dict[str, dict], code: str) -> int | None:
    v = hv(ind, code)
    return None if v is None else int(round(v))


# ── reference order ──────────────────────────────────────────────────────────────────────────────


def _ref_csv(name: str) -> list[dict]:
    try:
        text = resources.files("taizhang.etl").joinpath("ref", name).read_text(encoding="utf-8-sig")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return []
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def unit_order() -> dict[str, int]:
    """unit name / short name / id → position in etl/ref/units.csv (社区 first, as officials list)."""
    order: dict[str, int] = {}
    for i, r in enumerate(_ref_csv("units.csv")):
        for key in (r.get("unit_id"), r.get("name"), r.get("short_name")):
            if key:
                order.setdefault(key, i)
    return order


@lru_cache(maxsize=1)
def area_order() -> dict[str, int]:
    return {r["name"]: i for i, r in enumerate(_ref_csv("areas.csv")) if r.get("name")}


@lru_cache(maxsize=1)
def party_org_order() -> dict[str, int]:
    order: dict[str, int] = {}
    for i, r in enumerate(_ref_csv("party_orgs.csv")):
        for key in (r.get("party_org_id"), r.get("name")):
            if key:
                order.setdefault(key, i)
    return order


def _pos(order: dict[str, int], *keys) -> int:
    for k in keys:
        if k is not None and k in order:
            return order[k]
    return 10_000


def sort_units(items: list[dict]) -> list[dict]:
    """By 片区 (reference order), then unit (reference order), unknowns by name, 镇本级 last."""
    ao, uo = area_order(), unit_order()
    return sorted(
        items,
        key=lambda r: (
            r.get("unit") is None,
            _pos(ao, r.get("area")),
            str(r.get("area") or ""),
            _pos(uo, r.get("unit_id"), r.get("unit")),
            str(r.get("unit") or ""),
        ),
    )


def sort_areas(items: list[dict]) -> list[dict]:
    ao = area_order()
    return sorted(items, key=lambda r: (_pos(ao, r.get("area")), str(r.get("area") or "")))


def sort_by_vocab(items: list[dict], key: str, vocab: tuple[str, ...]) -> list[dict]:
    pos = {v: i for i, v in enumerate(vocab)}
    return sorted(items, key=lambda r: (pos.get(r.get(key), len(vocab)), str(r.get(key) or "")))


def sort_orgs(items: list[dict]) -> list[dict]:
    po = party_org_order()
    return sorted(
        items, key=lambda r: (_pos(po, r.get("party_org_id"), r.get("org")), str(r.get("org") or ""))
    )


def unit_name(r: dict) -> str:
    return r.get("unit") or TOWN_LEVEL_UNIT


# ── the marts, as the reports use them ───────────────────────────────────────────────────────────


def disputes_by_unit(con, as_of) -> list[dict]:
    return sort_units(mart(con, "dispute_resolution_by_unit", as_of))


def disputes_by_area(con, as_of) -> list[dict]:
    return sort_areas(mart(con, "dispute_resolution_by_area", as_of))


def disputes_by_category(con, as_of) -> list[dict]:
    return sort_by_vocab(mart(con, "dispute_resolution_by_category", as_of), "dispute_type", DISPUTE_TYPES)


def disputes_by_month(con, as_of) -> list[dict]:
    return mart(con, "dispute_resolution_by_month", as_of, order_by="month")


def dispute_levels(con, as_of) -> list[dict]:
    return mart(con, "dispute_levels", as_of)


def town_levels(con, as_of) -> dict | None:
    for r in dispute_levels(con, as_of):
        if r.get("scope_kind") == "town":
            return r
    return None


def legal_by_month(con, as_of) -> list[dict]:
    return mart(con, "legal_visits_by_month", as_of, order_by="month")


def legal_by_role(con, as_of) -> list[dict]:
    return sort_by_vocab(mart(con, "legal_visits_by_role", as_of), "role", ROLES)


RESOLVED_STATUS = ("已化解", "resolved", "已销号")


def petition_resolved(r: dict) -> bool:
    """The mart writes 已化解 / 化解中; the canonical staging values resolved / open are accepted too."""
    return str(r.get("status") or "").strip() in RESOLVED_STATUS


def petition_status_zh(r: dict) -> str:
    return "已化解" if petition_resolved(r) else ("化解中" if r.get("status") else "—")


def petitions(con, as_of) -> list[dict]:
    return mart(con, "petition_backlog", as_of, order_by="first_visit_date NULLS LAST, case_id")


def key_projects(con, as_of) -> list[dict]:
    items = mart(con, "key_projects", as_of, order_by="project_name")
    zpos = {z: i for i, z in enumerate(ZONES)}
    spos = {s: i for i, s in enumerate(STAGES)}
    return sorted(items, key=lambda r: (zpos.get(r.get("zone"), 9), spos.get(r.get("stage"), 9)))


def projects_by_stage(con, as_of) -> list[dict]:
    """Rows per zone (镇, 园区) and stage (在建, 预备, 前期, then the zone's 合计)."""
    items = mart(con, "key_projects_by_stage", as_of)
    zpos = {z: i for i, z in enumerate(ZONES)}
    spos = {s: i for i, s in enumerate((*STAGES, "合计"))}
    return sorted(
        items,
        key=lambda r: (
            zpos.get(r.get("zone"), 9),
            str(r.get("zone")),
            spos.get(r.get("stage"), 8),
            str(r.get("stage")),
        ),
    )


def grid_by_type(con, as_of) -> list[dict]:
    return sort_by_vocab(mart(con, "grid_events_by_type", as_of), "event_type", EVENT_TYPES)


def grid_by_month(con, as_of) -> list[dict]:
    return mart(con, "grid_events_by_month", as_of, order_by="month")


def grid_by_grid(con, as_of) -> list[dict]:
    return mart(con, "grid_events_by_grid", as_of, order_by="grid_id")


def party_by_org(con, as_of) -> list[dict]:
    return sort_orgs(mart(con, "party_activities_by_org", as_of))


def party_by_type(con, as_of) -> list[dict]:
    return sort_by_vocab(mart(con, "party_activities_by_type", as_of), "activity_type", ACTIVITY_TYPES)


def total(items: list[dict], key: str):
    vals = [r.get(key) for r in items if r.get(key) is not None]
    return sum(vals) if vals else (0 if items else None)
