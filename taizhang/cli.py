"""The `taizhang` command line: demo, ingest, run, indicators, explain, export, templates, word-template,
quality, missing, ui."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path

from taizhang.etl.home import Home

EXIT_REJECTED = 2
EXIT_BLOCKING_CHECK = 3
EXIT_BUSY = 4
READ_WAIT_SECONDS = 60.0
DEMO_AS_OF = dt.date(2023, 11, 3)  # the demo town's data is 2023's: its home pins this reporting date


def _home(args) -> Home:
    return Home.resolve(args.home).ensure()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，例如 2023-11-03（收到 {text!r}）") from None


def _read_con(home: Home):
    """A read-only connection. While an ingest or a run writes, DuckDB refuses readers: wait for the writer
    (TAIZHANG_LOCK_WAIT seconds, default 60), saying so once, then give up with a plain message (exit 4)."""
    from taizhang.etl.warehouse import WarehouseBusy, connect, lock_wait

    if not home.warehouse.exists():
        print(
            f"数据仓库 {home.warehouse} 还不存在：请先运行 taizhang ingest 或 taizhang run。", file=sys.stderr
        )
        raise SystemExit(1)
    wait = lock_wait(READ_WAIT_SECONDS)

    def waiting():
        print(
            f"数据仓库正在被写入（导入或运行中），等待其完成后再读取（最多 {wait:.0f} 秒）……",
            file=sys.stderr,
            flush=True,
        )

    try:
        return connect(home, read_only=True, retries=wait, on_wait=waiting)
    except WarehouseBusy as busy:
        print(busy, file=sys.stderr)
        raise SystemExit(EXIT_BUSY) from None


# --- ingest ------------------------------------------------------------------------------------------


def cmd_ingest(args) -> int:
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.outcome import summary
    from taizhang.etl.reading import ReadersFailed
    from taizhang.etl.warehouse import WarehouseBusy, connect, load_reference, lock_wait

    home = _home(args)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print("找不到：" + "、".join(missing), file=sys.stderr)
        return EXIT_REJECTED
    wait = lock_wait()

    def waiting():
        print(
            f"数据仓库正被另一个程序使用（导入、运行或查询），等待其结束（最多 {wait:.0f} 秒）……",
            file=sys.stderr,
            flush=True,
        )

    try:
        con = connect(home, retries=wait, on_wait=waiting)
    except WarehouseBusy as busy:
        print(busy, file=sys.stderr)
        return EXIT_BUSY
    paths = [Path(p) for p in args.paths]
    bar = _progress(paths)
    try:
        load_reference(con)
        outcomes = ingest_paths(paths, home, con, on_outcome=bar.step if bar else None)
    except ReadersFailed as failed:  # the files stored before this stay stored; a rerun goes on from there
        print(failed, file=sys.stderr)
        return 1
    finally:
        if bar:
            bar.close()
        con.close()
    for line in summary(outcomes, verbose=getattr(args, "verbose", False)):
        print(line)
    if any(o.status == "rejected" for o in outcomes):
        print("被拒收的文件请按上面的原因修改后重新报送。", file=sys.stderr)
        return EXIT_REJECTED
    return 0


PROGRESS_FROM_FILES = 20  # fewer files read in a moment: no bar


class _Bar:
    """A progress bar on the terminal (tqdm, on stderr): never when the output goes to a file or a pipe."""

    def __init__(self, total: int | None, what: str, unit: str):
        from tqdm import tqdm

        self.bar = tqdm(total=total, desc=what, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)

    def step(self, _outcome=None) -> None:
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


@contextlib.contextmanager
def _ticking(what: str):
    """While a run works, a line on the terminal with the time it has taken (the run's steps report only at
    its end); nothing when the output goes to a file or a pipe."""
    if not sys.stdout.isatty() or not sys.stderr.isatty():
        yield
        return
    import threading

    bar = _Bar(None, what, "秒")
    bar.bar.bar_format = "{desc}：已用时 {elapsed}"
    done = threading.Event()

    def tick():
        while not done.wait(1.0):
            bar.bar.refresh()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        bar.close()


def _progress(paths: list[Path]) -> _Bar | None:
    if not sys.stdout.isatty() or not sys.stderr.isatty():
        return None
    from taizhang.etl.discover import find

    total = len(find(paths).files)
    return _Bar(total, "读取文件", "个") if total >= PROGRESS_FROM_FILES else None


# --- run ---------------------------------------------------------------------------------------------


def cmd_run(args) -> int:
    from taizhang.etl import as_of as reporting_date
    from taizhang.etl.run_state import Inputs, what_changed
    from taizhang.etl.warehouse import WarehouseBusy, connect, lock_wait

    home = _home(args)
    wait = lock_wait()

    def waiting():
        print(
            f"数据仓库正被另一个程序使用（导入、运行或查询），等待其结束后再运行（最多 {wait:.0f} 秒）……",
            file=sys.stderr,
            flush=True,
        )

    try:  # a busy warehouse is said plainly here, rather than as failed steps with stack traces
        con = (
            connect(home, read_only=True, retries=wait, on_wait=waiting) if home.warehouse.exists() else None
        )
        try:
            # the run's reporting date, resolved once here and handed to every step of the run
            as_of, source = reporting_date.resolve(home, args.as_of, con)
            if not getattr(args, "allow_empty", False):
                reporting_date.check(as_of, con)
            if source == reporting_date.TODAY:  # no record yet: the run resolves it after its ingest
                as_of = None
            inputs = Inputs.now(
                home, as_of or reporting_date.today()
            )  # a file arriving later is new to the next run
            changes = what_changed(home, inputs, con)
        finally:
            if con is not None:
                con.close()
        if not changes and not getattr(args, "force", False):
            return _nothing_changed(home)
        connect(home, retries=wait, on_wait=waiting).close()
    except WarehouseBusy as busy:
        print(busy, file=sys.stderr)
        return EXIT_BUSY
    except reporting_date.AsOfOutOfRange as refused:
        print(refused, file=sys.stderr)
        return EXIT_REJECTED
    if changes:
        print("自上次成功运行以来的变化：" + "；".join(changes))
    from taizhang.assets.runner import run_pipeline  # Dagster is imported only now
    from taizhang.etl.run_state import forget_last_run

    forget_last_run(home)  # the record is of a run that finished well: not of one killed half-way
    with _ticking("运行中（读取、计算指标、检查、出图、写报表）"):
        outcome = run_pipeline(home, as_of)
    print(
        f"Dagster run {outcome.run_id}：{'成功' if outcome.success else '未完成'}（截至 {outcome.as_of or '—'}）"
    )
    for line in outcome.checks.lines():
        print(line)
    if outcome.skipped_steps:
        print("因阻断性检查未通过而跳过的步骤：" + "、".join(outcome.skipped_steps))
    if outcome.failure:
        print(f"失败的步骤：{outcome.failure}", file=sys.stderr)
    _print_outputs(home, outcome.as_of)
    code = EXIT_BLOCKING_CHECK if outcome.checks.failed else (0 if outcome.success else 1)
    if code == 0:
        _record_run(home, inputs, outcome)
    return code


def _nothing_changed(home: Home) -> int:
    from taizhang.etl.run_state import last_run

    last = last_run(home)
    when = last.finished_at.replace("T", " ")
    print(f"自运行 {last.run_id}（{when}）以来没有任何变化，未重新运行（--force 可强制运行）")
    for line in last.checks:
        print(line)
    _print_outputs(home, last.as_of)
    return 0


def _record_run(home: Home, inputs, outcome) -> None:
    """Remember what a successful run depended on, for the next `taizhang run` to compare with. If the
    warehouse is busy again already, or the record cannot be written, nothing is recorded: the next run then
    simply runs (the run itself succeeded)."""
    from taizhang.etl.run_state import record_run
    from taizhang.etl.warehouse import WarehouseBusy, connect

    if not outcome.as_of or outcome.as_of != inputs.as_of:
        return
    try:
        con = connect(home, read_only=True, retries=5.0)
    except WarehouseBusy:
        return
    try:
        record_run(home, inputs, con, outcome.run_id, outcome.checks.lines(), outcome.inputs)
    except OSError as err:
        print(f"未能记录本次运行（下次将重新运行）：{err}", file=sys.stderr)
    finally:
        con.close()


def _print_outputs(home: Home, as_of: str | None) -> None:
    print(f"数据仓库：{home.warehouse}")
    if as_of:
        pack = home.reports / as_of
        if pack.exists():
            print(f"报表包：{pack}")
            for f in sorted(pack.rglob("*")):
                if f.is_file() and not f.name.startswith("."):  # not a temporary file of an interrupted run
                    print(f"  {f.relative_to(home.reports)}")
    for extra in ("feedback", "data_docs"):
        folder = home.reports / extra
        if folder.exists():
            print(f"{'退回修改清单' if extra == 'feedback' else '数据质量报告'}：{folder}")


# --- indicators / explain / export ---------------------------------------------------------------------


def cmd_indicators(args) -> int:
    from taizhang.etl.marts import headline, mart_dates
    from taizhang.etl.text import pad

    home = _home(args)
    con = _read_con(home)
    try:
        as_of = args.as_of or _reporting_date(home, con)
        rows = headline(con, as_of, None if args.all_scopes else "town")
        dates = mart_dates(con) if not rows else []
    finally:
        con.close()
    if not rows:
        held = "、".join(d.isoformat() for d in dates) or "无"
        print(
            f"没有截至 {as_of} 的指标（已有的截至日期：{held}）：请先运行 taizhang run --as-of {as_of}",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(
            json.dumps([{**r, "as_of": r["as_of"].isoformat()} for r in rows], ensure_ascii=False, indent=2)
        )
        return 0
    print(f"西天尾镇核心指标（截至{as_of.year}年{as_of.month}月{as_of.day}日）")
    width = max(_width(r["name_zh"]) for r in rows) + 2
    for r in rows:
        value = (
            "—"
            if r["value"] is None
            else (f"{r['value']:.2f}" if r["unit"] in ("%", "个百分点", "小时") else f"{r['value']:,.0f}")
        )
        ratio = (
            f"（{r['numerator']:,.0f}/{r['denominator']:,.0f}）"
            if r["unit"] == "%" and r["denominator"]
            else ""
        )
        scope = "" if r["scope_kind"] == "town" else f"[{r['scope']}] "
        figure = f"{value}{r['unit']}{ratio}"
        if args.codes_only:
            print(f"  {scope}{r['indicator']}：{figure}")
        else:
            print(f"  {scope}{pad(r['name_zh'], width)}{pad(figure, 28)}{r['indicator']}")
    if not args.codes_only:
        print("（最后一列是指标代码；taizhang explain 指标名称或代码 可查看指标背后的记录）")
    return 0


def _width(text: str) -> int:
    from taizhang.etl.text import display_width

    return display_width(text)


def _reporting_date(home: Home, con) -> dt.date:
    """The home's reporting date (etl/as_of.py: the pinned date, else the latest record date)."""
    from taizhang.etl import as_of as reporting_date

    return reporting_date.resolve(home, None, con)[0]


