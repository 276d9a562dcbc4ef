"""What the last successful `taizhang run` depended on, so that a run with nothing changed is not run again.

One record, <home>/state/last_run.json (written atomically after a run that exited 0): the reporting date, the
day, the inbox contents, the reference CSVs, the code, the file limits, the warehouse's contents, the marts
of that date and the published files. The next `taizhang run` compares them — every one through
etl.fingerprints, the same definitions Dagster's data and code versions use — before it imports Dagster, and
when nothing differs it says so and stops. A missing, stale or unreadable record only means: run.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

import duckdb

from . import as_of as reporting_date
from . import fingerprints as fp
from .files import read_json, sha256_of_file, write_json
from .home import Home

LAST_RUN = "last_run.json"
OUTPUT_FOLDERS = ("feedback", "data_docs")  # beside the pack of the as-of date, under reports/


def published_files(home: Home, as_of: str) -> dict[str, str]:
    """Path under reports/ → sha256 of every file a run publishes for as_of: the pack of that date, the
    feedback workbooks and the data docs (dot files are bookkeeping or unfinished writes: left out)."""
    out = {}
    for folder in (as_of, *OUTPUT_FOLDERS):
        root = home.reports / folder
        for path in sorted(root.rglob("*")) if root.exists() else []:
            relative = path.relative_to(home.reports)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                out[relative.as_posix()] = sha256_of_file(path)
    return out


@dataclass
class Inputs:
    """What a run starts from, known before it starts."""

    as_of: str  # the reporting date, resolved (etl.as_of)
    day: str
    inbox: list[str]
    reference: str
    code: dict[str, str]
    limits: str  # the TAIZHANG_MAX_* limits a file is refused by: raised limits let a refused file in
    word_template: str = ""  # the office's own 工作总结 template (<home>/templates/): its bytes, "" when none

    @classmethod
    def now(cls, home: Home, as_of: dt.date) -> Inputs:
        from .safety import Limits

        return cls(
            as_of=as_of.isoformat(),
            day=reporting_date.today().isoformat(),
            inbox=fp.inbox_contents(home.inbox),
            reference=fp.reference_version(),
            code=fp.all_code_versions(),
            limits=json.dumps(asdict(Limits()), sort_keys=True),
            word_template=sha256_of_file(home.word_template) if home.word_template.is_file() else "",
        )


@dataclass
class LastRun(Inputs):
    run_id: str = ""
    finished_at: str = ""
    warehouse: str = ""
    marts: str = ""
    published: dict[str, str] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)  # the run's check summary, shown again when skipping


def _record(home: Home):
    return home.state / LAST_RUN


def last_run(home: Home) -> LastRun | None:
    data = read_json(_record(home))
    try:
        return LastRun(**data) if data else None
    except TypeError:  # written by another version: not trusted
        return None


def forget_last_run(home: Home) -> None:
    _record(home).unlink(missing_ok=True)


def record_run(
    home: Home,
    inputs: Inputs,
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    checks: list[str],
    seen: dict[str, str],
) -> bool:
    """Remember a successful run — unless the warehouse is no longer what the run's marts were built from
    (`seen`: the data versions the run reported for its inputs; another process wrote in between), for then
    the next run must run. Returns whether it was recorded."""
    now = fp.input_versions(con)
    if not seen or any(now.get(key) != version for key, version in seen.items()):
        forget_last_run(home)
        return False
    record = LastRun(
        **asdict(inputs),
        run_id=run_id,
        finished_at=dt.datetime.now().isoformat(timespec="seconds"),
        warehouse=fp.warehouse_version(con),
        marts=fp.marts_version(con, inputs.as_of),
        published=published_files(home, inputs.as_of),
        checks=checks,
    )
    write_json(_record(home), asdict(record))
    return True


def what_changed(home: Home, inputs: Inputs, con: duckdb.DuckDBPyConnection | None) -> list[str]:
    """Why a run would not give the same warehouse and files as the last successful one (empty: it would).
    A file removed from the inbox is no change: the warehouse keeps what was loaded from it."""
    last = last_run(home)
    if last is None:
        return ["没有上次成功运行的记录"]
    if con is None:
        return ["数据仓库不存在"]
    reasons = []
    if inputs.as_of != last.as_of:
        reasons.append(f"截至日期不同（上次 {last.as_of}）")
    if inputs.day != last.day:
        reasons.append(f"新的一天（检查以今天为界，上次 {last.day}）")
    new = set(inputs.inbox) - set(last.inbox)
    if new:
        reasons.append(f"收件箱有 {len(new)} 个新的或改动过的文件")
    if inputs.reference != last.reference:
        reasons.append("基础数据（etl/ref）已修改")
    changed_code = sorted(
        part for part in inputs.code if inputs.code.get(part) != (last.code or {}).get(part)
    )
    if changed_code:
        reasons.append(f"程序或依赖库已更新（{'、'.join(changed_code)}）")
    if inputs.limits != last.limits:
        reasons.append("文件大小等限制已调整")
    if inputs.word_template != last.word_template:
        reasons.append("工作总结模板（templates/工作情况汇报.docx）已添加、修改或删除")
    if _reader_died(con):
        reasons.append("有文件读取时读取程序意外退出，再读一次")
    if fp.warehouse_version(con) != last.warehouse:
        reasons.append("数据仓库内容已变化（例如另行导入）")
    if fp.marts_version(con, last.as_of) != last.marts:
        reasons.append(f"截至 {last.as_of} 的指标表已变化")
    now = published_files(home, last.as_of)
    gone = sorted(name for name, sha in last.published.items() if now.get(name) != sha)
    if gone:
        reasons.append(
            f"报表文件缺失或被改动 {len(gone)} 个：{'、'.join(gone[:3])}{' …' if len(gone) > 3 else ''}"
        )
    return reasons


def _reader_died(con: duckdb.DuckDBPyConnection) -> bool:
    """A file whose reader process died may have met a passing trouble (memory): a run reads it again."""
    from .reading import READER_DIED

    return (
        con.execute(
            "SELECT count(*) FROM meta.source_files WHERE status = 'rejected' AND reason = ?", [READER_DIED]
        ).fetchone()[0]
        > 0
    )
