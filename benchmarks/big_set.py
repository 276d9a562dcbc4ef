"""The large file set of issue 15: one 100,000-row grid-platform export (xlsx) and 40 village dispute ledgers
of 1,500 rows each (160,000 rows), written once into a folder and reused.

    python -m benchmarks.big_set OUT_DIR [--rows 100000] [--ledgers 40] [--ledger-rows 1500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import xlsxwriter
from taizhang.etl.reference import read_ref

GRID_HEAD = [
    "事件编号",
    "所属网格",
    "事件类型",
    "上报时间",
    "处理时限",
    "办结时间",
    "状态",
    "事件描述",
    "上报人",
]
DISPUTE_HEAD = [
    "序号",
    "受理日期",
    "纠纷类型",
    "当事人",
    "联系电话",
    "简要案情",
    "化解责任人",
    "化解层级",
    "化解情况",
    "化解日期",
    "备注",
]
TYPES = ["服务群众", "治安防控", "公共安全", "生态环境", "维护稳定"]
STATUSES = ["已办结", "已办结", "已办结", "办理中", "已分流", "受理"]
DISPUTES = ["邻里纠纷", "婚姻家庭", "土地承包", "山林权属", "征地拆迁", "劳资纠纷", "合同纠纷"]
SURNAMES = "陈林黄郑李吴王张刘方蔡许朱周徐翁余卓宋彭"
GIVEN = "建华秀英国强志明美玲金水文荣丽清德福春梅俊伟海燕桂兰"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def write_grid_export(path: Path, rows: int, seed: int = 15) -> Path:
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("事件列表")
    moment = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws.write_row(0, 0, GRID_HEAD)
    start = dt.datetime(2023, 10, 1)
    for i in range(1, rows + 1):
        reported = start + dt.timedelta(seconds=rng.randrange(30 * 86400))
        status = rng.choice(STATUSES)
        ws.write_string(i, 0, f"DX{reported:%Y%m%d}{i:06d}")
        ws.write_string(i, 1, f"东星第{rng.randint(1, 33)}网格")
        ws.write_string(i, 2, rng.choice(TYPES))
        ws.write_datetime(i, 3, reported, moment)
        ws.write_datetime(i, 4, reported + dt.timedelta(days=3), moment)
        if status == "已办结":
            ws.write_datetime(i, 5, reported + dt.timedelta(hours=rng.randint(1, 120)), moment)
        ws.write_string(i, 6, status)
        ws.write_string(i, 7, f"网格员巡查发现问题{i % 97}")
        ws.write_string(i, 8, _name(rng))
    wb.close()
    return path


def write_dispute_ledger(path: Path, unit: str, month: int, rows: int, seed: int) -> Path:
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet("Sheet1")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write(0, 0, f"西天尾镇{unit}2023年{month}月矛盾纠纷排查化解台账")
    ws.write_row(1, 0, DISPUTE_HEAD)
    for i in range(1, rows + 1):
        received = dt.datetime(2023, month, rng.randint(1, 28))
        resolved = rng.random() < 0.8
        r = i + 1
        ws.write_number(r, 0, i)
        ws.write_datetime(r, 1, received, day)
        ws.write_string(r, 2, rng.choice(DISPUTES))
        ws.write_string(r, 3, _name(rng) + "、" + _name(rng))
        ws.write_string(r, 4, f"139{rng.randrange(10**8):08d}")
        ws.write_string(r, 5, f"第{i}件纠纷的简要案情")
        ws.write_string(r, 6, _name(rng))
        ws.write_string(r, 7, rng.choice(["村", "村", "片区调解室", "镇"]))
        ws.write_string(r, 8, "已化解" if resolved else "化解中")
        if resolved:
            ws.write_datetime(r, 9, received + dt.timedelta(days=rng.randint(0, 2)), day)
    wb.close()
    return path


def write_big_set(out: Path, rows: int = 100_000, ledgers: int = 40, ledger_rows: int = 1_500) -> Path:
    """The set in `out` (written once; an existing complete set is kept)."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / f".complete-{rows}-{ledgers}-{ledger_rows}"
    if stamp.exists():
        return out
    write_grid_export(out / "东星社区全市一张图事件列表2023年10月.xlsx", rows)
    units = [u["name"] for u in read_ref("units")]
    for k in range(ledgers):
        unit, month = units[k % len(units)], 8 + k // len(units)
        write_dispute_ledger(
            out / f"{unit}2023年{month}月矛盾纠纷台账.xlsx", unit, month, ledger_rows, seed=k
        )
    stamp.touch()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the large benchmark file set (issue 15).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ledgers", type=int, default=40)
    parser.add_argument("--ledger-rows", type=int, default=1_500)
    args = parser.parse_args(argv)
    write_big_set(args.out, args.rows, args.ledgers, args.ledger_rows)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
