"""The county layer, plain Python (no Dagster): the town registry, the county's settings, the lake on any
storage (a local folder or an object store, by URI, one code path), and the rollup per as-of date.

    <root>/county.toml          the county's settings: name, city, lake URI, minimum coverage
    <root>/towns.csv            the town registry: one row per town (adding a town is a data change)
    <root>/towns/<town>/        each town's home (inbox, warehouse.duckdb, archive): a persistent volume,
                                or rebuilt from its raw archive (`taizhang rebuild`)
    <lake>/headline_indicators/as_of=<D>/town=<town>/part.parquet   a town's headline indicators as of D
    <lake>/county_headline_indicators/as_of=<D>/part.parquet        the rollup of D (coverage stated)

The lake is written and read through fsspec (`fsspec.core.url_to_fs`): `lake = "lake"` (a folder under the
root), `lake = "/mnt/nas/lake"` or `lake = "s3://bucket/county"` take the same code path; S3-compatible
storage (MinIO, 阿里云 OSS) needs the `s3` extra (s3fs) and its credentials from the environment
(AWS_ACCESS_KEY_ID …, `AWS_ENDPOINT_URL` for a non-AWS endpoint). DuckDB writes each Parquet file to a local
temporary file, which is then put under a temporary name and moved into place, so a reader never sees half a
file. No personal data is in the lake: the headline indicators are counts and rates.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
import tomllib
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .privacy import KEY_ENV

CONFIG_NAME = "county.toml"
REGISTRY_NAME = "towns.csv"
REGISTRY_COLUMNS = ("town", "name", "county", "city", "demo_seed", "demo_scale")
LAKE_TABLE = "headline_indicators"
ROLLUP_TABLE = "county_headline_indicators"
NOT_ADDITIVE = frozenset({"grid_events_median_hours_to_close"})  # a median of medians is not a median
DEFAULT_COUNTY = "荔城区"
DEFAULT_CITY = "莆田市"
DEFAULT_LAKE = "lake"
DEFAULT_MIN_COVERAGE = 1.0  # every town of the registry, unless the county's settings say less
TOWN_KEY = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")  # a partition key, a folder name and a path part


class CountyError(RuntimeError):
    """The county cannot do what was asked; the message is plain Chinese for the user."""


class CoverageTooLow(CountyError):
    """Fewer towns reported for the as-of date than the county's minimum coverage: nothing is published."""


# --- the registry --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    key: str
    name: str
    county: str
    city: str
    demo_seed: int | None = None  # only for generated demo towns
    demo_scale: float | None = None


