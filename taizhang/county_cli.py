"""`taizhang county …`: a county of towns on one Dagster deployment (docs/scaling.md).

    taizhang county init   [--root R] [--towns 3] [--demo] [--lake URI] [--min-coverage 1.0] [--max-runs 2]
    taizhang county daemon [--root R]        the Dagster daemon (backfills, the run queue, the registry sensor)
    taizhang county ui     [--root R]        webserver + daemon on 127.0.0.1
    taizhang county run    [--root R] --as-of D [--town T …]   every town (or some) for D, through the daemon
    taizhang county rollup [--root R] --as-of D [--json]       the rollup of D from the lake, in this process

The root is `--root`, else $TAIZHANG_COUNTY_ROOT, else ./data/county. The instance's run and event storage is
Postgres (`$TAIZHANG_COUNTY_PG_URL`, e.g. postgresql://user:pass@host:5432/dagster); personal data is tokenised
with `$TAIZHANG_KEY`, and a county run refuses to start without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from taizhang.etl import county as cty

PG_URL_ENV = "TAIZHANG_COUNTY_PG_URL"
DEFAULT_ROOT = "data/county"
DEFAULT_MAX_RUNS = 2  # runs at once on the machine (each ~250–400 MB); per town always 1
RUN_WAIT = 3600.0  # seconds `county run` waits for its backfill
EXIT_FAILED = 3
EXIT_REFUSED = 6  # coverage below the county's minimum: nothing published
DEMO_SCALES = (1.0, 0.45, 0.7, 0.3, 0.85, 0.55)  # demo towns of different sizes (cycled)


def _root(args) -> Path:
    chosen = args.root or os.environ.get("TAIZHANG_COUNTY_ROOT") or DEFAULT_ROOT
    return Path(chosen).expanduser().resolve()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，例如 2023-11-03（收到 {text!r}）") from None


# --- init ----------------------------------------------------------------------------------------------------


def dagster_yaml(max_runs: int) -> str:
    """The county instance: the run queue with a limit per town and overall, Postgres run/event storage."""
    return f"""# 由 taizhang county init 写入。县级 Dagster 实例：运行排队（每个镇同时只运行一个，全县同时最多 {max_runs} 个），
# 运行与事件记录存放在 Postgres（连接串取自环境变量 {PG_URL_ENV}，不写入文件）。
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: {max_runs}
    tag_concurrency_limits:
      - key: dagster/partition/town
        value:
          applyLimitPerUniqueValue: true
        limit: 1
storage:
  postgres:
    postgres_url:
      env: {PG_URL_ENV}
telemetry:
  enabled: false
nux:
  enabled: false
retention:
  schedule:
    purge_after_days: 30
  sensor:
    purge_after_days:
      skipped: 1
      failure: 30
      success: 7
"""


def workspace_yaml() -> str:
    from taizhang.assets.county import LOCATION_NAME

    return (
        "# 由 taizhang county init 写入：县级代码位置（县级目录由环境变量 TAIZHANG_COUNTY_ROOT 指定）\n"
        "load_from:\n  - python_module:\n      module_name: taizhang.assets.county\n"
        f"      attribute: county_defs\n      location_name: {LOCATION_NAME}\n"
    )


def demo_town(root: Path, town: cty.Town, months: int | None) -> int:
    """Generate a demo town's inbox (its seed and size from the registry); `months` keeps 2023-01 … 2023-MM."""
    from taizhang.demo.generator import generate

    folder = root / "towns" / town.key
    manifest_path = folder / "manifest.json"
    generate(folder / "inbox", manifest_path, town.demo_seed or 2023, town.demo_scale or 1.0)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    kept = 0
    for entry in manifest["file_list"]:
        period = entry.get("period") or ""
        if months and len(period) == 7 and int(period[5:7]) > months:
            (folder / "inbox" / entry["name"]).unlink(missing_ok=True)
        else:
            kept += 1
    return kept


