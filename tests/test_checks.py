"""Data-quality checks: every staging expectation on small frames that pass and fail, the runner under
threads, lazy GX import, the mart rules on a tiny DuckDB, the offline data docs, and blocking in Dagster."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from taizhang.checks import marts_rules, suites
from taizhang.checks.data_docs import build_data_docs, load_outcomes, record_outcomes
from taizhang.checks.runner import CUSTOM, ERROR, SAMPLE_LINEAGE, WARN, CheckOutcome, validate
from taizhang.etl.schema import LEDGER_KINDS, catalog

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2024, 1, 1)
D = dt.date
T = dt.datetime


@pytest.fixture(scope="session")
def gx():
    """Great Expectations, imported once per session (it takes seconds)."""
    import great_expectations

    return great_expectations


# --- building staging frames -------------------------------------------------------------------------------

BASE_ROWS = (
    4,
    5,
    6,
    7,
)  # clean rows; duplicate cases pair with 4 (row), 5 (key), 6 (key in another sheet), 7

BASE = {
    "disputes": dict(
        sender="林山村",
        unit_id="linshan",
        unit_raw="林山村",
        received_date=D(2023, 10, 2),
        dispute_type="邻里纠纷",
        dispute_type_raw="邻里",
        level="村/社区",
        level_raw="村",
        status="resolved",
        status_raw="已化解",
        resolved_date=D(2023, 10, 5),
    ),
    "key_projects": dict(
        sender="镇项目办",
        unit_id=None,
        zone="镇",
        zone_raw="镇",
        stage="在建",
        stage_raw="续建",
        total_investment=1000.0,
        annual_plan=300.0,
        completed_investment=200.0,
    ),
    "petitions": dict(
        sender="镇综治中心",
        unit_id="linshan",
        status="resolved",
        status_raw="已化解",
        resolved_date=D(2023, 6, 1),
        first_visit_date=D(2019, 3, 1),
        pledge_signed=True,
    ),
    "legal_visits": dict(
        sender="林山村",
        unit_id="linshan",
        visit_date=D(2023, 10, 10),
        role="律师",
        role_raw="律师",
        disputes_resolved=1,
        consultations=2,
    ),
    "grid_events": dict(
        sender="东星社区",
        unit_id="dongxing",
        grid_id="G01",
        grid_raw="第1网格",
        event_type="服务群众",
        event_type_raw="民生服务",
        reported_at=T(2023, 10, 5, 9),
        deadline=T(2023, 10, 8, 9),
        closed_at=T(2023, 10, 6, 10),
        status="已办结",
        status_raw="办结",
    ),
    "party_activities": dict(
        sender="林山村",
        unit_id="linshan",
        party_org_id="P17",
        org_raw="林山村党支部",
        activity_type="主题党日",
        activity_type_raw="主题党日",
        activity_date=D(2023, 10, 10),
        expected=30,
        attended=25,
    ),
}
PER_ROW = {  # fields that identify a record, varied per row
    "key_projects": lambda r: {"project_name": f"项目{r}"},
    "petitions": lambda r: {"case_id": f"XF{r}"},
    "grid_events": lambda r: {"event_id": f"E{r}"},
}


def row(kind: str, r: int, **changes) -> dict:
    out = dict(
        file_sha256="f1",
        file_name="林山村2023年10月台账.xlsx",
        sheet="Sheet1",
        row_number=r,
        period="2023-10",
        record_key=f"k{r}",
        seq=r,
        **BASE[kind],
    )
    out.update(PER_ROW.get(kind, lambda r: {})(r))
    out.update(changes)
    return out


def frame(kind: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[c for c, _ in catalog().ledgers[kind].columns()])


# (changes, {expectation name (without the '<kind>_' prefix): failing rows})
LINEAGE_CASES = [
    ({"file_sha256": None}, {"file_sha256_not_null": 1}),
    ({"file_name": None}, {"file_name_not_null": 1}),
    ({"sheet": None}, {"sheet_not_null": 1}),
    ({"row_number": None}, {"row_number_not_null": 1}),
    ({"period": None}, {"period_not_null": 1}),
    ({"period": "2023-13"}, {"period_format": 1}),
    ({"record_key": None}, {"record_key_not_null": 1}),
    ({"row_number": 4}, {"row_unique_in_sheet": 2}),
    ({"record_key": "k5"}, {"record_key_unique_in_sheet": 2, "record_once_per_file": 2}),
    ({"record_key": "k6", "sheet": "Sheet2"}, {"record_once_per_file": 2}),
    ({"unit_id": "nowhere"}, {"unit_known": 1}),
]
CASES = {
    "disputes": [
        ({"received_date": None}, {"received_date_not_null": 1}),
        ({"resolved_date": None}, {"resolved_has_date": 1}),
        ({"dispute_type": "劳资"}, {"dispute_type_canonical": 1}),
        ({"level": "村委"}, {"level_canonical": 1}),
        ({"status": "closed"}, {"status_canonical": 1}),
        ({"status": None}, {"status_not_null": 1}),
        ({"received_date": D(1999, 5, 1)}, {"received_date_in_range": 1}),
        (
            {"received_date": D(2023, 11, 20), "status": "open", "resolved_date": None},
            {"received_date_within_period": 1},
        ),
        ({"resolved_date": D(2023, 12, 1)}, {"resolved_date_within_period": 1}),
        ({"resolved_date": D(2023, 10, 1)}, {"resolved_date_not_before_received_date": 1}),
    ],
    "key_projects": [
        ({"project_name": None}, {"project_name_not_null": 1}),
        ({"project_name": "项目7"}, {"project_once_per_period": 2}),
        ({"zone": "县"}, {"zone_canonical": 1}),
        ({"zone": None}, {"zone_not_null": 1}),
        ({"stage": "完工"}, {"stage_canonical": 1}),
        ({"stage": None}, {"stage_not_null": 1}),
        ({"total_investment": -1.0, "completed_investment": None}, {"total_investment_non_negative": 1}),
        ({"annual_plan": -5.0}, {"annual_plan_non_negative": 1}),
        ({"completed_investment": -5.0}, {"completed_investment_non_negative": 1}),
        ({"completed_investment": 2000.0}, {"completed_within_total": 1}),
    ],
    "petitions": [
        ({"case_id": None}, {"case_id_not_null": 1}),
        ({"case_id": "XF7"}, {"case_once_per_period": 2}),
        ({"status": "pending"}, {"status_canonical": 1}),
        ({"status": None}, {"status_not_null": 1}),
        ({"resolved_date": None}, {"resolved_has_date": 1}),
        ({"first_visit_date": D(1985, 1, 1)}, {"first_visit_date_in_range": 1}),
        (
            {"first_visit_date": D(2023, 11, 15), "status": "open", "resolved_date": None},
            {"first_visit_date_within_period": 1},
        ),
        ({"resolved_date": D(2018, 1, 1)}, {"resolved_date_not_before_first_visit_date": 1}),
    ],
    "legal_visits": [
        ({"visit_date": None}, {"visit_date_not_null": 1}),
        ({"role": "书记"}, {"role_canonical": 1}),
        ({"role": None}, {"role_not_null": 1}),
        ({"disputes_resolved": -1}, {"disputes_resolved_non_negative": 1}),
        ({"consultations": -1}, {"consultations_non_negative": 1}),
        ({"visit_date": D(1999, 12, 31)}, {"visit_date_in_range": 1}),
        ({"visit_date": D(2023, 11, 15)}, {"visit_date_within_period": 1}),
    ],
    "grid_events": [
        ({"event_id": None}, {"event_id_not_null": 1}),
        ({"event_id": "E7"}, {"event_once_per_period": 2}),
        ({"reported_at": None}, {"reported_at_not_null": 1}),
        ({"event_type": "其它类"}, {"event_type_canonical": 1}),
        ({"status": "完成"}, {"status_canonical": 1}),
        ({"status": None}, {"status_not_null": 1}),
        ({"grid_id": "G99"}, {"grid_known": 1}),
        ({"reported_at": T(1999, 1, 1)}, {"reported_at_in_range": 1}),
        (
            {"reported_at": T(2023, 11, 2, 8), "closed_at": None, "deadline": None, "status": "办理中"},
            {"reported_at_within_period": 1},
        ),
        ({"closed_at": T(2023, 10, 1)}, {"closed_at_not_before_reported_at": 1}),
        ({"deadline": T(2023, 10, 1)}, {"deadline_not_before_reported_at": 1}),
        ({"closed_at": None}, {"closed_has_time": 1}),
    ],
    "party_activities": [
        ({"party_org_id": None}, {"party_org_id_not_null": 1}),
        ({"party_org_id": "P99"}, {"org_known": 1}),
        ({"activity_type": "座谈会"}, {"activity_type_canonical": 1}),
        ({"activity_type": None}, {"activity_type_not_null": 1}),
        ({"activity_date": None}, {"activity_date_not_null": 1}),
        ({"expected": -1, "attended": None}, {"expected_non_negative": 1}),
        ({"attended": -1}, {"attended_non_negative": 1}),
        ({"attended": 31}, {"attended_within_expected": 1}),
        ({"activity_date": D(1999, 1, 1)}, {"activity_date_in_range": 1}),
        ({"activity_date": D(2023, 11, 15)}, {"activity_date_within_period": 1}),
    ],
}


def clean_frame(kind: str) -> pd.DataFrame:
    return frame(kind, [row(kind, r) for r in BASE_ROWS])


def failing_frame(kind: str) -> tuple[pd.DataFrame, dict[str, int]]:
    rows = [row(kind, r) for r in BASE_ROWS]
    expected: dict[str, int] = {}
    for i, (changes, fails) in enumerate(LINEAGE_CASES + CASES[kind]):
        rows.append(row(kind, 100 + i, **changes))
        for name, n in fails.items():
            expected[f"{kind}_{name}"] = expected.get(f"{kind}_{name}", 0) + n
    return frame(kind, rows), expected


# --- suites as code ------------------------------------------------------------------------------------------


def test_vocabularies_equal_ledgers_yaml():
    vocabs = catalog().vocabs

    def canon(name):
        v = vocabs[name]
        return set(v.values) | ({v.other} if v.other else set())

    assert set(suites.DISPUTE_TYPES) == canon("dispute_type")
    assert set(suites.DISPUTE_LEVELS) == canon("dispute_level")
    assert set(suites.DISPUTE_STATUSES) == canon("dispute_status")
    assert set(suites.PROJECT_STAGES) == canon("project_stage")
    assert set(suites.PROJECT_ZONES) == canon("project_zone")
    assert set(suites.PETITION_STATUSES) == canon("petition_status")
    assert set(suites.LEGAL_ROLES) == canon("legal_role")
    assert set(suites.GRID_EVENT_STATUSES) == canon("grid_event_status")
    assert set(suites.GRID_EVENT_TYPES) == canon("grid_event_type")
    assert set(suites.PARTY_ACTIVITY_TYPES) == canon("party_activity_type")


def test_suites_are_consistent(gx):
    import great_expectations.expectations as gxe

    constants = {
        v
        for k, v in vars(suites).items()
        if k.isupper()
        and isinstance(v, str)
        and k.endswith(("_COLUMNS", "_KEYS", "_CATEGORIES", "_VALUES", "_PLAUSIBILITY", "_REPEATS"))
    }
    for kind, s in suites.all_suites(TODAY).items():
        names = [e.name for e in s.expectations]
        assert len(names) == len(set(names)), kind
        staging_cols = {c for c, _ in catalog().ledgers[kind].columns()}
        for e in s.expectations:
            assert e.check in constants, e.check  # every check name is a module constant
            assert e.severity == s.checks[e.check][0], e.name  # one severity per check group
            assert e.description_zh and e.hint_zh
            assert set(e.columns_used()) <= staging_cols, e.name
            assert set(e.columns_used()) <= set(s.columns), e.name  # loaded by the asset check
            if e.expectation == CUSTOM:
                assert callable(e.custom)
            else:
                assert hasattr(gxe, e.expectation), e.expectation
        # no personal data is required or loaded
        assert not [
            c for c in s.columns if c.endswith(("_masked", "_token")) or c in ("summary", "description")
        ]
    severities = {n: sev for n, (sev, _d) in suites.check_names().items()}
    assert severities["disputes_keys"] == ERROR and severities["disputes_plausibility"] == WARN


def test_every_expectation_passes_on_clean_rows(gx):
    for kind in LEDGER_KINDS:
        outcomes = validate(clean_frame(kind), suites.suite(kind, TODAY))
        bad = [(o.name, o.unexpected_count, o.error) for o in outcomes if not o.passed]
        assert not bad, (kind, bad)
        assert all(o.element_count is not None for o in outcomes)


@pytest.mark.parametrize("kind", LEDGER_KINDS)
def test_every_expectation_fails_on_its_bad_rows(gx, kind):
    df, expected = failing_frame(kind)
    s = suites.suite(kind, TODAY)
    outcomes = {o.name: o for o in validate(df, s)}
    covered = set(expected) | {f"{kind}_required_columns"}
    assert covered == set(outcomes), f"expectations without a failing case: {set(outcomes) - covered}"
    for name, o in outcomes.items():
        assert o.error is None, (name, o.error)
        n = expected.get(name, 0)
        assert o.unexpected_count == n, (name, o.unexpected_count, n)
        assert o.passed == (n == 0), name
        assert len(o.sample) == min(n, 5)
        for sample in o.sample:  # lineage and the checked column only
            assert set(sample) <= set(SAMPLE_LINEAGE) | {"column", "column_label", "value", "note_zh"}


def test_failing_sample_shows_where_and_what(gx):
    df = frame(
        "disputes",
        [row("disputes", 4), row("disputes", 9, dispute_type="劳资"), row("disputes", 10, record_key="k4")],
    )
    out = {o.name: o for o in validate(df, suites.suite("disputes", TODAY))}
    o = out["disputes_dispute_type_canonical"]
    assert (o.severity, o.passed, o.element_count, o.unexpected_count) == (ERROR, False, 3, 1)
    assert round(o.unexpected_percent, 2) == 33.33
    assert o.sample == [
        {
            "file_sha256": "f1",
            "file_name": "林山村2023年10月台账.xlsx",
            "sheet": "Sheet1",
            "row_number": 9,
            "sender": "林山村",
            "unit_id": "linshan",
            "period": "2023-10",
            "column": "dispute_type",
            "column_label": "纠纷类型",
            "value": "劳资",
        }
    ]
    dup = out["disputes_record_key_unique_in_sheet"]
    assert [s["row_number"] for s in dup.sample] == [4, 10]
    assert dup.sample[0]["note_zh"] == "与 Sheet1 第10行 重复"


def test_missing_columns_fail_the_column_check(gx):
    df = clean_frame("legal_visits").drop(columns=["role", "consultations"])
    out = {o.name: o for o in validate(df, suites.suite("legal_visits", TODAY))}
    cols = out["legal_visits_required_columns"]
    assert not cols.passed and cols.unexpected_count == 2 and "role" in cols.message_zh
    assert (
        not out["legal_visits_role_canonical"].passed and "role" in out["legal_visits_role_canonical"].error
    )
    assert out["legal_visits_visit_date_not_null"].passed


def test_runner_under_two_threads_gives_correct_counts(gx):
    frames = {kind: failing_frame(kind) for kind in ("disputes", "grid_events")}
    results: dict[tuple[str, int], dict] = {}
    errors = []

    def work(kind):
        try:
            for i in range(3):
                df, _ = frames[kind]
                results[(kind, i)] = {
                    o.name: o.unexpected_count for o in validate(df, suites.suite(kind, TODAY))
                }
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in frames]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for (kind, _i), counts in results.items():
        expected = frames[kind][1]
        assert counts == {n: expected.get(n, 0) for n in counts}, kind
    assert len(results) == 6


def test_importing_checks_does_not_import_great_expectations():
    code = (
        "import sys, taizhang.checks.suites, taizhang.checks.runner, taizhang.checks.marts_rules, "
        "taizhang.checks.data_docs, taizhang.assets.checks, taizhang.reports.feedback; "
        "sys.exit(1 if 'great_expectations' in sys.modules else 0)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_outcomes_round_trip_json():
    o = CheckOutcome(
        name="x",
        table="staging.disputes",
        severity=WARN,
        passed=False,
        description_zh="说明",
        element_count=3,
        unexpected_count=1,
        unexpected_percent=33.3,
        sample=[{"row_number": 4}],
    )
    assert CheckOutcome.from_dict(json.loads(json.dumps(o.to_dict()))) == o
    assert o.status == "warned"


# --- asset checks ------------------------------------------------------------------------------------------


def test_asset_check_specs_block_only_on_error():
    from taizhang.assets.checks import ALL_CHECKS, HELD_FILES_CHECK

    specs = {s.name: s for c in ALL_CHECKS for s in c.check_specs}
    expected = {
        **{n: sev for n, (sev, _d) in suites.check_names().items()},
        **{n: sev for n, (sev, _d, _f) in marts_rules.RULES.items()},
    }
    assert set(specs) == set(expected) | {HELD_FILES_CHECK}
    assert specs.pop(HELD_FILES_CHECK).blocking is False  # a held file is a warning: the rest is published
    for name, spec in specs.items():
        assert spec.blocking == (expected[name] == ERROR), name
        prefix = "marts" if name.startswith("marts_") else "staging"
        assert spec.asset_key.path[0] == prefix
    assert specs[marts_rules.MARTS_SUBMISSION_COMPLETENESS].blocking is False
    assert specs["disputes_categories"].asset_key.path == ["staging", "disputes"]


def test_failing_blocking_check_skips_downstream(gx, tmp_path):
    import dagster as dg
    from taizhang.assets.checks import staging_checks
    from taizhang.assets.resources import Warehouse
    from taizhang.etl.home import Home
    from taizhang.etl.warehouse import connect, insert_rows

    home = Home.resolve(tmp_path).ensure()
    con = connect(home)
    rows = [row("disputes", 4), row("disputes", 5, dispute_type="劳资")]
    insert_rows(con, "staging.disputes", list(rows[0]), rows)
    con.close()

    @dg.asset(key=["staging", "disputes"])
    def staging_disputes():
        return None

    @dg.asset(deps=[staging_disputes])
    def report():
        return None

    result = dg.materialize(
        [staging_disputes, report, staging_checks("disputes")],
        resources={"warehouse": Warehouse(home=str(home.root)), "io_manager": dg.mem_io_manager},
        raise_on_error=False,
    )
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not evaluations["disputes_categories"].passed
    assert evaluations["disputes_categories"].severity == dg.AssetCheckSeverity.ERROR
    assert evaluations["disputes_keys"].passed
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey(["staging", "disputes"]) in materialized
    assert dg.AssetKey("report") not in materialized  # held back by the blocking check
    docs = home.reports / "data_docs"
    assert (docs / "index.html").exists() and (docs / "results" / "staging.disputes.json").exists()
    assert any(
        o.name == "disputes_dispute_type_canonical" and not o.passed for o in load_outcomes(home.reports)
    )


# --- mart rules --------------------------------------------------------------------------------------------

AS_OF = D(2023, 11, 3)


def _insert(con, table, rows):
    from taizhang.etl.warehouse import insert_rows

    insert_rows(con, table, list(rows[0]), rows)


@pytest.fixture()
def mart_db(tmp_path):
    """A tiny warehouse: a few staging rows and the marts computed from them by hand, as of 2023-11-03."""
    from taizhang.etl.home import Home
    from taizhang.etl.warehouse import connect, load_reference

    con = connect(Home.resolve(tmp_path))
    load_reference(con)
    now = T(2023, 12, 1)

    def dispute(key, unit, period, received, status, resolved=None, loaded=now):
        return dict(
            file_sha256=f"f-{period}",
            file_name=f"{period}.xlsx",
            sheet="Sheet1",
            row_number=5,
            sender="林山村",
            unit_id=unit,
            period=period,
            record_key=key,
            received_date=received,
            dispute_type="其他",
            status=status,
            resolved_date=resolved,
            loaded_at=loaded,
        )

    _insert(
        con,
        "staging.disputes",
        [
            dispute("a", "linshan", "2023-03", D(2023, 3, 1), "resolved", D(2023, 3, 10)),
            dispute("b", "linshan", "2023-10", D(2023, 10, 1), "open"),
            dispute(
                "b", "linshan", "2023-11", D(2023, 10, 1), "resolved", D(2023, 11, 1)
            ),  # later version wins
            dispute("c", None, "2023-05", D(2023, 5, 5), "resolved", D(2023, 5, 20)),  # no unit: town level
            dispute(
                "d", "dongxing", "2023-11", D(2023, 11, 2), "resolved", D(2023, 11, 10)
            ),  # resolved after as-of
            dispute("e", "dongxing", "2023-11", D(2023, 11, 20), "open"),  # received after as-of
            dispute("f", "dongxing", "2022-12", D(2022, 12, 1), "resolved", D(2022, 12, 5)),  # last year
            dispute(
                "g", "dongxing", "2023-12", D(2023, 10, 9), "open"
            ),  # a file whose period starts after as-of
        ],
    )
    lin = dict(
        file_sha256="l",
        file_name="l.xlsx",
        sheet="S",
        sender="林山村",
        unit_id="linshan",
        period="2023-10",
        role="律师",
        loaded_at=now,
    )
    _insert(
        con,
        "staging.legal_visits",
        [
            {
                **lin,
                "row_number": 4,
                "record_key": "l1",
                "visit_date": D(2023, 10, 3),
                "disputes_resolved": 1,
                "consultations": 3,
            },
            {
                **lin,
                "row_number": 5,
                "record_key": "l2",
                "visit_date": D(2023, 10, 4),
                "disputes_resolved": 0,
                "consultations": 4,
            },
            {
                **lin,
                "row_number": 6,
                "record_key": "l3",
                "visit_date": D(2023, 11, 9),
                "disputes_resolved": 5,
                "consultations": 5,
            },
        ],
    )
    g = dict(
        file_sha256="g",
        file_name="g.csv",
        sheet="g",
        sender="东星社区",
        unit_id="dongxing",
        period="2023-10",
        status="已办结",
        loaded_at=now,
    )
    _insert(
        con,
        "staging.grid_events",
        [
            {**g, "row_number": 2, "record_key": "g1", "event_id": "E1", "reported_at": T(2023, 10, 1, 8)},
            {**g, "row_number": 3, "record_key": "g2", "event_id": "E2", "reported_at": T(2023, 11, 3, 23)},
            {**g, "row_number": 4, "record_key": "g3", "event_id": "E3", "reported_at": T(2022, 12, 30, 8)},
        ],
    )
    _insert(
        con,
        "staging.party_activities",
        [
            dict(
                file_sha256="p",
                file_name="p.xlsx",
                sheet="p",
                row_number=3,
                sender="林山村",
                unit_id="linshan",
                period="2023-10",
                record_key="p1",
                party_org_id="P17",
                activity_type="党课",
                activity_date=D(2023, 10, 9),
                expected=30,
                attended=25,
                loaded_at=now,
            )
        ],
    )
    con.execute("""CREATE TABLE marts.headline_indicators (as_of DATE, scope_kind VARCHAR, scope VARCHAR,
                   indicator VARCHAR, name_zh VARCHAR, numerator DOUBLE, denominator DOUBLE, value DOUBLE, unit VARCHAR)""")

    def h(scope_kind, scope, indicator, value, num=None, den=None, unit="件"):
        return dict(
            as_of=AS_OF,
            scope_kind=scope_kind,
            scope=scope,
            indicator=indicator,
            name_zh=indicator,
            numerator=num,
            denominator=den,
            value=value,
            unit=unit,
        )

    _insert(
        con,
        "marts.headline_indicators",
        [
            h("town", "西天尾镇", "disputes_received", 4),
            h("town", "西天尾镇", "disputes_resolved", 3),
            h("town", "西天尾镇", "dispute_resolution_rate", 75.0, 3, 4, "%"),
            h("town", "西天尾镇", "legal_visits", 2),
            h("town", "西天尾镇", "legal_visit_disputes_resolved", 1),
            h("town", "西天尾镇", "legal_consultations", 7),
            h("town", "西天尾镇", "grid_events_collected", 2),
            h("town", "西天尾镇", "party_activities", 1),
            h("town", "西天尾镇", "party_attendance_rate", 83.33, 25, 30, "%"),
            h(
                "town", "西天尾镇", "key_projects_investment_completion_rate", 120.0, 120, 100, "%"
            ),  # may exceed 100
            h("unit", "林山村", "disputes_received", 2),
            h("unit", "林山村", "disputes_resolved", 2),
            h("unit", "林山村", "dispute_resolution_rate", 100.0, 2, 2, "%"),
            h("unit", "东星社区", "disputes_received", 1),
            h("unit", "东星社区", "disputes_resolved", 0),
            h("unit", "东星社区", "dispute_resolution_rate", 0.0, 0, 1, "%"),
            h("town", "西天尾镇", "disputes_received", 99)
            | {"as_of": D(2023, 10, 1)},  # another as-of: ignored
        ],
    )
    con.execute("""CREATE TABLE marts.dispute_resolution_by_unit (as_of DATE, area VARCHAR, unit_id VARCHAR,
                   unit VARCHAR, unit_type VARCHAR, received INTEGER, resolved INTEGER, open INTEGER,
                   not_resolved INTEGER, resolution_rate DOUBLE)""")
    con.execute(
        "INSERT INTO marts.dispute_resolution_by_unit VALUES (?, '南部片区', 'linshan', '林山村', '村', 2, 2, 0, 0, 100.0)",
        [AS_OF],
    )
    con.execute("""CREATE TABLE marts.submission_completeness (as_of DATE, sender VARCHAR, unit_id VARCHAR,
                   ledger VARCHAR, month VARCHAR, status VARCHAR, files INTEGER, "rows" INTEGER)""")
    con.executemany(
        "INSERT INTO marts.submission_completeness VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [AS_OF, "林山村", "linshan", "disputes", "2023-10", "data", 1, 3],
            [AS_OF, "林山村", "linshan", "disputes", "2023-11", "missing", 0, 0],
            [AS_OF, "东星社区", "dongxing", "grid_events", "2023-09", "missing", 0, 0],
            [AS_OF, "东星社区", "dongxing", "grid_events", "2023-10", "zero_report", 1, 0],
        ],
    )
    yield con
    con.close()


def test_mart_rules_pass_on_consistent_marts(mart_db):
    assert marts_rules.staging_counts(mart_db, AS_OF) == {
        "disputes_received": 4,
        "disputes_resolved": 3,
        "disputes_received_no_unit": 1,
        "disputes_resolved_no_unit": 1,
        "legal_visits": 2,
        "legal_visit_disputes_resolved": 1,
        "legal_consultations": 7,
        "grid_events_collected": 2,
        "party_activities": 1,
    }
    out = {o.name: o for o in marts_rules.run_mart_rules(mart_db, AS_OF)}
    assert set(out) == set(marts_rules.RULES)
    for name, o in out.items():
        if o.severity == ERROR:
            assert o.passed, (name, o.message_zh, o.sample)
    units = out[marts_rules.MARTS_UNITS_SUM_TO_TOWN]
    assert units.element_count == 2 and "多 1" in units.message_zh  # the town-level dispute, reported
    completeness = out[marts_rules.MARTS_SUBMISSION_COMPLETENESS]
    assert completeness.severity == WARN and not completeness.passed and completeness.unexpected_count == 2
    assert "林山村：矛盾纠纷排查化解台账（2023-11）未报送" in completeness.message_zh
    assert "东星社区：网格事件（2023-09）未报送" in completeness.message_zh


def test_mart_rules_catch_broken_marts(mart_db):
    hi = "marts.headline_indicators"
    mart_db.execute(
        f"UPDATE {hi} SET value = 120, numerator = 6 WHERE scope = '林山村' AND indicator = 'dispute_resolution_rate'"
    )
    mart_db.execute(f"UPDATE {hi} SET value = 3 WHERE scope = '东星社区' AND indicator = 'disputes_received'")
    mart_db.execute(
        f"UPDATE {hi} SET value = 8 WHERE scope_kind = 'town' AND indicator = 'legal_consultations'"
    )
    mart_db.execute(
        f"UPDATE {hi} SET value = 80 WHERE scope_kind = 'town' AND indicator = 'party_attendance_rate'"
    )
    mart_db.execute("UPDATE marts.dispute_resolution_by_unit SET resolved = 3, resolution_rate = 150")
    out = {o.name: o for o in marts_rules.run_mart_rules(mart_db, AS_OF)}
    rates = out[marts_rules.MARTS_RATES_IN_RANGE]
    assert not rates.passed and rates.unexpected_count == 2  # headline 林山村 120, by_unit 150
    assert not out[marts_rules.MARTS_NUMERATOR_WITHIN_DENOMINATOR].passed
    assert out[marts_rules.MARTS_NUMERATOR_WITHIN_DENOMINATOR].unexpected_count == 2
    ratio = out[marts_rules.MARTS_RATE_MATCHES_RATIO]
    assert not ratio.passed and {s["scope"] for s in ratio.sample} == {
        "西天尾镇",
        "林山村",
    }  # 80 ≠ 83.33; 120 ≠ 6/2
    units = out[marts_rules.MARTS_UNITS_SUM_TO_TOWN]
    assert not units.passed and "大于全镇" in units.message_zh
    totals = out[marts_rules.MARTS_TOTALS_MATCH_STAGING]
    assert not totals.passed and totals.sample == [
        {"indicator": "legal_consultations", "mart": 8.0, "staging": 7}
    ]
    warn_only = (marts_rules.MARTS_SUBMISSION_COMPLETENESS, marts_rules.MARTS_PROJECT_AMOUNTS_PLAUSIBLE)
    assert all(o.severity == ERROR for n, o in out.items() if n not in warn_only)


def test_mart_rules_report_missing_marts():
    con = duckdb.connect()
    out = marts_rules.run_mart_rules(con, AS_OF)
    assert {o.name for o in out} == set(marts_rules.RULES)
    assert all(not o.passed and o.error for o in out)


# --- data docs ---------------------------------------------------------------------------------------------


def _outcomes_with_hostile_values():
    return [
        CheckOutcome(
            name="disputes_dispute_type_canonical",
            table="staging.disputes",
            severity=ERROR,
            passed=False,
            description_zh="纠纷类型应为规定取值之一",
            check="disputes_categories",
            element_count=10,
            unexpected_count=2,
            unexpected_percent=20.0,
            hint_zh="请选择",
            sample=[
                {
                    "file_name": "https://evil.example/x.xlsx",
                    "sheet": "<script>alert(1)</script>",
                    "row_number": 4,
                    "column_label": "纠纷类型",
                    "value": 'http://a.b/"><link href="//x">',
                },
                {
                    "file_name": "林山村.xlsx",
                    "sheet": "Sheet1",
                    "row_number": 5,
                    "column_label": "纠纷类型",
                    "value": "劳资",
                },
            ],
        ),
        CheckOutcome(
            name="disputes_received_date_in_range",
            table="staging.disputes",
            severity=WARN,
            passed=False,
            description_zh="受理日期应在2000年后",
            check="disputes_plausibility",
            element_count=10,
            unexpected_count=1,
            unexpected_percent=10.0,
            sample=[{"row_number": 7, "value": "1999-01-01"}],
        ),
        CheckOutcome(
            name="disputes_keys",
            table="staging.disputes",
            severity=ERROR,
            passed=True,
            description_zh="键",
            check="disputes_keys",
            element_count=10,
            unexpected_count=0,
        ),
        CheckOutcome(
            name=marts_rules.MARTS_SUBMISSION_COMPLETENESS,
            table="marts.headline_indicators",
            severity=WARN,
            passed=False,
            description_zh="按时报送",
            check=marts_rules.MARTS_SUBMISSION_COMPLETENESS,
            message_zh="林山村：矛盾纠纷排查化解台账（2023-11）未报送",
        ),
    ]


def test_data_docs_are_offline_and_self_contained(tmp_path):
    outcomes = _outcomes_with_hostile_values()
    index = build_data_docs(outcomes, tmp_path / "reports", as_of="2023-11-03")
    assert index == tmp_path / "reports" / "data_docs" / "index.html"
    text = index.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert "<script" not in text.lower() and "<link" not in text.lower()
    assert not re.search(r"""<[a-z][^>]*\s(src|href)\s*=\s*(?!["']?#)""", text, re.I)  # only in-page anchors
    assert "@import" not in text and "url(" not in text
    assert "矛盾纠纷排查化解台账" in text and "未通过" in text and "警告" in text
    assert re.search(r">\s*通过\s*<", text)  # a passed check shown as such, not only inside 未通过
    assert "林山村：矛盾纠纷排查化解台账（2023-11）未报送" in text
    data = json.loads((index.parent / "outcomes.json").read_text(encoding="utf-8"))
    assert [o["name"] for o in data["outcomes"]] == [o.name for o in outcomes]


def test_recorded_outcomes_replace_per_table(tmp_path):
    first = _outcomes_with_hostile_values()
    record_outcomes(tmp_path, "staging.disputes", first[:3])
    record_outcomes(tmp_path, "marts.headline_indicators", first[3:])
    record_outcomes(tmp_path, "staging.disputes", first[2:3])  # a later run: only the passing one left
    names = [o.name for o in load_outcomes(tmp_path)]
    assert names == ["disputes_keys", marts_rules.MARTS_SUBMISSION_COMPLETENESS]
    assert "disputes_dispute_type_canonical" not in (tmp_path / "data_docs" / "index.html").read_text(
        encoding="utf-8"
    )
