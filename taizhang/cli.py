"""The `taizhang` command line: ingest, run, indicators, explain, export, demo, ui."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl.home import Home


def _home(args) -> Home:
    return Home.resolve(args.home).ensure()


def cmd_ingest(args) -> int:
    from etl.ingest import ingest_paths
    from etl.warehouse import WarehouseBusy, connect, load_reference

    home = _home(args)
    try:
        con = connect(home)
    except WarehouseBusy as busy:
        print(busy, file=sys.stderr)
        return 4
    try:
        load_reference(con)
        outcomes = ingest_paths([Path(p) for p in args.paths], home, con)
    finally:
        con.close()
    for o in outcomes:
        print(o.line())
    rejected = [o for o in outcomes if o.status == "rejected"]
    loaded = sum(o.rows_loaded for o in outcomes)
    quarantined = sum(o.rows_quarantined for o in outcomes)
    print(f"共 {len(outcomes)} 个文件：导入 {loaded} 行，隔离 {quarantined} 行，拒收 {len(rejected)} 个文件。")
    if rejected:
        print("被拒收的文件请按上面的原因修改后重新报送。", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="taizhang", description="台账 — 乡镇台账数据仓库与报表")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, func, help_text):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--home", help="home folder (default: $TAIZHANG_HOME or ./data)")
        p.set_defaults(func=func)
        return p

    p = add("ingest", cmd_ingest, "read ledger files or folders into the warehouse")
    p.add_argument("paths", nargs="+")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
