"""Dagster asset checks: the staging suites (GX, run on pandas frames read from staging) and the mart rules
(both defined in taizhang.checks, which knows nothing of Dagster).

Blocking: every check group of severity ERROR is an `AssetCheckSpec(blocking=True)`. When such a check
fails, Dagster fails the check step and skips the assets downstream of the checked asset in the same run —
the marts when a staging check fails, the reports when a marts check fails. WARN groups never block.

Great Expectations is imported only when a staging check runs (inside checks.runner.validate).
Each execution also records its outcomes for the offline data docs (<home>/reports/data_docs/).
"""

import dagster as dg
import duckdb
from taizhang.checks import marts_rules, suites
from taizhang.checks.data_docs import cached_outcomes, record_outcomes
from taizhang.checks.outcome import ERROR, CheckOutcome, display
from taizhang.etl import as_of as reporting_date
from taizhang.etl import fingerprints as fp

from .resources import ReportingPeriod, Warehouse
from .versions import code_version

MARTS_KEY = dg.AssetKey(["marts", "headline_indicators"])
DESCRIPTION_CHARS = 240  # the run log prints it: keep it a line, the full text is in metadata and data docs


def staging_key(kind: str) -> dg.AssetKey:
    return dg.AssetKey(["staging", kind])


def load_staging(con: duckdb.DuckDBPyConnection, kind: str, columns: list[str]):
    """The suite's columns of staging.<kind> (those that exist) as a pandas frame; no personal data is read.
    A missing table gives an empty frame without columns (the column check then fails)."""
    import pandas as pd

    existing = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'staging' AND table_name = ? "
            "ORDER BY ordinal_position",
            [kind],
        ).fetchall()
    ]
    wanted = [c for c in columns if c in existing]
    if not wanted:
        return pd.DataFrame()
    order = ", ".join(c for c in ("file_sha256", "sheet", "row_number") if c in wanted) or "1"
    cols = ", ".join(f'"{c}"' for c in wanted)
    return con.execute(f"SELECT {cols} FROM staging.{kind} ORDER BY {order}").df()


# --- results for Dagster -------------------------------------------------------------------------------------