def cmd_init(args) -> int:
    root = _root(args)
    root.mkdir(parents=True, exist_ok=True)
    if (root / cty.CONFIG_NAME).exists() and not args.force:
        print(f"{root} 已是县级目录（有 {cty.CONFIG_NAME}）；要重写配置请加 --force。", file=sys.stderr)
        return 2
    cty.write_config(root, args.name, args.city, args.lake, args.min_coverage)
    if not (root / cty.REGISTRY_NAME).exists() or args.force:
        towns = [
            cty.Town(
                key=f"town_{i:02d}",
                name=f"示范镇{i:02d}",
                county=args.name,
                city=args.city,
                demo_seed=2022 + i if args.demo else None,
                demo_scale=DEMO_SCALES[(i - 1) % len(DEMO_SCALES)] if args.demo else None,
            )
            for i in range(1, args.towns + 1)
        ]
        cty.write_registry(root / cty.REGISTRY_NAME, towns)
    towns = cty.read_registry(root / cty.REGISTRY_NAME)
    (root / "dagster").mkdir(exist_ok=True)
    (root / "dagster" / "dagster.yaml").write_text(dagster_yaml(args.max_runs), encoding="utf-8")
    (root / "workspace.yaml").write_text(workspace_yaml(), encoding="utf-8")
    for town in towns:
        (root / "towns" / town.key / "inbox").mkdir(parents=True, exist_ok=True)
        if args.demo:
            kept = demo_town(root, town, args.months)
            print(
                f"  {town.key}（{town.name}）：示范数据 {kept} 个文件（种子 {town.demo_seed}，规模 {town.demo_scale}）"
            )
    print(f"县级目录：{root}（{len(towns)} 个镇，镇名册 {root / cty.REGISTRY_NAME}）")
    print(
        f"下一步：设置 {PG_URL_ENV} 和 TAIZHANG_KEY，运行 taizhang county daemon（或 ui），再 taizhang county run --as-of 日期"
    )
    return 0


# --- the instance --------------------------------------------------------------------------------------------


def county_env(root: Path) -> dict[str, str]:
    return {**os.environ, "DAGSTER_HOME": str(root / "dagster"), "TAIZHANG_COUNTY_ROOT": str(root)}


def _check_setup(root: Path, need_key: bool) -> cty.County:
    county = cty.County.open(root)
    if not (os.environ.get(PG_URL_ENV) or "").strip():
        raise cty.CountyError(
            f"县级 Dagster 实例的运行记录存放在 Postgres：请设置环境变量 {PG_URL_ENV}"
            "（如 postgresql://用户:密码@主机:5432/dagster）。"
        )
    if need_key:
        cty.require_key()
    return county


def instance_for(root: Path):
    import dagster as dg

    os.environ.update({"DAGSTER_HOME": str(root / "dagster"), "TAIZHANG_COUNTY_ROOT": str(root)})
    return dg.DagsterInstance.get()


def sync_towns(instance, county: cty.County) -> list[str]:
    """The registry's towns as dynamic partitions (new ones added; none removed: their history stays)."""
    from taizhang.assets.county import TOWNS_PARTITIONS

    keys = [t.key for t in county.towns()]
    known = set(instance.get_dynamic_partitions(TOWNS_PARTITIONS))
    new = [k for k in keys if k not in known]
    if new:
        instance.add_dynamic_partitions(TOWNS_PARTITIONS, new)
    return keys


def daemon_running(instance, wait: float = 30.0) -> bool:
    """Whether the daemon's backfill and run-queue loops are alive (a daemon just started gets `wait` s)."""
    deadline = time.monotonic() + wait
    while True:
        statuses = instance.get_daemon_statuses(["BACKFILL", "QUEUED_RUN_COORDINATOR"])
        if all(s.healthy for s in statuses.values()):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(1.0)


def submit_backfill(root: Path, instance, as_of: dt.date, towns: list[str], title: str) -> str:
    """A backfill of the towns' partitions of as_of's month and the month's rollup, for the daemon."""
    import dagster as dg
    from dagster._core.execution.backfill import PartitionBackfill
    from dagster._core.utils import make_new_backfill_id

    from taizhang.assets.county import AS_OF_TAG, build_county_definitions, town_indicators

    defs = build_county_definitions(root)
    graph = defs.resolve_asset_graph()
    month = as_of.replace(day=1).isoformat()
    keys = [str(dg.MultiPartitionKey({"month": month, "town": t})) for t in towns]
    backfill_id = make_new_backfill_id()
    backfill = PartitionBackfill.from_asset_partitions(
        backfill_id=backfill_id,
        asset_graph=graph,
        partition_names=keys,
        asset_selection=[town_indicators.key, dg.AssetKey("county_rollup")],
        backfill_timestamp=time.time(),
        tags={AS_OF_TAG: as_of.isoformat(), "taizhang/county": "run"},
        dynamic_partitions_store=instance,
        all_partitions=False,
        title=title,
        description=f"taizhang county run --as-of {as_of}",
        run_config=None,
    )
    instance.add_backfill(backfill)
    return backfill_id