def read_registry(path: str | os.PathLike) -> list[Town]:
    """The towns of `towns.csv`, in file order. Every problem is a CountyError naming the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CountyError(f"找不到镇名册 {path}：请先运行 taizhang county init。") from None
    rows = list(csv.DictReader(text.splitlines()))
    towns: list[Town] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        key = (row.get("town") or "").strip()
        if not TOWN_KEY.match(key):
            raise CountyError(
                f"镇名册 {path} 第 {line} 行：镇代码 {key!r} 只能用小写字母、数字和下划线（如 town_01）。"
            )
        if key in seen:
            raise CountyError(f"镇名册 {path} 第 {line} 行：镇代码 {key} 重复。")
        seen.add(key)
        seed, scale = (row.get("demo_seed") or "").strip(), (row.get("demo_scale") or "").strip()
        try:
            towns.append(
                Town(
                    key=key,
                    name=(row.get("name") or key).strip(),
                    county=(row.get("county") or DEFAULT_COUNTY).strip(),
                    city=(row.get("city") or DEFAULT_CITY).strip(),
                    demo_seed=int(seed) if seed else None,
                    demo_scale=float(scale) if scale else None,
                )
            )
        except ValueError:
            raise CountyError(
                f"镇名册 {path} 第 {line} 行：demo_seed 应为整数、demo_scale 应为小数。"
            ) from None
    if not towns:
        raise CountyError(f"镇名册 {path} 中没有镇：每行一个镇（town,name,county,city）。")
    return towns


def write_registry(path: str | os.PathLike, towns: list[Town]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(REGISTRY_COLUMNS)
        for t in towns:
            out.writerow([t.key, t.name, t.county, t.city, t.demo_seed or "", t.demo_scale or ""])


# --- the county's settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class County:
    """A county root: its settings (county.toml) and where its towns and its lake are."""

    root: Path
    name: str = DEFAULT_COUNTY
    city: str = DEFAULT_CITY
    lake_uri: str = DEFAULT_LAKE
    min_coverage: float = DEFAULT_MIN_COVERAGE
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def open(cls, root: str | os.PathLike) -> County:
        root = Path(root).expanduser().resolve()
        path = root / CONFIG_NAME
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CountyError(
                f"{root} 不是县级目录（缺少 {CONFIG_NAME}）：请先运行 taizhang county init。"
            ) from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise CountyError(f"县级配置 {path} 无法读取（{err}）：请按 TOML 格式改正。") from None
        coverage = data.get("min_coverage", DEFAULT_MIN_COVERAGE)
        if not isinstance(coverage, int | float) or not 0 < coverage <= 1:
            raise CountyError(
                f"县级配置 {path}：min_coverage 应为 0 到 1 之间的小数，如 0.8（现为 {coverage!r}）。"
            )
        return cls(
            root=root,
            name=str(data.get("name", DEFAULT_COUNTY)),
            city=str(data.get("city", DEFAULT_CITY)),
            lake_uri=str(data.get("lake", DEFAULT_LAKE)),
            min_coverage=float(coverage),
            extra=data,
        )

    @property
    def registry_path(self) -> Path:
        return self.root / REGISTRY_NAME

    def towns(self) -> list[Town]:
        return read_registry(self.registry_path)

    def town_root(self, key: str) -> Path:
        return self.root / "towns" / key

    @property
    def lake(self) -> Store:
        """The lake's storage: a URI (s3://…) as given, a relative path under the county root."""
        uri = self.lake_uri
        if not has_scheme(uri) and not Path(uri).is_absolute():
            uri = str(self.root / uri)
        return Store(uri)


