"""Assets of the reference and ingest groups: the town's reference tables, the inbox (observed per ledger),
and the staging, meta and quarantine tables the ingest fills."""

import warnings

import dagster as dg
from dagster._core.definitions.data_version import DATA_VERSION_TAG
from taizhang.etl import fingerprints as fp
from taizhang.etl.schema import LEDGER_KINDS, catalog

from . import labels
from .resources import Warehouse
from .versions import code_version, reported, unchanged

WRITER_POOL = "duckdb_writer"
REFERENCE = dg.AssetKey(["ref", "town_reference"])
INBOX = {kind: dg.AssetKey(["inbox", kind]) for kind in (*LEDGER_KINDS, fp.OTHER)}
SOURCE_FILES = dg.AssetKey(["meta", "source_files"])
QUARANTINE = dg.AssetKey(["quarantine", "rejected_rows"])
STAGING = {kind: dg.AssetKey(["staging", kind]) for kind in LEDGER_KINDS}


@dg.asset(
    key=REFERENCE,
    group_name="reference",
    kinds={"duckdb", "csv"},
    pool=WRITER_POOL,
    code_version=code_version("reference"),
    description="基础数据：村（社区）及曾用名、片区调解室、党组织、网格及单元（etl/ref/*.csv，改动后此项显示为待更新）。",
)
def town_reference(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    from taizhang.etl.reference import REF_TABLES
    from taizhang.etl.warehouse import load_reference

    with warehouse.write() as con:
        now = fp.reference_tables_version(con)
        last = unchanged(context, REFERENCE, {}, now)  # same CSVs and code, tables untouched: nothing to load
        if last is None:
            counts = load_reference(con)
            now = fp.reference_tables_version(con)
        else:
            counts = {
                name: con.execute(f"SELECT count(*) FROM ref.{name}").fetchone()[0] for name in REF_TABLES
            }
    rows = dg.MetadataValue.table(
        records=[dg.TableRecord({"表": f"ref.{k}", "行数": v}) for k, v in counts.items()],
        schema=dg.TableSchema(columns=[dg.TableColumn("表", "string"), dg.TableColumn("行数", "number")]),
    )
    return reported(REFERENCE, now, {labels.TABLE_ROWS: rows, labels.REDONE: labels.yes_no(last is None)})


def observe_inbox(warehouse: Warehouse, wait: float = 60.0) -> dict[str, str]:
    """The inbox's version per ledger (and for files that feed none), as etl.fingerprints defines it. Which
    ledgers a file feeds is read from the warehouse: waits up to `wait` s for a writer (WarehouseBusy)."""
    from taizhang.etl.warehouse import connect

    home = warehouse.paths
    if not home.warehouse.exists():
        return fp.inbox_versions(home.inbox, None, LEDGER_KINDS)
    con = connect(home, read_only=True, retries=wait)
    try:
        return fp.inbox_versions(home.inbox, con, LEDGER_KINDS)
    finally:
        con.close()


def _inbox_asset(kind: str) -> dg.SourceAsset:
    what = catalog().ledgers[kind].name_zh if kind in LEDGER_KINDS else "不属于任何台账的文件（拒收的等）"

    @dg.observable_source_asset(
        key=INBOX[kind],
        group_name="ingest",
        tags={"dagster/kind/file": ""},
        description=f"收件箱中的{what}（按内容指纹识别；文件新增或改动后，依赖它的表显示为待更新）。",
    )
    def inbox(warehouse: Warehouse) -> dg.DataVersion:
        return dg.DataVersion(observe_inbox(warehouse)[kind])

    return inbox


with (
    warnings.catch_warnings()
):  # observable source assets are "beta" in Dagster 1.13: said once here, not at every import
    warnings.simplefilter("ignore", dg.BetaWarning)
    INBOX_ASSETS = [_inbox_asset(kind) for kind in INBOX]
INGEST_CODE = code_version("ingest")

_STAGING_SPECS = [
    dg.AssetSpec(
        STAGING[kind],
        group_name="ingest",
        kinds={"duckdb"},
        deps=[INBOX[kind], REFERENCE],
        code_version=INGEST_CODE,
        description=f"{catalog().ledgers[kind].name_zh}：每行一条记录，保留来源文件、工作表和行号；个人信息已脱敏。",
    )
    for kind in LEDGER_KINDS
]
_META_SPECS = [
    dg.AssetSpec(
        SOURCE_FILES,
        group_name="ingest",
        kinds={"duckdb"},
        deps=[*INBOX.values(), REFERENCE],
        code_version=INGEST_CODE,
        description="每个报送文件（按内容指纹）一行：单位、台账、月份、状态及读入/导入/隔离/剔除行数。",
    ),
    dg.AssetSpec(
        QUARANTINE,
        group_name="ingest",
        kinds={"duckdb"},
        deps=[*INBOX.values(), REFERENCE],
        code_version=INGEST_CODE,
        description="无法读入的行：文件、工作表、行号、列、填写内容和原因（中文），供退回修改。",
    ),
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
        # what the inbox is now that every file in it has been read: this step's observation of it
        observed = fp.inbox_versions(home.inbox, con, LEDGER_KINDS)
        versions = fp.input_versions(con)
        counts = {
            kind: con.execute(f"SELECT count(*) FROM staging.{kind}").fetchone()[0] for kind in LEDGER_KINDS
        }
        per_kind_files = dict(
            con.execute(
                "SELECT ledger, count(DISTINCT file_sha256) FROM meta.source_sheets "
                "WHERE status IN ('loaded','zero_report') GROUP BY ledger"
            ).fetchall()
        )
        q_total, q_by = _quarantine_summary(con)
        files = dict(con.execute("SELECT status, count(*) FROM meta.source_files GROUP BY status").fetchall())
    for kind, key in INBOX.items():
        last = context.instance.get_latest_data_version_record(key, is_source=True)
        last_version = last.event_log_entry.asset_observation.tags.get(DATA_VERSION_TAG) if last else None
        if last_version != observed[kind]:
            yield dg.AssetObservation(asset_key=key, tags={DATA_VERSION_TAG: observed[kind]})
    changed = [o for o in outcomes if o.status != "unchanged"]
    for kind in LEDGER_KINDS:
        yield reported(
            STAGING[kind],
            versions[STAGING[kind].to_user_string()],
            {
                "dagster/row_count": counts[kind],
                labels.FILES: per_kind_files.get(kind, 0),
                labels.ROWS_LOADED: sum(len(s.records) for o in changed for s in o.used if s.ledger == kind),
                labels.ROWS_QUARANTINED: sum(
                    s.rows_quarantined for o in changed for s in o.used if s.ledger == kind
                ),
            },
            inputs={INBOX[kind]: observed[kind]},
        )
    every_inbox = {key: observed[kind] for kind, key in INBOX.items()}
    rejected = [o for o in changed if o.status == "rejected"]
    yield reported(
        SOURCE_FILES,
        versions[SOURCE_FILES.to_user_string()],
        {
            labels.FILES_READ: len(changed),
            labels.FILES_REJECTED: len(rejected),
            labels.FILES_BY_STATUS: _by_status(files),
            labels.REJECTED_FILES: dg.MetadataValue.md(
                "\n".join(f"- {o.name}：{o.reason}" for o in rejected[:20]) or "（无）"
            ),
        },
        inputs=every_inbox,
    )
    yield reported(
        QUARANTINE,
        versions[QUARANTINE.to_user_string()],
        {
            "dagster/row_count": q_total,
            labels.QUARANTINE_BY_REASON: dg.MetadataValue.md(q_by or "（无）"),
        },
        inputs=every_inbox,
    )


def _by_status(files: dict[str, int]) -> dg.TableMetadataValue:
    """Files per status (已导入, 零报告, 待确认, 拒收, 已被替换 …) as a table."""
    from taizhang.etl.outcome import STATUS_ZH

    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({"状态": STATUS_ZH.get(k, k), "文件数": n}) for k, n in sorted(files.items())
        ],
        schema=dg.TableSchema(columns=[dg.TableColumn("状态", "string"), dg.TableColumn("文件数", "number")]),
    )


def _quarantine_summary(con) -> tuple[int, str]:
    total = con.execute("SELECT count(*) FROM quarantine.rejected_rows").fetchone()[0]
    rows = con.execute("""SELECT ledger, left(reason, 30) AS reason, count(*) AS n FROM quarantine.rejected_rows
                          GROUP BY ALL ORDER BY n DESC LIMIT 10""").fetchall()
    ledgers = catalog().ledgers

    def ledger_zh(kind):
        return ledgers[kind].name_zh if kind in ledgers else (kind or "（未识别）")

    md = "| 台账 | 原因 | 行数 |\n|---|---|---|\n" + "\n".join(
        f"| {ledger_zh(a)} | {b} | {c} |" for a, b, c in rows
    )
    return total, md if rows else ""