def wait_backfill(instance, backfill_id: str, timeout: float = RUN_WAIT) -> tuple[str, list]:
    from dagster._core.execution.backfill import BulkActionStatus
    from dagster._core.storage.dagster_run import RunsFilter
    from dagster._core.storage.tags import BACKFILL_ID_TAG

    done = {
        BulkActionStatus.COMPLETED,
        BulkActionStatus.COMPLETED_SUCCESS,
        BulkActionStatus.COMPLETED_FAILED,
        BulkActionStatus.FAILED,
        BulkActionStatus.CANCELED,
    }
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        status = instance.get_backfill(backfill_id).status
        if status in done:
            break
        time.sleep(1.0)
    runs = instance.get_runs(RunsFilter(tags={BACKFILL_ID_TAG: backfill_id}))
    return (status.value if status else "UNKNOWN"), runs


def cmd_run(args) -> int:
    from dagster import DagsterRunStatus

    root = _root(args)
    county = _check_setup(root, need_key=True)
    instance = instance_for(root)
    keys = sync_towns(instance, county)
    towns = args.town or keys
    unknown = [t for t in towns if t not in keys]
    if unknown:
        print(f"镇名册中没有这些镇：{'、'.join(unknown)}（有：{'、'.join(keys)}）", file=sys.stderr)
        return 2
    if not daemon_running(instance):
        print(
            "Dagster 后台进程（daemon）没有运行：请先在另一个终端运行 taizhang county daemon（或 county ui）。",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    backfill_id = submit_backfill(root, instance, args.as_of, towns, f"县级运行 截至{args.as_of}")
    print(
        f"已提交补数 {backfill_id}：{len(towns)} 个镇 × {args.as_of:%Y-%m}（截至 {args.as_of}），再汇总；等待后台进程排队运行……",
        flush=True,
    )
    status, runs = wait_backfill(instance, backfill_id)
    seconds = time.perf_counter() - started
    failed = [r for r in runs if r.status != DagsterRunStatus.SUCCESS]
    print(f"补数 {status}：{len(runs)} 次运行，失败 {len(failed)}，用时 {seconds:.1f} 秒")
    for r in failed:
        print(
            f"  失败：{r.tags.get('dagster/partition', '')} 运行 {r.run_id[:8]}（{r.status.value}）",
            file=sys.stderr,
        )
    rollup = cty.read_rollup(county, args.as_of)
    if rollup:
        _print_rollup(rollup, args.as_of)
    return 0 if not failed and status == "COMPLETED_SUCCESS" else EXIT_FAILED


# --- rollup --------------------------------------------------------------------------------------------------


def _print_rollup(rows: list[dict], as_of: dt.date) -> None:
    top = [r for r in rows if r["town"] is None]
    if not top:
        return
    first = top[0]
    print(f"截至 {as_of} 汇总：覆盖 {first['towns_covered']}/{first['towns_expected']} 个镇")
    for r in top:
        value = "—" if r["value"] is None else f"{r['value']:g}"
        print(f"  [{r['scope_kind']}] {r['scope']} {r['name_zh']}：{value} {r['unit']}（{r['note']}）")
    print(
        "说明：中位数不可相加，网格事件办结用时中位数不汇总；比率一律为分子之和除以分母之和，不是各镇比率的平均。"
    )


def cmd_rollup(args) -> int:
    root = _root(args)
    county = cty.County.open(root)
    try:
        result = cty.rollup(county, args.as_of, publish=not args.dry_run)
    except cty.CoverageTooLow as refused:
        print(refused, file=sys.stderr)
        return EXIT_REFUSED
    if args.json:
        print(json.dumps(result.rows, ensure_ascii=False, default=str, indent=1))
        return 0
    print(
        f"截至 {args.as_of}：{result.coverage_text()}"
        + (f"，已发布到 {result.target}" if result.target else "")
    )
    _print_rollup(result.rows, args.as_of)
    return 0


# --- daemon and ui -------------------------------------------------------------------------------------------


def _serve(root: Path, names: list[str], port: int) -> int:
    import signal

    import psutil

    from taizhang.assets.ui import HOST, _stop_tree, command

    _check_setup(root, need_key=True)
    workspace = str(root / "workspace.yaml")
    args = {"daemon": ["run", "-w", workspace], "webserver": ["-h", HOST, "-p", str(port), "-w", workspace]}
    env = county_env(root)
    state = {"stopping": False}

    def stop(*_):
        state["stopping"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    procs = [subprocess.Popen(command(n, args[n]), env=env) for n in names]
    if "webserver" in names:
        print(f"县级 Dagster 界面：http://{HOST}:{port}   （按 Ctrl-C 停止）", flush=True)
    print(f"县级后台进程已启动（{root}）。", flush=True)
    code = 0
    try:
        while not state["stopping"]:
            for p in procs:
                if p.poll() is not None:
                    print(f"{p.args[6]} 已退出（代码 {p.returncode}）", file=sys.stderr)
                    code, state["stopping"] = p.returncode or 1, True
            time.sleep(0.5)
    finally:
        for p in procs:
            try:
                _stop_tree(psutil.Process(p.pid))
            except psutil.NoSuchProcess:
                pass
            p.wait()
        print("已停止县级 Dagster 进程。")
    return code


def cmd_daemon(args) -> int:
    return _serve(_root(args), ["daemon"], 0)


def cmd_ui(args) -> int:
    return _serve(_root(args), ["daemon", "webserver"], args.port)


# --- the parser ----------------------------------------------------------------------------------------------


def add_county_parser(sub) -> None:
    """`taizhang county …` under the main parser's subcommands (taizhang/cli.py calls this)."""
    county = sub.add_parser(
        "county", help="县级：多个镇的分区运行、指标湖与汇总（Dagster 守护进程 + Postgres）"
    )
    county.set_defaults(func=lambda a: county.print_help() or 2)
    csub = county.add_subparsers(dest="county_command")

    def add(name, func, help_text):
        p = csub.add_parser(name, help=help_text)
        p.add_argument("--root", help="县级目录（默认：$TAIZHANG_COUNTY_ROOT 或 ./data/county）")
        p.set_defaults(func=lambda a, f=func: guarded(f, a))
        return p

    p = add("init", cmd_init, "建立县级目录：county.toml、镇名册 towns.csv、dagster.yaml、workspace.yaml")
    p.add_argument("--towns", type=int, default=3, help="镇名册中的镇数（默认 3；已有名册时不改）")
    p.add_argument("--demo", action="store_true", help="为每个镇生成示范数据（种子和规模各不相同）")
    p.add_argument("--months", type=int, default=None, help="示范数据只保留 2023 年 1 月至该月")
    p.add_argument("--name", default=cty.DEFAULT_COUNTY, help="县（区）名称")
    p.add_argument("--city", default=cty.DEFAULT_CITY, help="市名称")
    p.add_argument(
        "--lake", default=cty.DEFAULT_LAKE, help="指标湖位置：县级目录下的文件夹、绝对路径或 s3://桶/前缀"
    )
    p.add_argument(
        "--min-coverage", type=float, default=cty.DEFAULT_MIN_COVERAGE, help="发布汇总所需的最低覆盖率（0–1）"
    )
    p.add_argument("--max-runs", type=int, default=DEFAULT_MAX_RUNS, help="全县同时运行的最多个数")
    p.add_argument("--force", action="store_true", help="重写已有的配置和镇名册")
    p = add("run", cmd_run, "通过后台进程排队运行各镇（一个镇一个月一次运行），再汇总")
    p.add_argument("--as-of", type=_date, required=True, help="截至日期 YYYY-MM-DD")
    p.add_argument("--town", action="append", help="只运行这个镇（可写多次；默认镇名册中的全部）")
    p = add("rollup", cmd_rollup, "从指标湖汇总某截至日期（说明覆盖镇数；低于最低覆盖率时拒绝发布）")
    p.add_argument("--as-of", type=_date, required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="只计算和显示，不发布")
    add("daemon", cmd_daemon, "县级 Dagster 后台进程（补数、运行排队、镇名册传感器）")
    p = add("ui", cmd_ui, "县级 Dagster 界面和后台进程（127.0.0.1）")
    p.add_argument("--port", type=int, default=3000)


def guarded(func, args) -> int:
    """Errors of the county layer are one plain line, exit 2."""
    try:
        return func(args)
    except cty.CountyError as err:
        print(err, file=sys.stderr)
        return 2