def write_config(root: Path, name: str, city: str, lake: str, min_coverage: float) -> Path:
    path = root / CONFIG_NAME
    text = (
        "# 县级台账设置（可直接编辑）\n"
        "# name / city: 县（区）和市的名称；lake: 指标湖的位置（县级目录下的文件夹、绝对路径或 s3://桶/前缀）；\n"
        "# min_coverage: 某截至日期报来的镇占镇名册的比例低于此值时，汇总拒绝发布（1.0 = 全部镇）。\n"
        f"name = {_toml(name)}\ncity = {_toml(city)}\nlake = {_toml(lake)}\nmin_coverage = {min_coverage}\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- dates and the key ---------------------------------------------------------------------------------------


def month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def as_of_for(month_start: dt.date, override: str | dt.date | None = None) -> dt.date:
    """The reporting date of a monthly partition: its last day, or `override` (a day of that month)."""
    if override in (None, ""):
        return month_end(month_start)
    day = override if isinstance(override, dt.date) else dt.date.fromisoformat(str(override))
    if (day.year, day.month) != (month_start.year, month_start.month):
        raise CountyError(f"截至日期 {day} 不在分区月份 {month_start:%Y-%m} 内。")
    return day


def require_key() -> None:
    """A county run tokenises personal data with one county key, from a secret, never a per-machine file."""
    if not (os.environ.get(KEY_ENV) or "").strip():
        raise CountyError(
            f"县级运行需要个人信息加密密钥：请设置环境变量 {KEY_ENV}（例如来自 Kubernetes Secret 或服务器的"
            "密钥文件）。各镇必须使用同一个密钥，否则同一个人在不同镇的标记对不上；不会自动生成。"
        )


# --- storage by URI ------------------------------------------------------------------------------------------


def has_scheme(uri: str) -> bool:
    """'s3://b/p' → True; 'C:\\data' and '/data' → False (a Windows drive letter is not a scheme)."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+://", uri))


class Store:
    """Files under one URI, through fsspec: a local folder and an object store take the same calls."""

    def __init__(self, uri: str):
        from fsspec.core import url_to_fs

        self.uri = uri.rstrip("/\\") if len(uri) > 1 else uri
        try:
            self.fs, self.base = url_to_fs(self.uri)
        except ImportError as err:
            raise CountyError(
                f"存储位置 {uri} 需要额外的组件（{err}）：对象存储请安装 taizhang[s3]（s3fs）。"
            ) from None
        self.base = self.base.replace("\\", "/").rstrip("/")
        self.local = self.fs.protocol in ("file", "local") or "file" in tuple(self.fs.protocol)

    def path(self, *parts: str) -> str:
        return "/".join([self.base, *parts])

    def url(self, *parts: str) -> str:
        return self.fs.unstrip_protocol(self.path(*parts)) if not self.local else self.path(*parts)

    def put(self, local: Path, *parts: str) -> str:
        """Upload a local file to parts, atomically: under a temporary name first, then moved into place."""
        final = self.path(*parts)
        parent = final.rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        tmp = f"{parent}/.tmp-{uuid.uuid4().hex}"
        self.fs.put_file(str(local), tmp)
        try:
            if self.local and os.path.exists(final):
                os.replace(tmp, final)  # fsspec's local mv does not overwrite on Windows
            else:
                self.fs.mv(tmp, final)
        except BaseException:
            self.fs.rm(tmp)
            raise
        return final

    def glob(self, *parts: str) -> list[str]:
        return sorted(p.replace("\\", "/") for p in self.fs.glob(self.path(*parts)))

    def get(self, remote: str, local: Path) -> Path:
        self.fs.get_file(remote, str(local))
        return local

    def exists(self, *parts: str) -> bool:
        return self.fs.exists(self.path(*parts))

    def remove_prefix(self, *parts: str) -> None:
        if self.fs.exists(self.path(*parts)):
            self.fs.rm(self.path(*parts), recursive=True)


def lake_parts(as_of: dt.date, town: str) -> tuple[str, ...]:
    return (LAKE_TABLE, f"as_of={as_of.isoformat()}", f"town={town}", "part.parquet")


def rollup_parts(as_of: dt.date) -> tuple[str, ...]:
    return (ROLLUP_TABLE, f"as_of={as_of.isoformat()}", "part.parquet")


def _sql_text(value: str | os.PathLike) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def export_headline(con, as_of: dt.date, store: Store, town: str) -> int:
    """Write the town's marts.headline_indicators of as_of, with its town key, to the lake. Returns the rows."""
    with tempfile.TemporaryDirectory(prefix="taizhang-lake-") as tmp:
        local = Path(tmp) / "part.parquet"
        con.execute(
            f"""COPY (SELECT {_sql_text(town)} AS town, * FROM marts.headline_indicators
                      WHERE as_of = ? ORDER BY scope_kind, scope, indicator)
                TO {_sql_text(local)} (FORMAT parquet)""",
            [as_of],
        )
        rows = con.execute(f"SELECT count(*) FROM read_parquet({_sql_text(local)})").fetchone()[0]
        store.put(local, *lake_parts(as_of, town))
    return rows


def lake_towns(store: Store, as_of: dt.date) -> list[str]:
    """The towns with figures in the lake for as_of."""
    found = store.glob(LAKE_TABLE, f"as_of={as_of.isoformat()}", "town=*", "part.parquet")
    return sorted(p.rsplit("/", 2)[-2].split("=", 1)[1] for p in found)


def lake_dates(store: Store) -> list[dt.date]:
    found = store.glob(LAKE_TABLE, "as_of=*")
    return sorted({dt.date.fromisoformat(p.rsplit("/", 1)[-1].split("=", 1)[1]) for p in found})


# --- the rollup ----------------------------------------------------------------------------------------------


@dataclass
class Rollup:
    as_of: dt.date
    towns_expected: list[str]
    towns_covered: list[str]
    min_coverage: float
    rows: list[dict] = field(default_factory=list)
    target: str | None = None  # where it was published (None: refused)

    @property
    def missing(self) -> list[str]:
        return [t for t in self.towns_expected if t not in self.towns_covered]

    @property
    def coverage(self) -> float:
        return len(self.towns_covered) / len(self.towns_expected) if self.towns_expected else 0.0

    def coverage_text(self) -> str:
        return (
            f"覆盖 {len(self.towns_covered)}/{len(self.towns_expected)} 个镇（{100 * self.coverage:.0f}%，"
            f"最低要求 {100 * self.min_coverage:.0f}%）"
        )


def rollup_sql() -> str:
    text = resources.files("taizhang.etl").joinpath("sql", "county", "rollup.sql").read_text(encoding="utf-8")
    return text


def rollup(county: County, as_of: dt.date, publish: bool = True) -> Rollup:
    """Roll the lake's town figures of as_of up to the county and the city. Refuses (CoverageTooLow, nothing
    written) when fewer towns reported than the county's minimum coverage."""
    import duckdb

    from .marts import rate

    towns = county.towns()
    store = county.lake
    present = set(lake_towns(store, as_of))
    expected = [t.key for t in towns]
    result = Rollup(as_of, expected, [t for t in expected if t in present], county.min_coverage)
    if not result.towns_covered or result.coverage + 1e-9 < county.min_coverage:
        raise CoverageTooLow(
            f"截至 {as_of} 的汇总未发布：{result.coverage_text()}；"
            f"未报来的镇：{'、'.join(result.missing) or '无'}。请先运行这些镇（taizhang county run）。"
        )
    with tempfile.TemporaryDirectory(prefix="taizhang-rollup-") as tmp:
        files = []
        for key in result.towns_covered:
            local = Path(tmp) / f"{key}.parquet"
            store.get(store.path(*lake_parts(as_of, key)), local)
            files.append(str(local))
        con = duckdb.connect()
        try:
            con.execute(f"CREATE TEMP MACRO pct(num, den) AS {rate('num', 'den')}")
            con.execute("SET VARIABLE as_of = ?::DATE", [as_of])
            con.execute(
                "CREATE TEMP TABLE towns_ref(town VARCHAR, county VARCHAR, city VARCHAR, name VARCHAR)"
            )
            con.executemany(
                "INSERT INTO towns_ref VALUES (?, ?, ?, ?)",
                [(t.key, t.county, t.city, t.name) for t in towns],
            )
            con.execute("CREATE TEMP TABLE not_additive(indicator VARCHAR)")
            con.executemany("INSERT INTO not_additive VALUES (?)", [(i,) for i in sorted(NOT_ADDITIVE)])
            listing = ", ".join(_sql_text(f) for f in files)
            con.execute(
                f"CREATE TEMP VIEW lake_rows AS SELECT * FROM read_parquet([{listing}], union_by_name = true)"
            )
            con.execute(f"CREATE TEMP TABLE {ROLLUP_TABLE} AS {rollup_sql()}")
            cursor = con.execute(f"SELECT * FROM {ROLLUP_TABLE}")
            names = [d[0] for d in cursor.description]
            result.rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            if publish:
                local = Path(tmp) / "rollup.parquet"
                con.execute(f"COPY {ROLLUP_TABLE} TO {_sql_text(local)} (FORMAT parquet)")
                store.put(local, *rollup_parts(as_of))
                result.target = store.url(*rollup_parts(as_of))
        finally:
            con.close()
    return result


def read_rollup(county: County, as_of: dt.date) -> list[dict]:
    """The published rollup of as_of (empty when none)."""
    import duckdb

    store = county.lake
    if not store.exists(*rollup_parts(as_of)):
        return []
    with tempfile.TemporaryDirectory(prefix="taizhang-rollup-") as tmp:
        local = store.get(store.path(*rollup_parts(as_of)), Path(tmp) / "part.parquet")
        con = duckdb.connect()
        try:
            cursor = con.execute(f"SELECT * FROM read_parquet({_sql_text(local)})")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        finally:
            con.close()
