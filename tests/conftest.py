import os
from pathlib import Path

import pytest

os.environ.setdefault("TAIZHANG_KEY", "test-key-not-secret")


@pytest.fixture
def home(tmp_path):
    from taizhang.etl.home import Home

    return Home(tmp_path / "home").ensure()


@pytest.fixture
def ingest(home):
    """Ingest paths into the test home; returns the outcomes."""
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    def run(*paths):
        con = connect(home)
        try:
            load_reference(con)
            return ingest_paths([Path(p) for p in paths], home, con)
        finally:
            con.close()

    return run


@pytest.fixture
def query(home):
    import duckdb

    def run(sql, params=None):
        con = duckdb.connect(str(home.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    return run


# Tests that run Dagster jobs, the command line in subprocesses, the UI, or the whole demo town: `make test`
# (CI) runs them, `make check` does not. Every other test is a unit test. A module or test may say it itself
# (pytestmark = pytest.mark.unit / integration); otherwise its module decides here, so that marking a test
# needs no edit of a test file others work on.
INTEGRATION_MODULES = {
    "test_concurrency",
    "test_county_rollup",
    "test_crash_safety",
    "test_dagster",
    "test_demo_generator",
    "test_demo_pipeline",
    "test_output_safety",
    "test_rerun",
    "test_ui",
    "test_versions",
}
INTEGRATION_TESTS = {  # slow tests in otherwise fast modules: drawing the charts, building bombs
    "test_importing_checks_does_not_import_great_expectations",
    "test_each_chart_declares_the_marts_it_reads",
    "test_every_chart_is_a_print_resolution_png",
    "test_rendering_twice_gives_the_same_figures",
    "test_charts_render_without_data",
    "test_chart_names_match_the_dagster_assets",
    "test_thumbnail_is_small",
    "test_a_large_honest_sheet_passes_quickly",
    "test_the_zip_bomb_is_refused_fast_and_small",
    "test_the_zip_bomb_is_refused_whatever_it_is_called",
    "test_workbook_layout",
    "test_a_file_that_kills_its_reader_process_is_rejected_and_the_others_load",  # reader processes
    "test_reading_ahead_in_worker_processes_stores_exactly_what_the_writer_alone_stores",
    "test_output_piped_into_a_reader_that_stops_early_ends_quietly",
}
INTEGRATION_FIXTURES = {"gx"}  # Great Expectations itself: seconds to import, seconds per suite


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("unit") or item.get_closest_marker("integration"):
            continue
        module = item.module.__name__.rsplit(".", 1)[-1]
        slow = (
            item.get_closest_marker("slow")
            or module in INTEGRATION_MODULES
            or item.originalname in INTEGRATION_TESTS
            or INTEGRATION_FIXTURES & set(item.fixturenames)
        )
        item.add_marker(pytest.mark.integration if slow else pytest.mark.unit)