def _snapshot_to_export(home: Home, con, table: str) -> dt.date:
    """The date the home pins, else the table's latest snapshot (the last run's date), else the reporting date."""
    from taizhang.etl import as_of as reporting_date
    from taizhang.etl.export import snapshot_dates

    as_of, source = reporting_date.resolve(home, None, con)
    dates = snapshot_dates(con, table)
    return as_of if source == reporting_date.PINNED or not dates else dates[-1]


def cmd_explain(args) -> int:
    from taizhang.etl.explain import UnknownIndicator, explain
    from taizhang.etl.scope import ScopeError

    home = _home(args)
    con = _read_con(home)
    try:
        as_of = args.as_of or _reporting_date(home, con)
        names, rows = explain(con, args.indicator, as_of, args.scope)
    except (UnknownIndicator, ScopeError) as unknown:
        print(unknown, file=sys.stderr)
        return EXIT_REJECTED
    finally:
        con.close()
    if args.json:
        print(
            json.dumps(
                [
                    dict(
                        zip(names, (v.isoformat() if hasattr(v, "isoformat") else v for v in r), strict=True)
                    )
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    from taizhang.etl.explain import resolve_indicator
    from taizhang.etl.marts import INDICATORS

    code = resolve_indicator(args.indicator)
    print("\t".join(names))
    for r in rows:
        print("\t".join("" if v is None else str(v) for v in r))
    print(
        f"共 {len(rows)} 条记录（{INDICATORS[code][0]} {code}，截至 {as_of}"
        f"{'，' + args.scope if args.scope else ''}）"
    )
    return 0


def cmd_export(args) -> int:
    from taizhang.etl.export import ExportError, export_table, find_table

    home = _home(args)
    con = _read_con(home)
    try:
        info = find_table(con, args.table)
        as_of = (args.as_of or _snapshot_to_export(home, con, info.table)) if info.has_as_of else None
        output = Path(args.output or _default_output(info, as_of, args.scope, args.format))
        done = export_table(con, args.table, args.format, output, as_of=as_of, scope=args.scope)
    except ExportError as bad:
        print(bad, file=sys.stderr)
        return EXIT_REJECTED
    finally:
        con.close()
    when = f"截至 {done.as_of}，" if done.as_of else ""
    scope = f"{done.scope}，" if done.scope else ""
    print(f"已导出“{done.name_zh}”（{done.table}，{when}{scope}{done.rows} 行）→ {output}")
    return 0


def _default_output(info, as_of, scope, fmt: str) -> str:
    parts = [info.name, *([scope] if scope else []), *([as_of.isoformat()] if as_of else [])]
    return "_".join(parts).replace("/", "／").replace("“", "").replace("”", "") + f".{fmt}"


def cmd_tables(args) -> int:
    from taizhang.etl.export import table_list
    from taizhang.etl.text import pad

    home = _home(args)
    con = _read_con(home)
    try:
        tables = table_list(con)
    finally:
        con.close()
    print("可导出的表（taizhang export 表名 --format xlsx；表名写英文名或中文名均可）：")
    for name, name_zh, about, dates in tables:
        when = f"　截至日期：{'、'.join(d.isoformat() for d in dates)}" if dates else ""
        print(f"  {pad(name, 32)}{pad(name_zh, 30)}{about}{when}")
    print("个人信息所在的 staging 表不能导出。")
    return 0


# --- mappings: held files and confirmed layouts ---------------------------------------------------------------


def cmd_mappings(args) -> int:
    from taizhang.etl.decisions import KIND_ZH, STATUS_CONFIRMED, DecisionError, Decisions, file_id
    from taizhang.etl.schema import catalog

    home = _home(args)
    decisions = Decisions(home.mappings)
    if args.action == "confirm":
        if not args.id:
            print("请写出要确认的编号：taizhang mappings confirm 编号 [--answer 键=值 …]", file=sys.stderr)
            return EXIT_REJECTED
        try:
            doc = decisions.confirm(args.id, _answers(args.answer or [], decisions, args.id))
        except DecisionError as bad:
            print(bad, file=sys.stderr)
            return EXIT_REJECTED
        print(f"已确认 {file_id(doc['sha256'])}（{doc.get('file')}），重新读取待确认的文件……")
        return cmd_ingest(argparse.Namespace(home=str(home.root), paths=[]))
    held = decisions.held()
    if args.id:
        held = [
            d for d in held if d["sha256"].startswith(args.id) or file_id(d["sha256"]).startswith(args.id)
        ]
    if not held and not args.id:
        print("没有待确认的文件。")
    for doc in held:
        state = "已确认，下次导入时读取" if doc.get("status") == STATUS_CONFIRMED else "待确认"
        print(
            f"[{file_id(doc['sha256'])}] {doc.get('file')}（{doc.get('sender') or '报送单位未定'} · "
            f"{_ledger_zh(doc.get('ledger')) or '台账未定'}）— {state}"
        )
        for q in doc.get("questions") or []:
            where = f"工作表“{q['sheet']}” " if q.get("sheet") else ""
            print(
                f"    {where}{KIND_ZH.get(q['key'].split(':')[0], q.get('kind'))}（键 {q['key']}）：{q['question']}"
            )
            if q.get("options"):
                print(f"      可选：{'、'.join(str(o) for o in q['options'])}")
            print(f"      答案：{q.get('answer') if q.get('answer') not in (None, '') else '（未填）'}")
        print(f"    确认：taizhang mappings confirm {file_id(doc['sha256'])}   文件：{doc['_path']}")
    layouts = decisions.layouts()
    if layouts and not args.id:
        print("已确认的版式（同一单位以后同样表头的文件自动套用）：")
        for doc in layouts:
            fields = catalog().ledgers[doc["ledger"]].fields if doc.get("ledger") in catalog().ledgers else {}
            columns = "、".join(
                f"{fields[f].label if f in fields else f}→{h}" for f, h in (doc.get("columns") or {}).items()
            )
            print(
                f"    {doc.get('sender')} · {_ledger_zh(doc.get('ledger'))} · 版式 {doc.get('layout')}：{columns}"
                f"  （{doc['_path']}）"
            )
    return 0


def _ledger_zh(kinds: str | None) -> str | None:
    from taizhang.etl.schema import catalog

    ledgers = catalog().ledgers
    return "、".join(ledgers[k].name_zh if k in ledgers else k for k in kinds.split(",")) if kinds else None


def _answers(pairs: list[str], decisions, ident: str) -> dict[str, str]:
    """--answer 键=值 (键: period, unit, version, column:字段 … or their Chinese names); a bare value answers
    the file's only question."""
    from taizhang.etl.decisions import KIND_ZH

    names = {zh: code for code, zh in KIND_ZH.items()}
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            docs = [
                d
                for d in decisions.held()
                if d["sha256"].startswith(ident) or d["sha256"][:12].startswith(ident)
            ]
            questions = docs[0].get("questions") if len(docs) == 1 else []
            if len(questions or []) != 1:
                raise SystemExit("有多个问题时请写成 键=值，例如 --answer period=2023-10")
            out[questions[0]["key"]] = pair
            continue
        out[names.get(key.strip(), key.strip())] = value.strip()
    return out


# --- templates / missing (报送模板 and the 催报 list) -------------------------------------------------------


def _period(text: str) -> str:
    from taizhang.etl.template_spec import SpecError, check_period

    try:
        return check_period(text)
    except SpecError as bad:
        raise argparse.ArgumentTypeError(str(bad)) from None


def cmd_templates(args) -> int:
    from taizhang.etl.privacy import PrivacyKeyError
    from taizhang.etl.template_spec import SpecError
    from taizhang.etl.templates import templates_dir, write_templates

    home = _home(args)
    try:
        paths = write_templates(home, args.period, args.unit, args.ledger)
    except (SpecError, PrivacyKeyError) as bad:
        print(bad, file=sys.stderr)
        return EXIT_REJECTED
    for path in paths:
        print(f"  {path.relative_to(home.root)}")
    print(
        f"已生成 {len(paths)} 份{args.period[:4]}年{int(args.period[5:])}月报送模板：{templates_dir(home, args.period)}"
    )
    print("请把各单位文件夹里的模板发给对应单位；填好后原样报送，放进收件箱即可读入。")
    return 0


def cmd_word_template(args) -> int:
    """Copy the packaged 工作总结 template into the home for the office to edit (never over their own)."""
    import shutil

    from taizhang.reports.word_report import PACKAGED_TEMPLATE

    home = _home(args)
    own = home.word_template
    if own.exists():
        print(f"已有本单位的工作总结模板：{own}（未覆盖；删除它即恢复使用系统自带的模板）")
        return 0
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGED_TEMPLATE, own)
    print(f"已复制工作总结模板：{own}")
    print("用 Word 或 WPS 修改其中的文字后保存，下一次 taizhang run 就按修改后的文字生成工作总结；")
    print("双花括号 {{ … }} 中的名称由系统填入数字，请勿改动括号里的名称。")
    return 0


def cmd_quality(args) -> int:
    """The data-quality summary (checks.quality): the numbers the data docs page shows, which it rebuilds."""
    from taizhang.checks.data_docs import refresh

    home = _home(args)
    con = _read_con(home) if home.warehouse.exists() else None
    try:
        page, summary = refresh(home.reports, con)
    finally:
        if con is not None:
            con.close()
    for line in summary.lines():
        print(line)
    print(f"数据质量报告（与上面的数字相同）：{page}")
    return 0


def cmd_missing(args) -> int:
    from taizhang.etl.missing import (
        chase_list,
        chase_path,
        due_period,
        reporting_date,
        summary,
        write_chase_list,
    )
    from taizhang.etl.text import pad

    home = _home(args)
    con = _read_con(home)
    try:
        as_of = args.as_of or reporting_date(con)
        period = args.period or due_period(as_of)
        rows = chase_list(con, period)
    finally:
        con.close()
    print(summary(rows, period))
    for r in rows:
        shown = "" if r.status == "missing" else f"最近文件 {r.last_file}"
        extra = f"（待改 {r.rows_quarantined} 行）" if r.status == "returned" else ""
        print(f"  {pad(r.status_zh, 10)}{pad(r.sender, 12)}{pad(r.ledger_zh, 26)}{shown}{extra}")
    path = write_chase_list(rows, chase_path(home, as_of, period), as_of, period)
    print(f"催报清单：{path}")
    return 0


# --- demo / ui -------------------------------------------------------------------------------------------


def cmd_demo(args) -> int:
    from taizhang.demo.generator import generate

    home = _home(args)
    files = generate(home.inbox, home.root / "demo_manifest.json")
    print(f"演示数据：{len(files)} 个台账文件已写入 {home.inbox}")
    code = cmd_ingest(argparse.Namespace(home=str(home.root), paths=[str(home.inbox)]))
    if code not in (0, EXIT_REJECTED):
        return code
    as_of = args.as_of or DEMO_AS_OF
    home.pin_reporting_date(as_of)  # the UI, the schedules and the sensor then report as of this date too
    code = cmd_run(argparse.Namespace(home=str(home.root), as_of=as_of))
    cmd_indicators(
        argparse.Namespace(home=str(home.root), as_of=as_of, json=False, all_scopes=False, codes_only=False)
    )
    command = Path(sys.executable).parent / "taizhang"
    print(
        f"\n打开界面：{command if command.exists() else 'taizhang'} ui --home {home.root}   （http://127.0.0.1:3000）"
    )
    return code


def cmd_rebuild(args) -> int:
    from taizhang.etl.rebuild import rebuild

    home = _home(args)
    result = rebuild(home, progress=lambda text: print(text, flush=True))
    print(
        f"重建完成：重新读取 {result.files} 个文件（导入 {result.loaded} 个，拒收 {result.rejected} 个），"
        f"{result.rows_loaded} 行，隔离 {result.rows_quarantined} 行；重建指标 {len(result.as_of_dates)} 个截至日期；"
        f"用时 {result.seconds:.1f} 秒。原数据仓库保留为 {result.backup}"
    )
    return 0


def cmd_ui(args) -> int:
    from taizhang.assets.ui import serve

    return serve(_home(args), port=args.port)


class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    """argparse's own words (usage, options, positional arguments) in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def _parser_words() -> None:
    """argparse's fixed texts in Chinese (it takes them from gettext; our one language is Chinese)."""
    words = {
        "usage: ": "用法：",
        "positional arguments": "参数",
        "options": "选项",
        "optional arguments": "选项",
        "show this help message and exit": "显示本帮助并退出",
        "the following arguments are required: %s": "缺少必填参数：%s",
        "unrecognized arguments: %s": "无法识别的参数：%s",
        "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
        "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
        "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
        "expected one argument": "需要一个值",
        "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    }
    argparse._ = lambda text: words.get(text, text)  # argparse looks its texts up through this name
    argparse.ngettext = lambda singular, plural, n: words.get(singular if n == 1 else plural, plural)


def build_parser() -> argparse.ArgumentParser:
    _parser_words()
    parser = argparse.ArgumentParser(
        prog="taizhang",
        description="台账 — 乡镇台账数据仓库与报表。使用说明：docs/使用说明.md",
        formatter_class=_ChineseHelp,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    sub = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令")

    def add(name, func, help_text):
        p = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=_ChineseHelp, add_help=False
        )
        p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        p.add_argument("--home", metavar="目录", help="数据目录（默认：环境变量 TAIZHANG_HOME，否则 ./data）")
        p.set_defaults(func=func)
        return p

    as_of_help = "截至日期 YYYY-MM-DD（默认：数据目录 taizhang.toml 设定的报告日期，否则为数据中的最新日期）"
    p = add("demo", cmd_demo, "把演示镇2023年的台账文件写入收件箱，并导入、运行全部流程")
    p.add_argument("--as-of", type=_date, default=None, metavar="日期", help="截至日期（默认 2023-11-03）")
    p = add("ingest", cmd_ingest, "把台账文件或文件夹读入数据仓库；默认只列出汇总和有问题的文件")
    p.add_argument("paths", nargs="+", metavar="文件或文件夹", help="台账文件（xlsx、xls、csv）或文件夹")
    p.add_argument("-v", "--verbose", action="store_true", help="逐个列出每个文件的读取结果")
    p = add("run", cmd_run, "通过 Dagster 运行全部流程（指标、检查、图表、报表）；没有变化时不重复运行")
    p.add_argument("--as-of", type=_date, default=None, metavar="日期", help=as_of_help)
    p.add_argument("--force", action="store_true", help="即使自上次运行以来没有变化也重新运行")
    p.add_argument(
        "--allow-empty", action="store_true", help="允许截至日期晚于今天或早于最早的记录（报表将全部为零）"
    )
    p = add("rebuild", cmd_rebuild, "用当前的读取程序把原始文件存档重新读入一个新的数据仓库，再替换现有的")
    p = add("indicators", cmd_indicators, "核心指标：每个指标的名称、数值和指标代码")
    p.add_argument("--as-of", type=_date, default=None, metavar="日期", help=as_of_help)
    p.add_argument(
        "--json", action="store_true", help="以 JSON 输出（字段与 marts.headline_indicators 相同）"
    )
    p.add_argument("--all-scopes", action="store_true", help="同时列出各片区、村（社区）和网格的指标")
    p.add_argument(
        "--codes", dest="codes_only", action="store_true", help="每行只写指标代码和数值（便于脚本使用）"
    )
    p = add("explain", cmd_explain, "列出某个指标背后的记录（来源文件、工作表、行号）")
    p.add_argument("indicator", metavar="指标", help="指标名称或代码，如 矛盾纠纷化解数 或 disputes_resolved")
    p.add_argument("--as-of", type=_date, default=None, metavar="日期", help=as_of_help)
    p.add_argument(
        "--scope",
        metavar="范围",
        help="只看一个范围：村（社区）、片区、网格、党组织、镇/园区；写镇名（西天尾镇）为全镇",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = add("tables", cmd_tables, "列出可导出的表及其中文名称和已有的截至日期")
    p = add(
        "export", cmd_export, "导出一张表的一个截至日期的数据（中文列名、单位名称）为 xlsx、csv 或 parquet"
    )
    p.add_argument(
        "table",
        metavar="表",
        help="表名（taizhang tables 列出），如 dispute_resolution_by_unit 或 各村（社区）矛盾纠纷化解情况",
    )
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="日期",
        help="截至日期 YYYY-MM-DD（默认：taizhang.toml 设定的报告日期，否则为这张表最近一次运行的截至日期）",
    )
    p.add_argument("--scope", metavar="范围", help="只导出一个村（社区）、片区、网格等的行；写镇名为全镇")
    p.add_argument(
        "--format", choices=("xlsx", "csv", "parquet"), default="xlsx", help="文件格式（默认 xlsx）"
    )
    p.add_argument(
        "-o", "--output", metavar="文件", help="输出文件（默认：表的中文名_截至日期.格式，写在当前文件夹）"
    )
    p = add("mappings", cmd_mappings, "待确认的文件和已确认的版式；确认后导入被暂扣的文件")
    p.add_argument(
        "action",
        nargs="?",
        choices=("list", "confirm"),
        default="list",
        help="list 列出（默认）；confirm 确认一个文件的答案并导入",
    )
    p.add_argument(
        "id", nargs="?", metavar="编号", help="待确认文件的编号（taizhang mappings 列出的方括号中的编号）"
    )
    p.add_argument(
        "--answer",
        action="append",
        metavar="键=值",
        help="答案，例如 period=2023-10、version=追加、column:completed_investment=1-10月累计完成投资；可写多次",
    )
    p = add(
        "templates",
        cmd_templates,
        "报送模板：每个单位每类台账一份带下拉选项的 xlsx，写入 <home>/templates/<月份>/",
    )
    p.add_argument(
        "--period", type=_period, required=True, metavar="月份", help="报送月份 YYYY-MM，如 2023-12"
    )
    p.add_argument("--unit", metavar="单位", help="只生成这个单位的（如 林山村、镇综治中心）")
    p.add_argument("--ledger", metavar="台账", help="只生成这类台账的（如 disputes 或 矛盾纠纷）")
    p = add(
        "word-template",
        cmd_word_template,
        "把系统自带的工作总结模板复制到 <home>/templates/工作情况汇报.docx 供修改（已有时不覆盖）",
    )
    p = add(
        "quality",
        cmd_quality,
        "数据质量汇总：导入、待确认、拒收的文件，隔离的行（按村（社区）列出主要原因），检查的结果；"
        "同时更新数据质量报告页面",
    )
    p = add("missing", cmd_missing, "催报清单：某月各单位各类台账已报、零报告、未报、退回未改")
    p.add_argument(
        "--period", type=_period, metavar="月份", help="报送月份 YYYY-MM（默认：报告日期的上一个月）"
    )
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="日期",
        help="报告日期，清单写入 reports/<日期>/（默认：最近一次运行的截至日期）",
    )
    p = add("ui", cmd_ui, "在 127.0.0.1 上启动 Dagster 界面和后台进程（Ctrl-C 全部停止）")
    p.add_argument("--port", type=int, default=3000, metavar="端口", help="端口（默认 3000）")
    from taizhang.county_cli import add_county_parser  # `taizhang county …` (its own module)

    add_county_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from taizhang.etl.home import HomeError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except HomeError as unusable:  # a home or warehouse that cannot be used: one plain line, no traceback
        print(unusable, file=sys.stderr)
        return unusable.exit_code
    except BrokenPipeError:  # `taizhang … | head`: the reader has what it wanted; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's documented recipe
        return 0


if __name__ == "__main__":
    sys.exit(main())
