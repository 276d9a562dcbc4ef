"""Dagster's versioning is how Taizhang knows what changed. Every asset has a code version and every
materialization reports a data version, both from etl.fingerprints; a step whose last materialization was
made by the same code from the same inputs, and whose output is still what it wrote, reports that
materialization again instead of doing the work. So the UI's staleness markers and the work a run skips
rest on one record: the provenance Dagster keeps with each materialization.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import dagster as dg
from dagster._core.definitions.data_version import (  # the tags provenance is stored in (stable since 1.3)
    DATA_VERSION_TAG,
    extract_data_provenance_from_entry,
    get_input_data_version_tag,
)
from taizhang.etl import fingerprints as fp


@cache
def code_version(part: str) -> str:
    """The code version of a part of the pipeline (etl.fingerprints.code_files says which files)."""
    return fp.code_version(part)


@dataclass(frozen=True)
class Previous:
    """The latest materialization of an asset."""

    data_version: str | None
    code_version: str | None
    inputs: dict[dg.AssetKey, str]
    metadata: dict


def previous(instance: dg.DagsterInstance, key: dg.AssetKey) -> Previous | None:
    record = instance.get_latest_data_version_record(key, is_source=False)
    if record is None or record.event_log_entry.asset_materialization is None:
        return None
    materialization = record.event_log_entry.asset_materialization
    provenance = extract_data_provenance_from_entry(record.event_log_entry)
    return Previous(
        data_version=materialization.tags.get(DATA_VERSION_TAG) if materialization.tags else None,
        code_version=provenance.code_version if provenance else None,
        inputs={k: v.value for k, v in provenance.input_data_versions.items()} if provenance else {},
        metadata=dict(materialization.metadata),
    )


def unchanged(
    context: dg.AssetExecutionContext,
    key: dg.AssetKey,
    inputs: dict[dg.AssetKey, str | None],
    output: str | None,
) -> Previous | None:
    """The last materialization of `key`, when it was made by this code version from inputs with exactly
    these data versions and its output still has the data version it reported (nothing edited, deleted or
    built since for another date): the step may report it again without doing the work. Else None."""
    if output is None:
        return None
    last = previous(context.instance, key)
    spec = context.assets_def.specs_by_key[key]
    if last is None or last.data_version != output or last.code_version != spec.code_version:
        return None
    if set(last.inputs) != set(inputs) or any(last.inputs.get(k) != v for k, v in inputs.items()):
        return None
    return last


def reported(
    key: dg.AssetKey, version: str, metadata: dict | None = None, inputs: dict[dg.AssetKey, str] | None = None
) -> dg.MaterializeResult:
    """A materialization with its data version. `inputs` states the data versions it was made from where
    Dagster cannot know them: the inbox is observed inside the ingest step itself (after its files were
    read), later than Dagster looks up a step's inputs, so the step records what it observed."""
    tags = {get_input_data_version_tag(k): v for k, v in (inputs or {}).items()}
    return dg.MaterializeResult(
        asset_key=key, data_version=dg.DataVersion(version), metadata=metadata or {}, tags=tags or None
    )


def deps_of(context: dg.AssetExecutionContext, key: dg.AssetKey) -> list[dg.AssetKey]:
    return [d.asset_key for d in context.assets_def.specs_by_key[key].deps]


def current_versions(
    keys: list[dg.AssetKey], con, as_of: dt.date | None = None, files: dict[dg.AssetKey, Path] | None = None
) -> dict[dg.AssetKey, str | None]:
    """The data version each of these assets has now, computed from the warehouse and the files themselves
    (what it would report if it were materialized now)."""
    inputs = fp.input_versions(con)
    out: dict[dg.AssetKey, str | None] = {}
    for key in keys:
        name = key.to_user_string()
        if name in inputs:
            out[key] = inputs[name]
        elif key.path[0] == "marts":
            out[key] = fp.mart_version(con, key.path[1], as_of)
        elif files and key in files:
            out[key] = fp.file_version(files[key], as_of)
        else:
            raise KeyError(f"no fingerprint for {name}")
    return out
