"""Fingerprints: the one definition of what each input and output of the pipeline is, as a short digest.

Dagster's code and data versions (assets/versions.py), the staging checks' outcomes kept between runs and the
command line's "nothing changed" answer (etl/run_state.py) all compare these and nothing else:

- the code of a part of the pipeline: its source files, the reference CSVs where Python reads them directly,
  the versions of the libraries it runs on, and Python's;
- a file: its sha256;  the inbox: the sha256 of its files, and per ledger the files that feed it;
- a table: its rows (count and sum of the row hashes over every column but the volatile ones);
- a mart for one as-of date: its rows of that date;  a published file: the as-of date and its sha256.

No Dagster here: `taizhang run` decides with this module before it imports Dagster.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import duckdb

from .files import sha256_of_file

ETL = Path(__file__).resolve().parent
REF_DIR = ETL / "ref"
SQL_DIR = ETL / "sql"
OTHER = "other"  # inbox files that feed no ledger (rejected, or nothing recognisable in them)

# rewritten without any change of content (a retried rejected file gets a new time): left out of digests
VOLATILE_COLUMNS = {("meta", "source_files"): ("ingested_at",)}

# etl modules that do not decide what the ingest stores (the ingest's code version leaves them out)
_NOT_INGEST = {
    "marts.py",
    "run_state.py",
    "fingerprints.py",
    "rebuild.py",
    "as_of.py",
    "export.py",
    "explain.py",
    "safe_output.py",
    "county.py",  # the county layer (lake, rollup): not read by a town's ingest
}

# part of the pipeline → the libraries whose version can change what it produces
LIBRARIES = {
    "reference": ("duckdb", "pyarrow"),
    "ingest": (
        "duckdb",
        "pyarrow",
        "python-calamine",
        "charset-normalizer",
        "python-dateutil",
        "pyyaml",
        "defusedxml",
        "openpyxl",
        "olefile",
    ),
    "marts": ("duckdb",),
    "checks": ("duckdb", "great-expectations", "pandas"),
    "reports": ("duckdb", "matplotlib", "mplfonts", "xlsxwriter", "python-docx", "docxtpl", "pillow"),
}


def digest(*parts: object) -> str:
    """16 hex characters of sha256 over the parts (joined by newlines)."""
    return hashlib.sha256("\n".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


# --- code ----------------------------------------------------------------------------------------------------


def package_dirs() -> dict[str, Path]:
    """Where the installed packages' files are (the repository's folders in an editable install). Found, not
    imported: etl reads the other packages' files, it does not run their code."""
    from importlib.util import find_spec

    def folder(name: str) -> Path:
        return Path(next(iter(find_spec(name).submodule_search_locations))).resolve()

    return {"etl": ETL, "checks": folder("taizhang.checks"), "reports": folder("taizhang.reports")}


def code_files(part: str, dirs: dict[str, Path] | None = None) -> list[Path]:
    """The files whose content a part's code version covers. `part` is reference, ingest, checks, reports,
    or marts/<mart> (one mart: its SQL, the shared as-of views and the loader)."""
    d = dirs or package_dirs()
    etl, ref = d["etl"], sorted((d["etl"] / "ref").glob("*.csv"))
    if part == "reference":
        return [etl / "reference.py", etl / "warehouse.py", *ref]
    if part == "ingest":  # the reader resolves names against the reference CSVs itself
        modules = [p for p in sorted(etl.glob("*.py")) if p.name not in _NOT_INGEST]
        return [*modules, etl / "ledgers.yaml", *ref]
    if part.startswith("marts/"):
        name = part.split("/", 1)[1]
        return [etl / "sql" / "_as_of.sql", etl / "sql" / f"{name}.sql", etl / "marts.py"]
    if (
        part == "checks"
    ):  # the suites read allowed values (units, grids, organisations) from the reference CSVs
        return [*sorted(d["checks"].rglob("*.py")), *sorted(d["checks"].glob("suites/*")), *ref]
    if part == "reports":
        return [
            p
            for p in sorted(d["reports"].rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]
    raise KeyError(part)


def _library_versions(part: str) -> list[str]:
    group = "marts" if part.startswith("marts/") else part
    out = []
    for name in LIBRARIES.get(group, ()):
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}: none")
    return out


