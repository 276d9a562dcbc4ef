"""The data-quality suites of the six staging tables, as readable code.

Each suite is a list of expectation specs: the GX 1.x expectation class name and its keyword arguments
(or `CUSTOM` with a pandas function where GX has no expectation), a severity and a Chinese description.
Expectations are grouped into Dagster asset checks (the module constants below); a group has one severity:

- ERROR (blocking): the figures built on the table would be wrong — a required column is missing, a key is
  empty or repeated (the record would be counted twice or lost), a category outside the canonical set (the
  record falls out of every breakdown), a negative count, more attendees than expected (a rate above 100%),
  a case marked resolved without a date (not counted as resolved). When one fails, the marts and reports
  downstream are not built in that run.
- WARN: the record is suspicious but the as-of window still handles it — a date outside the file's period
  or before 2000, dates in the wrong order, the same record twice in one file.

Importing this module does not import great_expectations (GX row conditions are built in `gx_kwargs`, which
only the runner calls, after it has imported GX).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from taizhang.etl import periods
from taizhang.etl.schema import LEDGER_KINDS, catalog, categories

from .outcome import CUSTOM, ERROR, WARN

# --- check names (Dagster asset checks on AssetKey(["staging", kind])) -----------------------------------
DISPUTES_COLUMNS = "disputes_columns"
DISPUTES_KEYS = "disputes_keys"
DISPUTES_CATEGORIES = "disputes_categories"
DISPUTES_VALUES = "disputes_values"
DISPUTES_PLAUSIBILITY = "disputes_plausibility"
DISPUTES_REPEATS = "disputes_repeats"

KEY_PROJECTS_COLUMNS = "key_projects_columns"
KEY_PROJECTS_KEYS = "key_projects_keys"
KEY_PROJECTS_CATEGORIES = "key_projects_categories"
KEY_PROJECTS_VALUES = "key_projects_values"
KEY_PROJECTS_PLAUSIBILITY = "key_projects_plausibility"
KEY_PROJECTS_REPEATS = "key_projects_repeats"

PETITIONS_COLUMNS = "petitions_columns"
PETITIONS_KEYS = "petitions_keys"
PETITIONS_CATEGORIES = "petitions_categories"
PETITIONS_VALUES = "petitions_values"
PETITIONS_PLAUSIBILITY = "petitions_plausibility"
PETITIONS_REPEATS = "petitions_repeats"

LEGAL_VISITS_COLUMNS = "legal_visits_columns"
LEGAL_VISITS_KEYS = "legal_visits_keys"
LEGAL_VISITS_CATEGORIES = "legal_visits_categories"
LEGAL_VISITS_VALUES = "legal_visits_values"
LEGAL_VISITS_PLAUSIBILITY = "legal_visits_plausibility"
LEGAL_VISITS_REPEATS = "legal_visits_repeats"

GRID_EVENTS_COLUMNS = "grid_events_columns"
GRID_EVENTS_KEYS = "grid_events_keys"
GRID_EVENTS_CATEGORIES = "grid_events_categories"
GRID_EVENTS_VALUES = "grid_events_values"
GRID_EVENTS_PLAUSIBILITY = "grid_events_plausibility"
GRID_EVENTS_REPEATS = "grid_events_repeats"

PARTY_ACTIVITIES_COLUMNS = "party_activities_columns"
PARTY_ACTIVITIES_KEYS = "party_activities_keys"
PARTY_ACTIVITIES_CATEGORIES = "party_activities_categories"
PARTY_ACTIVITIES_VALUES = "party_activities_values"
PARTY_ACTIVITIES_PLAUSIBILITY = "party_activities_plausibility"
PARTY_ACTIVITIES_REPEATS = "party_activities_repeats"

# what each kind of check group means (severity, Chinese description); the check name is f"{kind}_{group}"
GROUPS: dict[str, tuple[str, str]] = {
    "columns": (ERROR, "必需的列齐全"),
    "keys": (ERROR, "来源信息和记录编号完整，同一期间不重复"),
    "categories": (ERROR, "分类和编码都在规定范围内"),
    "values": (ERROR, "必填项已填，数量不为负，逻辑一致"),
    "plausibility": (WARN, "日期合理、在报送期内，先后顺序正确"),
    "repeats": (WARN, "同一文件中没有重复填报的记录"),
}

# --- canonical vocabularies: etl/ledgers.yaml is their one source ------------------------------------------
DISPUTE_TYPES = list(categories("dispute_type"))
DISPUTE_LEVELS = list(categories("dispute_level"))
DISPUTE_STATUSES = list(categories("dispute_status"))
PROJECT_STAGES = list(categories("project_stage"))
PROJECT_ZONES = list(categories("project_zone"))
PETITION_STATUSES = list(categories("petition_status"))
LEGAL_ROLES = list(categories("legal_role"))
GRID_EVENT_STATUSES = list(categories("grid_event_status"))
GRID_EVENT_TYPES = list(categories("grid_event_type"))
PARTY_ACTIVITY_TYPES = list(categories("party_activity_type"))

PLAUSIBLE_SINCE = dt.date(2000, 1, 1)  # a monthly ledger record dated earlier is most likely a typo (WARN)
PERIOD_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$"
LINEAGE_REQUIRED = ("file_sha256", "file_name", "sheet", "row_number", "period", "record_key")

_LINEAGE_LABELS = {
    "file_sha256": "文件",
    "file_name": "文件名",
    "sheet": "工作表",
    "row_number": "行号",
    "sender": "报送单位",
    "unit_id": "所属村居",
    "period": "报送月份",
    "record_key": "记录",
    "loaded_at": "导入时间",
}


@dataclass(frozen=True)
class Expect:
    """One expectation: a GX 1.x expectation class (or CUSTOM) with its arguments."""

    name: str
    check: str  # the asset check (group) — one of the constants above
    expectation: str  # e.g. "ExpectColumnValuesToBeInSet", or CUSTOM
    kwargs: Mapping[str, Any]
    severity: str
    description_zh: str
    hint_zh: str = ""
    when: tuple[str, Any] | None = None  # only rows where column == value (a GX row condition)
    column: str | None = None  # the column shown in failing-row samples (default: kwargs column)
    custom: Callable | None = field(default=None, compare=False)  # df -> boolean Series, True = fails

    @property
    def sample_column(self) -> str | None:
        if self.column:
            return self.column
        return self.kwargs.get("column") or self.kwargs.get("column_A")

    def columns_used(self) -> list[str]:
        k = self.kwargs
        cols = [
            k.get("column"),
            k.get("column_A"),
            k.get("column_B"),
            *k.get("column_list", ()),
            *k.get("columns", ()),
            self.when[0] if self.when else None,
        ]
        return [c for c in dict.fromkeys(cols) if c]

    def gx_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the GX expectation class. Call only once GX is imported (the runner)."""
        kw = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.kwargs.items() if k != "columns"}
        if self.when:
            from great_expectations.expectations.row_conditions import Column

            kw["row_condition"] = Column(self.when[0]) == self.when[1]
        return kw