def _md(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _rules_markdown(outcomes: list[CheckOutcome]) -> str:
    lines = ["| 规则 | 说明 | 结果 | 检查行数 | 不符合 | 比例 | 发现 |", "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        result = "通过" if o.passed else ("未通过" if o.severity == ERROR else "警告")
        pct = "" if o.unexpected_percent is None else f"{o.unexpected_percent:.2f}%"
        lines.append(
            f"| {_md(o.name)} | {_md(o.description_zh)} | {result} | {_md(o.element_count)} | "
            f"{_md(o.unexpected_count)} | {pct} | {_md(o.message_zh or o.error or '')} |"
        )
    return "\n".join(lines)


def _sample_markdown(outcomes: list[CheckOutcome]) -> str:
    blocks = []
    for o in outcomes:
        if o.passed or not o.sample:
            continue
        keys = [k for k in o.sample[0] if k not in ("file_sha256", "column", "unit_id")]
        blocks.append(
            f"**{_md(o.name)}** — {_md(o.description_zh)}\n\n| "
            + " | ".join(keys)
            + " |\n|"
            + "---|" * len(keys)
            + "\n"
            + "\n".join("| " + " | ".join(_md(display(r.get(k))) for k in keys) + " |" for r in o.sample)
        )
    return "\n\n".join(blocks)


def check_result(
    asset_key: dg.AssetKey,
    check_name: str,
    severity: str,
    description: str,
    outcomes: list[CheckOutcome],
    docs_path=None,
) -> dg.AssetCheckResult:
    """One Dagster result for the outcomes of one check group."""
    failed = [o for o in outcomes if not o.passed]
    counts = [o.element_count for o in outcomes if o.element_count is not None]
    metadata = {
        "rules": len(outcomes),
        "rules_failed": len(failed),
        "element_count": max(counts) if counts else 0,
        "unexpected_count": sum(o.unexpected_count or 0 for o in outcomes),
        "unexpected_percent": max((o.unexpected_percent or 0.0) for o in outcomes) if outcomes else 0.0,
        "rules_detail": dg.MetadataValue.md(_rules_markdown(outcomes)),
    }
    sample = _sample_markdown(outcomes)
    if sample:
        metadata["failing_rows_sample"] = dg.MetadataValue.md(sample)
    if docs_path is not None:
        metadata["data_docs"] = dg.MetadataValue.path(str(docs_path))
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=not failed,
        severity=dg.AssetCheckSeverity.ERROR if severity == ERROR else dg.AssetCheckSeverity.WARN,
        metadata=metadata,
        description=_summary(failed) or description,
    )


def _summary(failed: list[CheckOutcome], limit: int = DESCRIPTION_CHARS) -> str:
    """A short line for the run log (details are in the metadata and the data docs)."""
    if not failed:
        return ""
    text = "；".join(f"{o.description_zh}（{o.unexpected_count or 0}处）" for o in failed)
    if len(failed) == 1 and failed[0].message_zh:
        text += "：" + failed[0].message_zh
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table_fingerprint(con: duckdb.DuckDBPyConnection, kind: str) -> str:
    """staging.<kind>'s data version, the checks' code version (the suites, and the reference CSVs they take
    allowed values from) and today's date (the plausibility checks compare with today): equal fingerprints
    give equal outcomes, so GX need not run again."""
    return fp.digest(fp.staging_version(con, kind), code_version("checks"), reporting_date.today())


def _selected(context, asset_key: dg.AssetKey, names) -> list[str]:
    chosen = {k.name for k in (context.selected_asset_check_keys or []) if k.asset_key == asset_key}
    return [n for n in names if not chosen or n in chosen]


# --- staging ---------------------------------------------------------------------------------------------------


def staging_checks(kind: str) -> dg.AssetChecksDefinition:
    key = staging_key(kind)
    groups = suites.suite(kind).checks  # names, severities and descriptions do not depend on the date
    specs = [
        dg.AssetCheckSpec(
            name, asset=key, blocking=severity == ERROR, description=f"{description}（{severity}）"
        )
        for name, (severity, description) in groups.items()
    ]

    @dg.multi_asset_check(
        specs=specs,
        name=f"staging_{kind}_checks",
        can_subset=True,
        compute_kind="great_expectations",
        description=f"staging.{kind} 数据质量检查（Great Expectations）",
    )
    def _checks(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
        from taizhang.checks.runner import validate

        suite = suites.suite(kind)
        with warehouse.read() as con:
            fingerprint = table_fingerprint(con, kind)
            outcomes = cached_outcomes(warehouse.paths.reports, suite.table, fingerprint)
            frame = None if outcomes is not None else load_staging(con, kind, suite.columns)
        if outcomes is None:
            outcomes = validate(frame, suite)
        else:
            context.log.info(
                f"staging.{kind} unchanged since its last validation today: outcomes reused, GX not run"
            )
        with warehouse.read() as con:  # the page shows the files and quarantined rows too (checks.quality)
            docs = record_outcomes(
                warehouse.paths.reports, suite.table, outcomes, fingerprint=fingerprint, con=con
            )
        for name in _selected(context, key, groups):
            severity, description = groups[name]
            yield check_result(
                key, name, severity, description, [o for o in outcomes if o.check == name], docs
            )

    return _checks


# --- marts -----------------------------------------------------------------------------------------------------

_MART_SPECS = [
    dg.AssetCheckSpec(
        name, asset=MARTS_KEY, blocking=severity == ERROR, description=f"{description}（{severity}）"
    )
    for name, (severity, description, _rule) in marts_rules.RULES.items()
]


@dg.multi_asset_check(
    specs=_MART_SPECS,
    name="marts_headline_indicators_checks",
    can_subset=True,
    compute_kind="duckdb",
    description="核心指标的一致性与完整性检查",
)
def marts_checks(context: dg.AssetCheckExecutionContext, warehouse: Warehouse, period: ReportingPeriod):
    names = _selected(context, MARTS_KEY, marts_rules.RULES)
    as_of = period.date()
    with warehouse.read() as con:
        outcomes = marts_rules.run_mart_rules(con, as_of, names)
        docs = record_outcomes(warehouse.paths.reports, marts_rules.HEADLINE, outcomes, as_of=as_of, con=con)
    for o in outcomes:
        severity, description, _rule = marts_rules.RULES[o.name]
        yield check_result(MARTS_KEY, o.name, severity, description, [o], docs)


ALL_CHECKS: list[dg.AssetChecksDefinition] = [
    *(staging_checks(kind) for kind in suites.LEDGER_KINDS),
    marts_checks,
]


# --- held files ------------------------------------------------------------------------------------------------

SOURCE_FILES_KEY = dg.AssetKey(["meta", "source_files"])
HELD_FILES_CHECK = "held_files"


@dg.asset_check(
    asset=SOURCE_FILES_KEY,
    name=HELD_FILES_CHECK,
    blocking=False,
    description="待确认的文件：读取程序无法确定（月份、村（社区）、取哪一列、替换还是追加）而暂未导入，"
    "等待分析员确认（taizhang mappings）。",
)
def held_files_check(warehouse: Warehouse) -> dg.AssetCheckResult:
    """Held files as a WARN: the figures do not include them until an analyst answers their questions."""
    from taizhang.etl.decisions import file_id
    from taizhang.etl.privacy import scrub_text

    with warehouse.read() as con:
        rows = con.execute(
            "SELECT file_sha256, file_name, sender, ledger, period, reason FROM meta.source_files "
            "WHERE status = 'held' ORDER BY ingested_at, file_name"
        ).fetchall()
    records = [
        dg.TableRecord(
            {
                "编号": file_id(sha),
                "文件": scrub_text(name) or "",
                "报送单位": sender or "",
                "台账": ledger or "",
                "月份": period or "",
                "待确认的问题": scrub_text(reason) or "",
            }
        )
        for sha, name, sender, ledger, period, reason in rows
    ]
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(c, "string") for c in ("编号", "文件", "报送单位", "台账", "月份", "待确认的问题")
        ]
    )
    text = (
        f"{len(rows)} 个文件待确认，暂未计入指标：运行 taizhang mappings 查看并确认"
        if rows
        else "没有待确认的文件"
    )
    return dg.AssetCheckResult(
        passed=not rows,
        severity=dg.AssetCheckSeverity.WARN,
        description=text,
        metadata={
            "待确认文件数": len(rows),
            "待确认文件": dg.MetadataValue.table(records=records, schema=schema),
        },
    )


ALL_CHECKS.append(held_files_check)
