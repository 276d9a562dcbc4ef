"""Assets of the marts group: indicators and aggregates as of the run's date (截至)."""


import dagster as dg
from taizhang.etl.marts import MART_TABLES

from .ingest import REFERENCE, SOURCE_FILES, STAGING, WRITER_POOL
from .resources import ReportingPeriod, Warehouse

MART = {name: dg.AssetKey(["marts", name]) for name in MART_TABLES}

# mart → (what it is to an analyst, the staging tables it reads)
MART_DOCS: dict[str, tuple[str, tuple[str, ...]]] = {
    "headline_indicators": ("核心指标（截至某日）：全镇、片区、村（社区）的受理数、化解数、化解率等，含分子分母。",
                            ("disputes", "legal_visits", "petitions", "key_projects", "grid_events", "party_activities")),
    "dispute_resolution_by_unit": ("各村（社区）矛盾纠纷受理、化解、在办数和化解率。", ("disputes",)),
    "dispute_resolution_by_area": ("各片区（品牌调解室）矛盾纠纷受理、化解数和化解率。", ("disputes",)),
    "dispute_resolution_by_category": ("按纠纷类型（山林权属、征地拆迁、婚姻家庭等）的受理、化解数和化解率。", ("disputes",)),
    "dispute_resolution_by_month": ("按月受理、化解数，累计化解率和受理数环比。", ("disputes",)),
    "dispute_levels": ("化解层级：小事不出村（社区）、大事不出镇、上交上级的件数和占比。", ("disputes",)),
    "legal_visits_by_month": ("“三官一律”按月下沉次数、化解纠纷数、法律咨询数和环比。", ("legal_visits",)),
    "legal_visits_by_role": ("“三官一律”按身份（法官、检察官、警官、律师）统计。", ("legal_visits",)),
    "petition_backlog": ("信访积案清单：化解状态、化解日期、是否签订息访息诉承诺书（不含个人信息）。", ("petitions",)),
    "key_projects": ("重点项目清单（镇、园区）：阶段、年度计划投资、累计完成投资、完成率、超序时进度。", ("key_projects",)),
    "key_projects_by_stage": ("重点项目按阶段（在建、预备、前期）汇总，含投资完成率和超序时进度。", ("key_projects",)),
    "grid_events_by_grid": ("东星社区各网格事件采集、办结、按期办结数和办结用时中位数。", ("grid_events",)),
    "grid_events_by_type": ("网格事件按类型（维护稳定、治安防控等）统计办结率和按期办结率。", ("grid_events",)),
    "grid_events_by_month": ("网格事件按月采集、办结数，按期办结率和环比。", ("grid_events",)),
    "party_activities_by_org": ("各党组织“三会一课”、主题党日等活动次数和参学率。", ("party_activities",)),
    "party_activities_by_type": ("党组织活动按类型（支委会、党员大会、党课等）统计次数和参学率。", ("party_activities",)),
    "submission_completeness": ("报送完整性：各单位每月每类台账是已报送、零报告还是未报送。", ()),
    "overdue_disputes": ("超期未化解矛盾纠纷清单（受理超过30天仍在化解中），按村（社区）督办。", ("disputes",)),
    "overdue_grid_events": ("超过处理时限仍未办结的网格事件清单（督办）。", ("grid_events",)),
}

_SPECS = [
    dg.AssetSpec(MART[name], group_name="marts", kinds={"duckdb", "sql"}, description=MART_DOCS[name][0],
                 deps=[STAGING[k] for k in MART_DOCS[name][1]] + [REFERENCE]
                 + ([SOURCE_FILES] if name == "submission_completeness" else []))
    for name in MART_TABLES
]


def markdown_table(columns: list[str], rows: list[tuple], limit: int = 8) -> str:
    """A small markdown preview (hand-written: pandas.to_markdown would pull in tabulate for ten lines)."""

    from taizhang.etl.privacy import scrub_text

    def fmt(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:,.2f}".rstrip("0").rstrip(".")
        return scrub_text(str(v)).replace("|", "/")  # previews go to the run's metadata: the same scrub

    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = "\n".join("| " + " | ".join(fmt(v) for v in r) + " |" for r in rows[:limit])
    more = f"\n\n…共 {len(rows)} 行" if len(rows) > limit else ""
    return f"{head}\n{body}{more}"


@dg.multi_asset(specs=_SPECS, pool=WRITER_POOL, name="build_marts")
def build_marts(context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod):
    """Rebuilds every mart for the run's as-of date in one transaction — unless they were built from the
    warehouse as it is now, by the same code, and are untouched since: then they are these marts already."""
    from taizhang.etl.marts import build_marts as build
    from taizhang.etl.run_state import mark_marts_built, marts_current

    with warehouse.write() as con:
        as_of = period.resolve(con)
        rebuilt = not marts_current(con, warehouse.paths, as_of)
        if rebuilt:
            context.log.info(f"building marts as of {as_of}")
            counts = build(con, as_of)
            mark_marts_built(con, warehouse.paths, as_of)
        else:
            context.log.info(f"marts as of {as_of} are current (same warehouse contents and code): not rebuilt")
            counts = {name: con.execute(f"SELECT count(*) FROM marts.{name} WHERE as_of = ?", [as_of]).fetchone()[0]
                      for name in MART_TABLES}
        previews = {}
        for name in MART_TABLES:
            cur = con.execute(f"SELECT * EXCLUDE (as_of) FROM marts.{name} WHERE as_of = ? LIMIT 9", [as_of])
            if name == "headline_indicators":
                cur = con.execute("""SELECT indicator, name_zh, numerator, denominator, value, unit
                                     FROM marts.headline_indicators WHERE as_of = ? AND scope_kind = 'town'""", [as_of])
            cols = [d[0] for d in cur.description]
            previews[name] = markdown_table(cols, cur.fetchall(), limit=40 if name == "headline_indicators" else 8)
    for name in MART_TABLES:
        yield dg.MaterializeResult(asset_key=MART[name], metadata={
            "as_of": as_of.isoformat(),
            "dagster/row_count": counts[name],
            "rebuilt": rebuilt,
            "preview": dg.MetadataValue.md(previews[name]),
        })