def code_version(part: str, dirs: dict[str, Path] | None = None) -> str:
    """The code version of a part of the pipeline: its files by name and content, its libraries, Python."""
    d = dirs or package_dirs()
    files = [
        f"{p.relative_to(d[_owner(p, d)].parent).as_posix()}:{_file_text_digest(p)}"
        for p in code_files(part, d)
        if p.is_file()
    ]
    return digest(
        part, *files, *_library_versions(part), f"python {sys.version_info[0]}.{sys.version_info[1]}"
    )


def _owner(path: Path, dirs: dict[str, Path]) -> str:
    return next(k for k, v in dirs.items() if path.is_relative_to(v))


@lru_cache(maxsize=512)
def _file_text_digest_cached(path: Path, size: int, mtime_ns: int) -> str:
    return sha256_of_file(path)


def _file_text_digest(path: Path) -> str:
    stat = path.stat()
    return _file_text_digest_cached(path, stat.st_size, stat.st_mtime_ns)


CODE_PARTS = ("reference", "ingest", "checks", "reports")


def all_code_versions() -> dict[str, str]:
    """Every part's code version (the marts': one entry over all mart SQL)."""
    out = {part: code_version(part) for part in CODE_PARTS}
    out["marts"] = digest(
        *(
            code_version(f"marts/{p.stem}")
            for p in sorted(SQL_DIR.glob("*.sql"))
            if not p.stem.startswith("_")
        )
    )
    return out


def reference_version(folder: Path | None = None) -> str:
    """The town's reference CSVs (etl/ref), by name and content."""
    folder = folder or REF_DIR
    return digest(*(f"{p.name}:{sha256_of_file(p)}" for p in sorted(folder.glob("*.csv"))))


# --- the inbox ---------------------------------------------------------------------------------------------


def inbox_files(inbox: Path) -> dict[Path, str]:
    """Every file the ingest would read from the inbox → its sha256 (the ingest knows a file by its bytes)."""
    from .discover import discover

    return {p: sha256_of_file(p) for p in discover([inbox])} if inbox.is_dir() else {}


def inbox_contents(inbox: Path) -> list[str]:
    """The sha256 of every inbox file, sorted, each once: a renamed or copied file is no change."""
    return sorted(set(inbox_files(inbox).values()))


def inbox_versions(
    inbox: Path, con: duckdb.DuckDBPyConnection | None, kinds: Iterable[str]
) -> dict[str, str]:
    """Per ledger (and OTHER), the version of the inbox files that feed it: the digest of their sha256.

    Which ledgers a file feeds is what the warehouse recorded when it read those bytes (meta.source_sheets);
    a file whose bytes are new is taken to feed what the file at the same path fed before (a corrected
    file), and a file new in every way is counted in every ledger until a run has read it."""
    kinds = list(kinds)
    files = inbox_files(inbox)
    by_sha, by_path = _ledgers_known(con)
    members: dict[str, list[str]] = {k: [] for k in [*kinds, OTHER]}
    for path, sha in files.items():
        fed = by_sha.get(sha)
        if fed is None:
            fed = by_path.get(
                str(path), by_path.get(_in_inbox(path.relative_to(inbox).as_posix()), set(members))
            )
        for ledger in fed or {OTHER}:
            members.setdefault(ledger, []).append(sha)
    return {ledger: digest(ledger, *sorted(set(shas))) for ledger, shas in members.items()}


def _ledgers_known(con: duckdb.DuckDBPyConnection | None) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    if con is None or not _has_table(con, "meta", "source_sheets"):
        return {}, {}
    by_sha: dict[str, set[str]] = {}
    for sha, ledger in con.execute("""SELECT f.file_sha256, s.ledger FROM meta.source_files f
                                      LEFT JOIN meta.source_sheets s USING (file_sha256)""").fetchall():
        by_sha.setdefault(sha, set())
        if ledger:
            by_sha[sha].add(ledger)
    by_path: dict[str, set[str]] = {}
    for path, sha in con.execute(
        "SELECT path, file_sha256 FROM meta.source_files ORDER BY ingested_at"
    ).fetchall():
        if path:
            by_path[path] = by_path[_in_inbox(path)] = by_sha.get(sha, set())
    return by_sha, by_path


def _in_inbox(path: str) -> str:
    """A path as seen from its inbox ('…/home/inbox/a/b.xlsx' → 'inbox:a/b.xlsx'), so that a file is found
    again in a home that was moved or copied."""
    tail = path.replace("\\", "/").rsplit("/inbox/", 1)
    return "inbox:" + (tail[1] if len(tail) == 2 else tail[0])


