"""The home's Dagster instance config: written by taizhang, upgraded with the release unless edited by hand."""

from __future__ import annotations

import pytest
import yaml
from taizhang.assets.runner import DAGSTER_YAML, _write_managed

pytestmark = pytest.mark.unit


def test_the_instance_config_turns_off_telemetry_and_the_first_visit_dialog_and_keeps_ticks_bounded():
    config = yaml.safe_load(DAGSTER_YAML)
    assert config["telemetry"] == {"enabled": False} and config["nux"] == {"enabled": False}
    assert config["retention"]["sensor"]["purge_after_days"]["skipped"] == 1
    assert config["concurrency"]["pools"]["default_limit"] == 1


def test_a_written_config_is_upgraded_but_an_edited_one_is_left_alone(tmp_path):
    path = tmp_path / "dagster.yaml"
    _write_managed(path, "a: 1\n")
    assert path.read_text(encoding="utf-8").endswith("\na: 1\n")
    _write_managed(path, "a: 2\n")  # a new release's template
    assert path.read_text(encoding="utf-8").endswith("\na: 2\n")
    path.write_text(path.read_text(encoding="utf-8") + "b: mine\n", encoding="utf-8")
    _write_managed(path, "a: 3\n")
    assert path.read_text(encoding="utf-8").endswith("a: 2\nb: mine\n")


def test_the_previous_releases_config_is_upgraded(tmp_path):
    path = tmp_path / "dagster.yaml"
    path.write_text(
        "# Dagster instance of this Taizhang home (written by taizhang; edit freely).\ntelemetry: {}\n",
        encoding="utf-8",
    )
    _write_managed(path, DAGSTER_YAML)
    assert "nux:" in path.read_text(encoding="utf-8")
