"""Where a Taizhang installation keeps its files: the home folder, what lives in it, and its small config file."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "taizhang.toml"
WORD_TEMPLATE = "工作情况汇报.docx"  # an office's own template of the Word 工作总结, in <home>/templates/
EXIT_UNUSABLE = 5  # the home folder or its warehouse cannot be used (see HomeError)


class HomeError(RuntimeError):
    """The home folder or its warehouse cannot be used; the message is plain Chinese for the user, and the
    command line exits with `exit_code` instead of a traceback."""

    exit_code = EXIT_UNUSABLE


@dataclass(frozen=True)
class Home:
    """The home folder: inbox, warehouse, raw archive, reports, the Dagster instance and the home's config."""

    root: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> Home:
        """`--home DIR`, else `TAIZHANG_HOME`, else `./data`."""
        chosen = home or os.environ.get("TAIZHANG_HOME") or "data"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def archive(self) -> Path:
        """Every file ever read, content-addressed: archive/<sha256><suffix> (written by the ingest)."""
        return self.root / "archive"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    @property
    def mappings(self) -> Path:
        """The analyst's answers for held files and confirmed layouts (etl/decisions.py)."""
        return self.root / "mappings"

    @property
    def state(self) -> Path:
        """Bookkeeping of the command line (the record of the last successful run, locks)."""
        return self.root / "state"

    @property
    def word_template(self) -> Path:
        """The office's own 工作总结 template (used when present; reports/word_report.py)."""
        return self.root / "templates" / WORD_TEMPLATE

    @property
    def key_file(self) -> Path:
        return self.root / "secret.key"

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    def ensure(self) -> Home:
        if self.root.exists() and not self.root.is_dir():
            raise HomeError(
                f"数据目录 {self.root} 是一个文件，不是文件夹：请用 --home 指定一个文件夹（不存在时会自动创建）。"
            )
        try:
            for folder in (self.root, self.inbox, self.reports, self.dagster_home):
                folder.mkdir(parents=True, exist_ok=True)
        except PermissionError:
            raise HomeError(
                f"没有权限在 {self.root} 中创建文件夹：请换一个可写的数据目录（--home），"
                "或请管理员开放写入权限。"
            ) from None
        except OSError as err:  # a read-only disk, a path through a file, …
            raise HomeError(
                f"无法使用数据目录 {self.root}（{err.strerror or err}）：请换一个可写的文件夹（--home）。"
            ) from None
        return self

    # --- the home's config: taizhang.toml ---------------------------------------------------------------

    def config(self) -> HomeConfig:
        return HomeConfig.read(self.config_file)

    def pin_reporting_date(self, as_of: dt.date) -> None:
        """Write `as_of = YYYY-MM-DD` into taizhang.toml (keeping any other line): runs from the command line,
        the UI, the schedules and the sensor then all report as of that date."""
        path = self.config_file
        lines = (
            path.read_text(encoding="utf-8").splitlines()
            if path.exists()
            else [
                "# Taizhang home settings (edit freely).",
                "# as_of: the reporting date (截至日期) every run of this home uses unless told otherwise.",
            ]
        )
        lines = [line for line in lines if not line.replace(" ", "").startswith("as_of=")]
        lines.append(f"as_of = {as_of.isoformat()}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class HomeConfig:
    """What <home>/taizhang.toml says. Today one setting: the pinned reporting date."""

    as_of: dt.date | None = None

    @classmethod
    def read(cls, path: Path) -> HomeConfig:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise HomeError(
                f"配置文件 {path} 无法读取（{err}）：请按 TOML 格式改正，例如一行 as_of = 2023-11-03。"
            ) from None
        value = data.get("as_of")
        if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(as_of=value)
        if isinstance(value, str):
            try:
                return cls(as_of=dt.date.fromisoformat(value))
            except ValueError:
                pass
        raise HomeError(f"配置文件 {path} 中的 as_of 应为日期，例如 as_of = 2023-11-03（现在是 {value!r}）。")
