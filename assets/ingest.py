"""Assets of the ingest group: reference data, the inbox, and the staging/quarantine tables it fills."""


from pathlib import Path

import dagster as dg
from taizhang.etl.schema import LEDGER_KINDS, catalog

from .resources import Warehouse

WRITER_POOL = "duckdb_writer"
REFERENCE = dg.AssetKey(["ref", "town_reference"])
INBOX = dg.AssetKey(["ingest", "inbox_files"])
SOURCE_FILES = dg.AssetKey(["meta", "source_files"])
QUARANTINE = dg.AssetKey(["quarantine", "rejected_rows"])
STAGING = {kind: dg.AssetKey(["staging", kind]) for kind in LEDGER_KINDS}


@dg.asset(key=REFERENCE, group_name="reference", kinds={"duckdb", "csv"}, pool=WRITER_POOL,
          description="西天尾镇基础数据：17个村（社区）及曾用名、4个片区调解室、22个党组织、东星社区33个网格（446个单元）。")
def town_reference(warehouse: Warehouse) -> dg.MaterializeResult:
    from taizhang.etl.reference import REF_TABLES
    from taizhang.etl.run_state import mark_reference_loaded, reference_current
    from taizhang.etl.warehouse import load_reference

    with warehouse.write() as con:
        reloaded = not reference_current(con, warehouse.paths)  # unchanged CSVs: nothing to rewrite
        if reloaded:
            counts = load_reference(con)
            mark_reference_loaded(warehouse.paths)
        else:
            counts = {name: con.execute(f"SELECT count(*) FROM ref.{name}").fetchone()[0] for name in REF_TABLES}
    return dg.MaterializeResult(metadata={**{f"rows/{k}": v for k, v in counts.items()}, "reloaded": reloaded})


def inbox_fingerprints(inbox: Path) -> dict[str, str]:
    """path → sha256 of every file in the inbox (what the sensor and the discovery asset compare)."""
    from taizhang.etl.discover import discover
    from taizhang.etl.files import sha256_of_file

    out = {}
    for p in discover([inbox]) if inbox.exists() else []:
        out[str(p.relative_to(inbox))] = sha256_of_file(p)
    return out


@dg.asset(key=INBOX, group_name="ingest", kinds={"python"},
          description="收件箱里的台账文件（Excel/CSV），按内容指纹（sha256）识别新文件和改动过的文件。")
def inbox_files(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    # file names may carry a phone number: not into the run's metadata
    from taizhang.etl.privacy import scrub_text

    inbox = warehouse.paths.inbox
    prints = inbox_fingerprints(inbox)
    known: set[str] = set()
    if warehouse.paths.warehouse.exists():
        with warehouse.read() as con:
            if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema='meta' "
                           "AND table_name='source_files'").fetchone()[0]:
                known = {r[0] for r in con.execute("SELECT file_sha256 FROM meta.source_files "
                                                   "WHERE status <> 'rejected'").fetchall()}
    new = sorted(p for p, sha in prints.items() if sha not in known)
    context.log.info(f"{len(prints)} files in the inbox, {len(new)} new or changed")
    return dg.MaterializeResult(metadata={
        "inbox": dg.MetadataValue.path(str(inbox)),
        "files": len(prints),
        "new_or_changed": len(new),
        "new_files": dg.MetadataValue.md("\n".join(f"- {scrub_text(p)}" for p in new[:30]) or "（无）"),
    })


_STAGING_SPECS = [
    dg.AssetSpec(STAGING[kind], group_name="ingest", kinds={"duckdb"}, deps=[INBOX, REFERENCE],
                 description=f"{catalog().ledgers[kind].name_zh}：每行一条记录，保留来源文件、工作表和行号；个人信息已脱敏。")
    for kind in LEDGER_KINDS
]
_META_SPECS = [
    dg.AssetSpec(SOURCE_FILES, group_name="ingest", kinds={"duckdb"}, deps=[INBOX],
                 description="每个报送文件（按内容指纹）一行：单位、台账、月份、状态及读入/导入/隔离/剔除行数。"),
    dg.AssetSpec(QUARANTINE, group_name="ingest", kinds={"duckdb"}, deps=[INBOX, REFERENCE],
                 description="无法读入的行：文件、工作表、行号、列、填写内容和原因（中文），供退回修改。"),
]


@dg.multi_asset(specs=_STAGING_SPECS + _META_SPECS, pool=WRITER_POOL, name="ingest_ledgers")
def ingest_ledgers(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Reads every new or changed inbox file into staging, one transaction per file."""
    from taizhang.etl.ingest import ingest_paths

    home = warehouse.paths
    with warehouse.write() as con:
        outcomes = ingest_paths([home.inbox], home, con) if home.inbox.exists() else []
        for o in outcomes:
            if o.status != "unchanged":
                context.log.info(o.line())
        counts = {kind: con.execute(f"SELECT count(*) FROM staging.{kind}").fetchone()[0] for kind in LEDGER_KINDS}
        per_kind_files = dict(con.execute(
            "SELECT ledger, count(DISTINCT file_sha256) FROM meta.source_sheets "
            "WHERE status IN ('loaded','zero_report') GROUP BY ledger").fetchall())
        q_total, q_by = _quarantine_summary(con)
        files = dict(con.execute("SELECT status, count(*) FROM meta.source_files GROUP BY status").fetchall())
    changed = [o for o in outcomes if o.status != "unchanged"]
    for kind in LEDGER_KINDS:
        yield dg.MaterializeResult(asset_key=STAGING[kind], metadata={
            "dagster/row_count": counts[kind],
            "files": per_kind_files.get(kind, 0),
            "rows_loaded_this_run": sum(len(s.records) for o in changed for s in o.used if s.ledger == kind),
            "rows_quarantined_this_run": sum(s.rows_quarantined for o in changed for s in o.used if s.ledger == kind),
        })
    rejected = [o for o in changed if o.status == "rejected"]
    yield dg.MaterializeResult(asset_key=SOURCE_FILES, metadata={
        "files_this_run": len(changed),
        "rejected_this_run": len(rejected),
        "by_status": dg.MetadataValue.json(files),
        "rejected_files": dg.MetadataValue.md(
            "\n".join(f"- {o.name}：{o.reason}" for o in rejected[:20]) or "（无）"),
    })
    yield dg.MaterializeResult(asset_key=QUARANTINE, metadata={
        "dagster/row_count": q_total,
        "by_reason": dg.MetadataValue.md(q_by or "（无）"),
    })


def _quarantine_summary(con) -> tuple[int, str]:
    total = con.execute("SELECT count(*) FROM quarantine.rejected_rows").fetchone()[0]
    rows = con.execute("""SELECT ledger, left(reason, 30) AS reason, count(*) AS n FROM quarantine.rejected_rows
                          GROUP BY ALL ORDER BY n DESC LIMIT 10""").fetchall()
    md = "| 台账 | 原因 | 行数 |\n|---|---|---|\n" + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    return total, md if rows else ""
