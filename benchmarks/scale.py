"""A scaled data set: a county of demo towns, each with its own inbox, generated once and cached.

    <out>/towns/town_NN/inbox/        the town's ledger files (demo.generator.generate, seed = base + NN - 1)
    <out>/towns/town_NN/manifest.json the generator's manifest (expected figures, file list)
    <out>/towns/town_NN/.generated    what was generated (seed, units, months, generator fingerprint)

Scale is towns × units × months: every town is the demo town (17 units and a few town offices, 2023-01 …
2023-11, ~441 files, ~24k rows); `units` keeps the files of the first N reporting units (town offices'
files are always kept) and `months` the files of periods 2023-01 … 2023-MM. A town is regenerated only when
its seed, filters or the generator's source change, so repeated benchmark runs reuse the files.

    python -m benchmarks.scale [--towns 20] [--out benchmarks/out/county] [--units 17] [--months 11]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "county"
DEFAULT_TOWNS = 20
BASE_SEED = 2023
ALL_MONTHS = 11  # the demo writes 2023-01 … 2023-11


def town_key(index: int) -> str:
    """1 → 'town_01' (the county's partition keys)."""
    return f"town_{index:02d}"


@dataclass(frozen=True)
class TownSpec:
    key: str
    seed: int
    units: int | None = None  # None: every unit
    months: int | None = None  # None: every month

    def stamp(self) -> dict:
        return {
            "key": self.key,
            "seed": self.seed,
            "units": self.units,
            "months": self.months,
            "generator": generator_fingerprint(),
        }


def generator_fingerprint() -> str:
    """Changes when the demo generator's source changes (so cached files are regenerated)."""
    import taizhang.demo.files
    import taizhang.demo.generator

    digest = hashlib.sha256()
    for module in (taizhang.demo.generator, taizhang.demo.files):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def town_dir(out: Path, key: str) -> Path:
    return Path(out) / "towns" / key


def _keep(entry: dict, spec: TownSpec, unit_order: list[str]) -> bool:
    period = entry.get("period") or ""
    if (
        spec.months is not None
        and period[:4] == "2023"
        and len(period) == 7
        and int(period[5:7]) > spec.months
    ):
        return False
    if spec.units is not None and entry.get("unit_id") and entry["unit_id"] not in unit_order[: spec.units]:
        return False
    return True


def generate_town(out: Path, spec: TownSpec) -> Path:
    """The town's inbox, generated unless the cached one was made from the same spec."""
    folder = town_dir(out, spec.key)
    marker = folder / ".generated"
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == spec.stamp():
        return folder / "inbox"
    from taizhang.demo.generator import generate

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    generate(folder / "inbox", folder / "manifest.json", spec.seed)
    if spec.units is not None or spec.months is not None:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        unit_order = list(dict.fromkeys(e["unit_id"] for e in manifest["file_list"] if e.get("unit_id")))
        for entry in manifest["file_list"]:
            if not _keep(entry, spec, unit_order):
                (folder / "inbox" / entry["name"]).unlink(missing_ok=True)
    marker.write_text(json.dumps(spec.stamp()), encoding="utf-8")
    return folder / "inbox"


def county(
    out: Path = DEFAULT_OUT,
    towns: int = DEFAULT_TOWNS,
    units: int | None = None,
    months: int | None = None,
    base_seed: int = BASE_SEED,
    workers: int | None = None,
) -> dict[str, Path]:
    """town key → inbox for a county of `towns` demo towns (cached; missing towns generated in parallel)."""
    out = Path(out)
    specs = [TownSpec(town_key(i), base_seed + i - 1, units, months) for i in range(1, towns + 1)]
    workers = workers or max(1, min(len(specs), os.cpu_count() or 1))
    if workers > 1 and len(specs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            inboxes = list(pool.map(generate_town, [out] * len(specs), specs))
    else:
        inboxes = [generate_town(out, s) for s in specs]
    return {s.key: inbox for s, inbox in zip(specs, inboxes, strict=True)}


def files_of(inbox: Path) -> list[Path]:
    """The inbox's files in ingest order (etl.ingest.discover)."""
    from taizhang.etl.discover import discover

    return discover([Path(inbox)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate (or reuse) a county of demo towns.")
    parser.add_argument("--towns", type=int, default=DEFAULT_TOWNS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--months", type=int, default=None)
    parser.add_argument("--base-seed", type=int, default=BASE_SEED)
    args = parser.parse_args(argv)
    inboxes = county(args.out, args.towns, args.units, args.months, args.base_seed)
    total = sum(len(files_of(p)) for p in inboxes.values())
    print(f"{len(inboxes)} towns, {total} files under {args.out / 'towns'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