@dataclass(frozen=True)
class Suite:
    kind: str
    expectations: tuple[Expect, ...]

    @property
    def table(self) -> str:
        return f"staging.{self.kind}"

    @property
    def checks(self) -> dict[str, tuple[str, str]]:
        """Asset check name → (severity, description), for the checks this suite uses, in order."""
        out: dict[str, tuple[str, str]] = {}
        for e in self.expectations:
            group = e.check[len(self.kind) + 1 :]
            out.setdefault(e.check, GROUPS[group])
        return out

    @property
    def columns(self) -> list[str]:
        """The columns a staging read must load for this suite (non-personal columns only)."""
        return required_columns(self.kind)

    @property
    def datetime_columns(self) -> list[str]:
        types = dict(catalog().ledgers[self.kind].columns())
        return [c for c, t in types.items() if t in ("DATE", "TIMESTAMP")]

    def label(self, column: str | None) -> str:
        return column_label(self.kind, column)

    def by_check(self, check: str) -> list[Expect]:
        return [e for e in self.expectations if e.check == check]


# --- building blocks -------------------------------------------------------------------------------------


def required_columns(kind: str) -> list[str]:
    """Every staging column of the ledger except personal data (masked names, tokens, scrubbed free text):
    the checks never need those, so they are neither required here nor read."""
    ledger = catalog().ledgers[kind]
    pii_text = {f.name for f in ledger.fields.values() if f.pii and f.type == "text"}
    return [
        c
        for c, _ in ledger.columns()
        if not c.endswith(("_masked", "_token")) and c not in pii_text and c != "loaded_at"
    ]


