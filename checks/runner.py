"""Running a staging suite (checks/suites.py) on a pandas DataFrame with Great Expectations 1.x.

`great_expectations` takes seconds to import, so it is imported inside `validate` only — importing this
module (or anything in checks/) never imports it. Each validation gets its own ephemeral GX context, and
all GX work happens under one module-level lock: sharing GX objects across threads gave wrong counts.

Expectations GX has no form for (a date after the end of the file's own period, …) are plain pandas
functions in the suite (`CUSTOM`); they run here too, outside the lock.

Failing-row samples carry lineage (file, sheet, row) and the checked column only — never other columns.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .outcome import CUSTOM, ERROR, WARN, CheckOutcome, display, is_missing

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .suites import Expect, Suite

__all__ = ["CUSTOM", "ERROR", "WARN", "CheckOutcome", "display", "validate"]  # the first five from .outcome

SAMPLE_SIZE = 5
# what a failing-row sample may show: where the row came from, never its other contents
SAMPLE_LINEAGE = ("file_sha256", "file_name", "sheet", "row_number", "sender", "unit_id", "period")

_GX_LOCK = threading.Lock()


# --- running a suite ---------------------------------------------------------------------------------------


def validate(df: pd.DataFrame, suite: Suite) -> list[CheckOutcome]:
    """Every expectation of `suite` on `df`, in suite order. Never raises for bad data; an expectation that
    cannot be evaluated (missing column, GX error) is reported as failed with `error` set."""
    import pandas as pd

    df = _prepare(df.reset_index(drop=True), suite)
    outcomes: dict[str, CheckOutcome] = {}
    gx_specs = []
    for spec in suite.expectations:
        missing = [c for c in spec.columns_used() if c not in df.columns]
        if missing and spec.expectation != "ExpectTableColumnsToMatchSet":
            outcomes[spec.name] = _outcome(
                spec,
                suite,
                passed=False,
                error="缺少列：" + "、".join(missing),
                message_zh="无法检查：表中缺少列 " + "、".join(missing),
            )
        elif spec.expectation == CUSTOM:
            outcomes[spec.name] = _run_custom(df, spec, suite, pd)
        else:
            gx_specs.append(spec)
    if gx_specs:
        for spec, result in zip(gx_specs, _run_gx(df, suite, gx_specs), strict=True):
            outcomes[spec.name] = _from_gx(df, spec, suite, result)
    return [outcomes[s.name] for s in suite.expectations]


def _prepare(df: pd.DataFrame, suite: Suite) -> pd.DataFrame:
    """Date and time columns as datetime64 whatever the caller built (DuckDB gives datetime64 already)."""
    import pandas as pd

    converted = {}
    for col in suite.datetime_columns:
        if col in df.columns and not pd.api.types.is_datetime64_any_dtype(df[col]):
            converted[col] = pd.to_datetime(df[col], errors="coerce")
    return df.assign(**converted) if converted else df


def _run_gx(df: pd.DataFrame, suite: Suite, specs: list[Expect]) -> list[dict]:
    """One ephemeral GX context per call, under the module lock; results in the order of `specs`."""
    with _GX_LOCK:
        import great_expectations as gx
        import great_expectations.expectations as gxe
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        # in memory only: no temporary GX docs site (we publish our own), no progress bars on stderr
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            progress_bars=ProgressBarsConfig(globally=False),
            analytics_enabled=False,
        )
        context = gx.get_context(mode="ephemeral", project_config=config)
        batch = (
            context.data_sources.add_pandas("taizhang")
            .add_dataframe_asset(suite.kind)
            .add_batch_definition_whole_dataframe("whole")
        )
        gx_suite = gx.ExpectationSuite(name=f"{suite.kind}_suite")
        for spec in specs:
            gx_suite.add_expectation(
                getattr(gxe, spec.expectation)(**spec.gx_kwargs(), meta={"name": spec.name})
            )
        gx_suite = context.suites.add(gx_suite)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{suite.kind}_validation", data=batch, suite=gx_suite)
        )
        result = definition.run(
            batch_parameters={"dataframe": df}, result_format={"result_format": "COMPLETE"}
        )
        by_name = {}
        for r in result.results:
            by_name[r.expectation_config.meta["name"]] = {
                "success": bool(r.success),
                "result": dict(r.result or {}),
                "exception": _exception_message(r.exception_info),
            }
    return [by_name[s.name] for s in specs]


def _exception_message(info) -> str | None:
    """GX 1.x puts either {raised_exception, exception_message} or {metric id: {…}} here."""
    if not info:
        return None
    items = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for item in items:
        if item.get("raised_exception"):
            return str(item.get("exception_message") or "GX error")
    return None


def _from_gx(df: pd.DataFrame, spec: Expect, suite: Suite, res: dict) -> CheckOutcome:
    result = res["result"]
    if res["exception"]:
        return _outcome(
            spec, suite, passed=False, error=res["exception"], message_zh=f"检查无法执行：{res['exception']}"
        )
    if spec.expectation == "ExpectTableColumnsToMatchSet":
        missing = sorted(set(spec.kwargs["column_set"]) - set(df.columns))
        return _outcome(
            spec,
            suite,
            passed=res["success"],
            element_count=len(spec.kwargs["column_set"]),
            unexpected_count=len(missing),
            unexpected_percent=_pct(len(missing), len(spec.kwargs["column_set"])),
            message_zh=("缺少列：" + "、".join(missing)) if missing else "",
        )
    indices = list(result.get("unexpected_index_list") or [])
    unexpected = int(result.get("unexpected_count") or 0)
    out = _outcome(
        spec,
        suite,
        passed=res["success"],
        element_count=_int(result.get("element_count")),
        unexpected_count=unexpected,
        unexpected_percent=_float(result.get("unexpected_percent")),
    )
    out.sample = _sample(df, spec, suite, indices[:SAMPLE_SIZE])
    return out


def _run_custom(df: pd.DataFrame, spec: Expect, suite: Suite, pd) -> CheckOutcome:
    try:
        bad = spec.custom(df)  # True = fails, False = passes, NA = not applicable
    except Exception as exc:  # noqa: BLE001 - a check that cannot run is reported, not raised
        return _outcome(spec, suite, passed=False, error=repr(exc), message_zh=f"检查无法执行：{exc}")
    bad = pd.Series(bad, index=df.index, dtype="boolean")
    applicable = int(bad.notna().sum())
    failing = bad.fillna(False).astype(bool)
    unexpected = int(failing.sum())
    out = _outcome(
        spec,
        suite,
        passed=unexpected == 0,
        element_count=applicable,
        unexpected_count=unexpected,
        unexpected_percent=_pct(unexpected, applicable),
    )
    out.sample = _sample(df, spec, suite, list(df.index[failing])[:SAMPLE_SIZE])
    return out


def _outcome(spec: Expect, suite: Suite, passed: bool, **kw) -> CheckOutcome:
    column = spec.sample_column
    return CheckOutcome(
        name=spec.name,
        table=suite.table,
        severity=spec.severity,
        passed=passed,
        description_zh=spec.description_zh,
        check=spec.check,
        expectation=spec.expectation,
        column=column,
        column_label=suite.label(column) if column else None,
        hint_zh=spec.hint_zh,
        **kw,
    )


def _sample(df: pd.DataFrame, spec: Expect, suite: Suite, indices: Iterable) -> list[dict[str, Any]]:
    column = spec.sample_column
    rows = []
    for idx in indices:
        row = {c: display(df.at[idx, c]) if c in df.columns else "" for c in SAMPLE_LINEAGE}
        row["row_number"] = _int(df.at[idx, "row_number"]) if "row_number" in df.columns else None
        row["column"] = column
        row["column_label"] = suite.label(column) if column else ""
        row["value"] = display(df.at[idx, column]) if column and column in df.columns else ""
        if spec.expectation == "ExpectCompoundColumnsToBeUnique":
            row["note_zh"] = _duplicates_note(df, spec.kwargs["column_list"], idx)
        rows.append(row)
    return rows


def _duplicates_note(df: pd.DataFrame, columns: list[str], idx) -> str:
    """'与 Sheet1 第12行重复' — where the other copies of a duplicated key are."""
    same = None
    for c in columns:
        v = df.at[idx, c]
        col = df[c].isna() if is_missing(v) else (df[c] == v).fillna(False)
        same = col if same is None else (same & col)
    others = [i for i in df.index[same.astype(bool)] if i != idx][:3]
    if not others:
        return ""
    where = "、".join(f"{display(df.at[i, 'sheet'])} 第{_int(df.at[i, 'row_number'])}行" for i in others)
    return f"与 {where} 重复"


# --- small helpers -------------------------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    if is_missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if is_missing(value):
        return None
    f = float(value)
    return None if math.isnan(f) else round(f, 4)


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 4) if whole else 0.0