# --- tables ----------------------------------------------------------------------------------------------------


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = ? AND table_name = ?",
            [schema, table],
        ).fetchone()[0]
        > 0
    )


def tables(con: duckdb.DuckDBPyConnection, schemas: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """(schema, table, columns) of every table of the schemas, sorted."""
    schemas = list(schemas)
    marks = ", ".join("?" for _ in schemas)
    return con.execute(
        f"""
        SELECT c.schema_name, c.table_name, list(c.column_name ORDER BY c.column_index)
        FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
        WHERE c.database_name = current_database() AND c.schema_name IN ({marks})
        GROUP BY ALL ORDER BY 1, 2""",
        schemas,
    ).fetchall()


def table_version(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, where: str = "", params: list | None = None
) -> str:
    """The rows of a table (or those matching `where`), every column but the volatile ones. A missing table
    has the version of an empty one."""
    found = [cols for s, t, cols in tables(con, [schema]) if t == table]
    if not found:
        return digest(f"{schema}.{table}", 0, None)
    volatile = VOLATILE_COLUMNS.get((schema, table), ())
    cols = ", ".join(f'"{c}"' for c in found[0] if c not in volatile)
    # sum, not bit_xor, of the row hashes: two equal rows must not cancel out
    count, total = con.execute(
        f'SELECT count(*), sum(hash(t)::HUGEINT) FROM (SELECT {cols} FROM "{schema}"."{table}" {where}) t',
        params or [],
    ).fetchone()
    return digest(f"{schema}.{table}", count, total)


def schema_version(con: duckdb.DuckDBPyConnection, schemas: Iterable[str]) -> str:
    """Every table of the schemas."""
    return digest(*(table_version(con, s, t) for s, t, _c in tables(con, schemas)))


INPUT_SCHEMAS = ("ref", "meta", "staging", "quarantine")


def warehouse_version(con: duckdb.DuckDBPyConnection) -> str:
    """Everything the marts, checks and feedback are computed from: reference, meta, staging, quarantine."""
    return schema_version(con, INPUT_SCHEMAS)


def reference_tables_version(con: duckdb.DuckDBPyConnection) -> str:
    return schema_version(con, ["ref"])


def staging_version(con: duckdb.DuckDBPyConnection, kind: str) -> str:
    return table_version(con, "staging", kind)


def source_files_version(con: duckdb.DuckDBPyConnection) -> str:
    """What the warehouse says about the files it read (meta.source_files and meta.source_sheets)."""
    return digest(table_version(con, "meta", "source_files"), table_version(con, "meta", "source_sheets"))


def quarantine_version(con: duckdb.DuckDBPyConnection) -> str:
    return table_version(con, "quarantine", "rejected_rows")


def input_versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The versions of every table the marts, checks and feedback read, keyed by their Dagster asset key
    (ref/town_reference, staging/<ledger>, meta/source_files, quarantine/rejected_rows)."""
    from .schema import LEDGER_KINDS

    out = {
        "ref/town_reference": reference_tables_version(con),
        "meta/source_files": source_files_version(con),
        "quarantine/rejected_rows": quarantine_version(con),
    }
    out.update({f"staging/{kind}": staging_version(con, kind) for kind in LEDGER_KINDS})
    return out


def mart_version(con: duckdb.DuckDBPyConnection, name: str, as_of: dt.date | str) -> str:
    """The rows of one mart for one as-of date (the date is part of it: the same rows of another date are
    other figures)."""
    return digest(str(as_of), table_version(con, "marts", name, "WHERE as_of = ?", [str(as_of)]))


def marts_version(con: duckdb.DuckDBPyConnection, as_of: dt.date | str) -> str:
    """Every mart's rows for one as-of date."""
    return digest(*(mart_version(con, t, as_of) for _s, t, _c in tables(con, ["marts"])))


# --- published files -------------------------------------------------------------------------------------


def file_version(path: Path, as_of: dt.date | str | None = None) -> str | None:
    """A published file: its as-of date and bytes (None when it is not there)."""
    return digest(str(as_of), sha256_of_file(path)) if path.is_file() else None


def folder_version(folder: Path) -> str | None:
    """The files of a folder written as a whole (dot files are bookkeeping or unfinished writes)."""
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return digest(*(f"{p.name}:{sha256_of_file(p)}" for p in files))