def column_label(kind: str, column: str | None) -> str:
    """The column as clerks know it: 受理日期, 纠纷类型, 事件编号 …"""
    if not column:
        return ""
    if column in _LINEAGE_LABELS:
        return _LINEAGE_LABELS[column]
    fields = catalog().ledgers[kind].fields
    for suffix in ("", "_raw", "_masked", "_token"):
        base = column[: -len(suffix)] if suffix and column.endswith(suffix) else column
        if base in fields:
            return fields[base].label
    by_type = {
        "grid_id": "grid",
        "grid_raw": "grid",
        "party_org_id": "party_org",
        "org_raw": "party_org",
        "unit_raw": "unit",
    }
    for f in fields.values():
        if f.type == by_type.get(column):
            return f.label
    return column


@lru_cache(maxsize=1)
def _ref_ids() -> dict[str, list[str]]:
    from taizhang.etl.reference import read_ref

    return {
        "units": sorted(r["unit_id"] for r in read_ref("units")),
        "grids": sorted(r["grid_id"] for r in read_ref("grids")),
        "party_orgs": sorted(r["party_org_id"] for r in read_ref("party_orgs")),
    }


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59))


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0))


def period_end(period: str) -> dt.date | None:
    """Last day of 'YYYY-MM' or 'YYYY'; None when the text is neither."""
    try:
        return periods.period_end(period)
    except (TypeError, ValueError, IndexError):
        return None


def after_period_end(column: str) -> Callable:
    """CUSTOM: the date is later than the last day of the file's own period (NA where either is empty)."""

    def check(df):
        import pandas as pd

        ends = {p: period_end(p) for p in df["period"].dropna().unique()}
        limit = df["period"].map(
            lambda p: pd.Timestamp(ends[p]) + pd.Timedelta(days=1) if ends.get(p) else pd.NaT
        )
        limit = pd.to_datetime(limit)
        values = pd.to_datetime(df[column], errors="coerce")
        bad = (values >= limit).astype("boolean")
        bad[values.isna() | limit.isna()] = pd.NA
        return bad

    return check


def lineage(kind: str, check: str) -> list[Expect]:
    """Where each row came from: never empty; the period is 'YYYY-MM' or 'YYYY'; one row per sheet row."""
    specs = [
        Expect(
            f"{kind}_{c}_not_null",
            check,
            "ExpectColumnValuesToNotBeNull",
            {"column": c},
            ERROR,
            f"来源信息“{_LINEAGE_LABELS[c]}”不能为空",
            "导入程序应为每一行记录来源，请联系系统管理员",
        )
        for c in LINEAGE_REQUIRED
    ]
    specs += [
        Expect(
            f"{kind}_period_format",
            check,
            "ExpectColumnValuesToMatchRegex",
            {"column": "period", "regex": PERIOD_PATTERN},
            ERROR,
            "报送月份应写成“2023-10”或“2023”",
            "请在标题或文件名中写明报送年月，如“2023年10月”",
        ),
        Expect(
            f"{kind}_row_unique_in_sheet",
            check,
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["file_sha256", "sheet", "row_number"]},
            ERROR,
            "同一工作表的同一行只能导入一次",
            "请联系系统管理员（导入程序重复写入）",
            column="row_number",
        ),
        Expect(
            f"{kind}_record_key_unique_in_sheet",
            check,
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["file_sha256", "sheet", "record_key"]},
            ERROR,
            "同一工作表中记录编号不能重复",
            "请联系系统管理员（记录编号生成有误）",
            column="record_key",
        ),
    ]
    return specs


def common(kind: str) -> list[Expect]:
    """What every staging table is checked for: its columns, its lineage, its unit, repeats in a file."""
    return [
        Expect(
            f"{kind}_required_columns",
            f"{kind}_columns",
            "ExpectTableColumnsToMatchSet",
            {"column_set": required_columns(kind), "exact_match": False},
            ERROR,
            "暂存表应包含台账定义（ledgers.yaml）的全部列",
            "请重新初始化数据仓库（表结构与定义不一致）",
        ),
        *lineage(kind, f"{kind}_keys"),
        Expect(
            f"{kind}_unit_known",
            f"{kind}_categories",
            "ExpectColumnValuesToBeInSet",
            {"column": "unit_id", "value_set": _ref_ids()["units"]},
            ERROR,
            "所属村居应是本镇17个村（社区）之一",
            "请填写村（社区）的正式名称",
        ),
        Expect(
            f"{kind}_record_once_per_file",
            f"{kind}_repeats",
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["file_sha256", "period", "record_key"]},
            WARN,
            "同一文件同一期间内，同一条记录出现在多个工作表中（可能重复填报）",
            "请删去重复的工作表或重复的行，只保留一份",
            column="record_key",
        ),
    ]


def dates(kind: str, column: str, earliest: dt.date, today: dt.date) -> list[Expect]:
    """A date no earlier than `earliest`, not in the future, and not after the end of the file's period."""
    label = column_label(kind, column)
    check = f"{kind}_plausibility"
    return [
        Expect(
            f"{kind}_{column}_in_range",
            check,
            "ExpectColumnValuesToBeBetween",
            {"column": column, "min_value": _start_of(earliest), "max_value": _end_of(today)},
            WARN,
            f"{label}应在{earliest.year}年1月1日至今天之间",
            f"请核对{label}的年份",
        ),
        Expect(
            f"{kind}_{column}_within_period",
            check,
            CUSTOM,
            {"column": column},
            WARN,
            f"{label}晚于报送月份的最后一天",
            f"请核对{label}，或把记录放到对应月份的台账中",
            custom=after_period_end(column),
        ),
    ]


def in_set(kind: str, column: str, values: list[str], required: bool = False) -> list[Expect]:
    label = column_label(kind, column)
    allowed = "、".join(values)
    check = f"{kind}_categories"
    specs = [
        Expect(
            f"{kind}_{column}_canonical",
            check,
            "ExpectColumnValuesToBeInSet",
            {"column": column, "value_set": list(values)},
            ERROR,
            f"{label}应为规定取值之一：{allowed}",
            f"请从以下选项中选择填写：{allowed}",
        )
    ]
    if required:
        specs.append(
            Expect(
                f"{kind}_{column}_not_null",
                check,
                "ExpectColumnValuesToNotBeNull",
                {"column": column},
                ERROR,
                f"{label}不能为空",
                f"请填写{label}",
            )
        )
    return specs


def not_null(kind: str, column: str, check: str | None = None) -> Expect:
    label = column_label(kind, column)
    return Expect(
        f"{kind}_{column}_not_null",
        check or f"{kind}_values",
        "ExpectColumnValuesToNotBeNull",
        {"column": column},
        ERROR,
        f"{label}不能为空",
        f"请填写{label}",
    )


def non_negative(kind: str, column: str) -> Expect:
    label = column_label(kind, column)
    return Expect(
        f"{kind}_{column}_non_negative",
        f"{kind}_values",
        "ExpectColumnValuesToBeBetween",
        {"column": column, "min_value": 0},
        ERROR,
        f"{label}不能为负数",
        f"请核对{label}，没有就填0",
    )


def not_before(kind: str, later: str, earlier: str) -> Expect:
    a, b = column_label(kind, later), column_label(kind, earlier)
    return Expect(
        f"{kind}_{later}_not_before_{earlier}",
        f"{kind}_plausibility",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": later,
            "column_B": earlier,
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        WARN,
        f"{a}早于{b}",
        f"请核对{b}和{a}",
    )


# --- the six suites ----------------------------------------------------------------------------------------


def disputes(today: dt.date) -> Suite:
    k = "disputes"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "received_date"),
            Expect(
                "disputes_resolved_has_date",
                DISPUTES_VALUES,
                "ExpectColumnValuesToNotBeNull",
                {"column": "resolved_date"},
                ERROR,
                "化解情况为已化解，但没有化解日期（不会计入化解数）",
                "请补填化解日期",
                when=("status", "resolved"),
            ),
            *in_set(k, "dispute_type", DISPUTE_TYPES),
            *in_set(k, "level", DISPUTE_LEVELS),
            *in_set(k, "status", DISPUTE_STATUSES, required=True),
            *dates(k, "received_date", PLAUSIBLE_SINCE, today),
            Expect(
                "disputes_resolved_date_within_period",
                DISPUTES_PLAUSIBILITY,
                CUSTOM,
                {"column": "resolved_date"},
                WARN,
                "化解日期晚于报送月份的最后一天",
                "请核对化解日期",
                custom=after_period_end("resolved_date"),
            ),
            not_before(k, "resolved_date", "received_date"),
        ),
    )


def key_projects(today: dt.date) -> Suite:
    k = "key_projects"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "project_name", KEY_PROJECTS_KEYS),
            Expect(
                "key_projects_project_once_per_period",
                KEY_PROJECTS_KEYS,
                "ExpectCompoundColumnsToBeUnique",
                {"column_list": ["sender", "period", "zone", "project_name"]},
                ERROR,
                "同一报送单位同一月份中，同一项目只能填一行（否则会重复计数）",
                "请合并重复的项目行",
                column="project_name",
            ),
            *in_set(k, "zone", PROJECT_ZONES, required=True),
            *in_set(k, "stage", PROJECT_STAGES, required=True),
            non_negative(k, "total_investment"),
            non_negative(k, "annual_plan"),
            non_negative(k, "completed_investment"),
            Expect(
                "key_projects_completed_within_total",
                KEY_PROJECTS_PLAUSIBILITY,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {
                    "column_A": "total_investment",
                    "column_B": "completed_investment",
                    "or_equal": True,
                    "ignore_row_if": "either_value_is_missing",
                },
                WARN,
                "累计完成投资超过总投资",
                "请核对金额和表头中的单位（万元/亿元）",
                column="completed_investment",
            ),
        ),
    )


def petitions(today: dt.date) -> Suite:
    k = "petitions"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "case_id", PETITIONS_KEYS),
            Expect(
                "petitions_case_once_per_period",
                PETITIONS_KEYS,
                "ExpectCompoundColumnsToBeUnique",
                {"column_list": ["sender", "period", "case_id"]},
                ERROR,
                "同一报送单位同一月份中，案件编号不能重复（否则会重复计数）",
                "请核对案件编号",
                column="case_id",
            ),
            *in_set(k, "status", PETITION_STATUSES, required=True),
            Expect(
                "petitions_resolved_has_date",
                PETITIONS_VALUES,
                "ExpectColumnValuesToNotBeNull",
                {"column": "resolved_date"},
                ERROR,
                "状态为已化解，但没有化解日期（不会计入化解数）",
                "请补填化解（销号）日期",
                when=("status", "resolved"),
            ),
            *dates(k, "first_visit_date", periods.EARLIEST, today),
            not_before(k, "resolved_date", "first_visit_date"),
        ),
    )


def legal_visits(today: dt.date) -> Suite:
    k = "legal_visits"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "visit_date"),
            *in_set(k, "role", LEGAL_ROLES, required=True),
            non_negative(k, "disputes_resolved"),
            non_negative(k, "consultations"),
            *dates(k, "visit_date", PLAUSIBLE_SINCE, today),
        ),
    )


def grid_events(today: dt.date) -> Suite:
    k = "grid_events"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "event_id", GRID_EVENTS_KEYS),
            Expect(
                "grid_events_event_once_per_period",
                GRID_EVENTS_KEYS,
                "ExpectCompoundColumnsToBeUnique",
                {"column_list": ["sender", "period", "event_id"]},
                ERROR,
                "同一月份中事件编号不能重复（否则会重复计数）",
                "请删去重复导出的事件",
                column="event_id",
            ),
            not_null(k, "reported_at"),
            *in_set(k, "event_type", GRID_EVENT_TYPES),
            *in_set(k, "status", GRID_EVENT_STATUSES, required=True),
            Expect(
                "grid_events_grid_known",
                GRID_EVENTS_CATEGORIES,
                "ExpectColumnValuesToBeInSet",
                {"column": "grid_id", "value_set": _ref_ids()["grids"]},
                ERROR,
                "所属网格应是东星社区33个网格之一",
                "请填写“第N网格”",
            ),
            *dates(k, "reported_at", PLAUSIBLE_SINCE, today),
            not_before(k, "closed_at", "reported_at"),
            not_before(k, "deadline", "reported_at"),
            Expect(
                "grid_events_closed_has_time",
                GRID_EVENTS_PLAUSIBILITY,
                "ExpectColumnValuesToNotBeNull",
                {"column": "closed_at"},
                WARN,
                "状态为已办结，但没有办结时间（不会计入办结数）",
                "请补填办结时间",
                when=("status", "已办结"),
            ),
        ),
    )


def party_activities(today: dt.date) -> Suite:
    k = "party_activities"
    return Suite(
        k,
        (
            *common(k),
            not_null(k, "party_org_id", PARTY_ACTIVITIES_CATEGORIES),
            Expect(
                "party_activities_org_known",
                PARTY_ACTIVITIES_CATEGORIES,
                "ExpectColumnValuesToBeInSet",
                {"column": "party_org_id", "value_set": _ref_ids()["party_orgs"]},
                ERROR,
                "党组织应是本镇22个党组织之一",
                "请填写党组织全称，如“林山村党支部”",
            ),
            *in_set(k, "activity_type", PARTY_ACTIVITY_TYPES, required=True),
            not_null(k, "activity_date"),
            non_negative(k, "expected"),
            non_negative(k, "attended"),
            Expect(
                "party_activities_attended_within_expected",
                PARTY_ACTIVITIES_VALUES,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {
                    "column_A": "expected",
                    "column_B": "attended",
                    "or_equal": True,
                    "ignore_row_if": "either_value_is_missing",
                },
                ERROR,
                "实到人数多于应到人数（参学率会超过100%）",
                "请核对应到、实到人数",
                column="attended",
            ),
            *dates(k, "activity_date", PLAUSIBLE_SINCE, today),
        ),
    )


BUILDERS: dict[str, Callable[[dt.date], Suite]] = {
    "disputes": disputes,
    "key_projects": key_projects,
    "petitions": petitions,
    "legal_visits": legal_visits,
    "grid_events": grid_events,
    "party_activities": party_activities,
}
assert tuple(BUILDERS) == LEDGER_KINDS


def suite(kind: str, today: dt.date | None = None) -> Suite:
    """The suite of one staging table; `today` bounds dates from above (default: the real today)."""
    return BUILDERS[kind](today or dt.date.today())


def all_suites(today: dt.date | None = None) -> dict[str, Suite]:
    return {kind: suite(kind, today) for kind in LEDGER_KINDS}


def check_names() -> dict[str, tuple[str, str]]:
    """Every staging asset check: name → (severity, description)."""
    out: dict[str, tuple[str, str]] = {}
    for s in all_suites().values():
        out.update(s.checks)
    return out
