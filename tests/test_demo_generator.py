"""The demo data generator (etl/demo.py): deterministic, readable, and its manifest is not wishful.

The re-counts below read the generated files with a deliberately simple reader of their own (calamine,
csv, a handful of header words and date forms) — not with the pipeline's ingest — and must agree with the
manifest, which the generator computes from its truth lists.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from taizhang.demo.generator import generate
from taizhang.etl.privacy import ID_PATTERN, is_valid_id

REF = Path(__file__).resolve().parents[1] / "etl" / "ref"
CUT = dt.date(2023, 11, 3)

SPEC_FIGURES = {
    "disputes_received": 471,
    "disputes_resolved": 399,
    "dispute_resolution_rate": 84.71,
    "legal_visits": 973,
    "legal_visit_disputes_resolved": 206,
    "legal_consultations": 764,
    "petition_backlog_cases": 9,
    "petition_backlog_resolved": 6,
    "petition_pledges_signed": 6,
    "key_projects_total": 60,
    "key_projects_in_construction": 15,
    "key_projects_preparatory": 12,
    "key_projects_preliminary": 33,
    "park_projects_total": 32,
    "park_projects_in_construction": 17,
    "park_projects_preparatory": 4,
    "park_projects_preliminary": 11,
    "grid_events_collected": 16213,
    "party_orgs": 22,
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    paths = generate(root / "inbox", root / "manifest.json")
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    return root, paths, manifest


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a small independent reader ----------------------------------------------------------------------


def norm(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def rows_of(path: Path) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) of every visible sheet, or of the CSV."""
    if path.suffix == ".csv":
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("gbk")
        return [("", list(csv.reader(io.StringIO(text))))]
    wb = CalamineWorkbook.from_path(str(path))
    out = []
    for meta in wb.sheets_metadata:
        if str(meta.visible).endswith("Visible"):
            out.append((meta.name, wb.get_sheet_by_name(meta.name).to_python()))
    return out


def read_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and value:
        if value > 19000000:
            s = str(int(value))
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    m = re.fullmatch(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if not m:
        m = re.fullmatch(r"()(\d{1,2})月(\d{1,2})日", text)  # the year comes from the title: 2023
    if not m:
        return None
    try:
        return dt.date(int(m[1] or 2023), int(m[2]), int(m[3]))
    except ValueError:
        return None


def table(rows: list[list], date_headers: set[str]) -> tuple[list[str], list[list]]:
    """Find the header (one or two rows) and return column names and the rows below it."""
    for i, row in enumerate(rows):
        names = [norm(c) for c in row]
        if date_headers & set(names):
            if (
                i + 1 < len(rows)
                and not any(read_date(c) for c in rows[i + 1])
                and sum(1 for c in rows[i + 1] if norm(c)) >= 2
                and not norm(rows[i + 1][0])
            ):
                names = [norm(b) or a for a, b in zip(names, rows[i + 1], strict=False)]
                return names, rows[i + 2 :]
            return names, rows[i + 1 :]
    raise AssertionError("no header found")


def col(names: list[str], *candidates: str) -> int:
    for c in candidates:
        if c in names:
            return names.index(c)
    raise AssertionError(f"none of {candidates} in {names}")


def count(value) -> int | None:
    """A count cell: numbers, full-width digits, '—'/'无'/'' for none; None when not a number."""
    text = norm(value)
    if text in ("", "—", "-", "无"):
        return 0
    return int(text) if text.isdigit() else None


def town_units() -> set[str]:
    with open(REF / "unit_aliases.csv", encoding="utf-8") as handle:
        return {row["alias"] for row in csv.DictReader(handle)}


def latest_per_period(manifest: dict, ledger: str, root: Path) -> dict[tuple, Path]:
    """Per (sender, period), the file submitted last (a resubmission replaces the earlier file)."""
    chosen: dict[tuple, dict] = {}
    for f in manifest["file_list"]:
        if f["ledger"] != ledger:
            continue
        key = (f["sender"], f["period"])
        if key not in chosen or f["submitted"] > chosen[key]["submitted"]:
            chosen[key] = f
    return {k: root / "inbox" / f["name"] for k, f in chosen.items()}


# --- tests -------------------------------------------------------------------------------------------


def test_manifest_reproduces_the_seed_figures(demo):
    _, paths, manifest = demo
    town = manifest["as_of"]["2023-11-03"]["town"]
    for code, expected in SPEC_FIGURES.items():
        assert town[code] == expected, code
    assert town["party_activities"] > 22 * 11 * 2
    assert set(manifest["as_of"]) == {"2023-10-31", "2023-11-03", "2023-11-30"}
    # the as-of cut matters: records and resolutions after 11-03 exist
    later = manifest["as_of"]["2023-11-30"]["town"]
    for code in (
        "disputes_received",
        "disputes_resolved",
        "legal_visits",
        "grid_events_collected",
        "party_activities",
        "petition_backlog_resolved",
    ):
        assert later[code] > town[code], code
    assert later["petition_pledges_signed"] == 6  # the case resolved on 11-20 signed no pledge
    earlier = manifest["as_of"]["2023-10-31"]["town"]
    assert earlier["disputes_received"] < town["disputes_received"]
    assert earlier["key_projects_in_construction"] == 14 and earlier["park_projects_in_construction"] == 16
    units = manifest["as_of"]["2023-11-03"]["unit"]
    assert len(units) == 17
    assert sum(u["disputes_received"] for u in units.values()) == 471
    assert sum(u["disputes_resolved"] for u in units.values()) == 399
    files = manifest["files"]
    assert files == {
        "written": len(paths),
        "quarantined_rows": 10,
        "rejected_files": 0,
        "zero_reports": 2,
        "resubmissions": 1,
    }
    assert 400 <= len(paths) <= 460


def test_generation_is_deterministic(demo, tmp_path):
    root, paths, manifest = demo
    again = generate(tmp_path / "inbox", tmp_path / "manifest.json")
    assert [p.name for p in again] == [p.name for p in paths]
    for a, b in zip(paths, again, strict=True):
        assert _digest(a) == _digest(b), a.name
        assert os.stat(a).st_mtime == os.stat(b).st_mtime, a.name
    assert (tmp_path / "manifest.json").read_bytes() == (root / "manifest.json").read_bytes()


def test_other_seeds_keep_the_figures(tmp_path):
    from taizhang.demo.generator import build_files, build_truth, figures

    truth = build_truth(7)
    town = figures(truth, CUT)["town"]
    for code, expected in SPEC_FIGURES.items():
        assert town[code] == expected, code
    files = build_files(truth, 7)  # laid out, not written
    assert sum(len(f.bad_rows) for f in files if not f.superseded) == 10


def test_every_file_opens_and_carries_sender_and_period(demo):
    root, paths, manifest = demo
    by_name = {f["name"]: f for f in manifest["file_list"]}
    assert set(by_name) == {p.name for p in paths}
    aliases = town_units()
    with open(REF / "party_orgs.csv", encoding="utf-8") as handle:
        aliases |= {
            n for row in csv.DictReader(handle) for n in [row["name"], *row["aliases"].split("|")] if n
        }
    with open(REF / "senders.csv", encoding="utf-8") as handle:
        aliases |= {
            n for row in csv.DictReader(handle) for n in [row["name"], *row["aliases"].split("|")] if n
        }
    suffixes = set()
    for path in paths:
        info = by_name[path.name]
        suffixes.add(path.suffix)
        if path.suffix == ".csv":
            raw = path.read_bytes()
            if info["encoding"] == "gbk":
                with pytest.raises(UnicodeDecodeError):
                    raw.decode("utf-8")
            raw.decode(info["encoding"])
        sheets = rows_of(path)
        assert sheets and any(len(rows) > 1 for _, rows in sheets), path.name
        # sender and period are readable from the file name, a sheet name or the rows above the header
        text = path.name + " ".join(name for name, _ in sheets)
        text += " ".join(norm(c) for _, rows in sheets for row in rows[:3] for c in row if isinstance(c, str))
        assert any(a in text for a in aliases), path.name
        month = int(info["period"][5:])
        assert "2023" in text and re.search(
            rf"(?<!\d)(0?{month}月|2023[.\-]0?{month}(?!\d)|2023{month:02d})", text
        ), path.name
    assert suffixes == {".xlsx", ".xls", ".csv"}


def test_resubmission_is_later_and_mtimes_are_submission_times(demo):
    root, paths, manifest = demo
    files = {f["name"]: f for f in manifest["file_list"]}
    fixed = [f for f in files.values() if f["supersedes"]]
    assert len(fixed) == 1
    original = files[fixed[0]["supersedes"]]
    assert original["superseded"] and original["period"] == fixed[0]["period"] == "2023-10"
    inbox = root / "inbox"
    assert os.stat(inbox / fixed[0]["name"]).st_mtime > os.stat(inbox / original["name"]).st_mtime
    for f in files.values():  # every file is submitted after its period ends
        assert f["submitted"][:7] > f["period"]


def test_legal_visits_recount(demo):
    root, _, manifest = demo
    units = town_units()
    totals = {day: [0, 0, 0] for day in ("2023-10-31", "2023-11-03", "2023-11-30")}
    bad = 0
    for path in latest_per_period(manifest, "legal_visits", root).values():
        ((_, rows),) = rows_of(path)
        names, body = table(rows, {"日期"})
        c_date, c_unit = col(names, "日期"), col(names, "挂点村(社区)", "挂点村居")
        c_dis, c_con = col(names, "化解纠纷数(件)", "化解纠纷数"), col(names, "法律咨询数(次)", "法律咨询数")
        for row in body:
            day = read_date(row[c_date])
            if day is None:
                continue
            dis, con = count(row[c_dis]), count(row[c_con])
            if dis is None or con is None or norm(row[c_unit]) not in units:
                bad += 1
                continue
            for as_of, acc in totals.items():
                if day <= dt.date.fromisoformat(as_of):
                    acc[0] += 1
                    acc[1] += dis
                    acc[2] += con
    assert bad == 2
    for as_of, (visits, dis, con) in totals.items():
        town = manifest["as_of"][as_of]["town"]
        assert (visits, dis, con) == (
            town["legal_visits"],
            town["legal_visit_disputes_resolved"],
            town["legal_consultations"],
        ), as_of


def test_grid_events_recount(demo):
    root, _, manifest = demo
    seen, bad = set(), 0
    counts = defaultdict(int)
    for path in latest_per_period(manifest, "grid_events", root).values():
        ((_, rows),) = rows_of(path)
        names, body = table(rows, {"上报时间"})
        c_id, c_time = col(names, "事件编号"), col(names, "上报时间")
        for row in body:
            day = read_date(row[c_time])
            if day is None:
                bad += 1
                continue
            assert row[c_id] not in seen
            seen.add(row[c_id])
            for as_of in manifest["as_of"]:
                counts[as_of] += day <= dt.date.fromisoformat(as_of)
    assert bad == 1
    for as_of, n in counts.items():
        assert n == manifest["as_of"][as_of]["town"]["grid_events_collected"], as_of


DISPUTE_DATE = {"受理日期", "登记日期", "排查日期", "受理时间"}
RESOLVED_WORDS = {"已化解", "调解成功"}


def test_disputes_recount_from_the_cumulative_files(demo):
    """As of D: the latest file of each unit with period ≤ D; received ≤ D; resolved with 化解日期 ≤ D."""
    root, _, manifest = demo
    latest = {"2023-10-31": "2023-10", "2023-11-03": "2023-11", "2023-11-30": "2023-11"}
    files = {(f["unit_id"], f["period"]): f for f in manifest["file_list"] if f["ledger"] == "disputes"}
    unit_names = {}
    with open(REF / "units.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            unit_names[row["unit_id"]] = row["name"]
    for as_of, period in latest.items():
        cut = dt.date.fromisoformat(as_of)
        for unit_id, name in unit_names.items():
            ((_, rows),) = [
                (n, r)
                for n, r in rows_of(root / "inbox" / files[(unit_id, period)]["name"])
                if n != "填表说明"
            ]
            names, body = table(rows, DISPUTE_DATE)
            c_recv = col(names, *DISPUTE_DATE)
            c_status = col(names, "化解结果", "化解情况", "调处结果", "办理情况")
            c_done = col(names, "化解日期", "办结日期", "化解时间", "调结日期")
            received = resolved = 0
            for row in body:
                day = read_date(row[c_recv])
                if day is None:
                    continue
                done = read_date(row[c_done])
                if done and done < day:
                    continue  # the clerk's mistake, quarantined by the ingest
                if day <= cut:
                    received += 1
                    resolved += norm(row[c_status]) in RESOLVED_WORDS and done is not None and done <= cut
            expected = manifest["as_of"][as_of]["unit"][name]
            assert (received, resolved) == (expected["disputes_received"], expected["disputes_resolved"]), (
                as_of,
                name,
            )


def test_a_dispute_is_written_identically_in_every_file(demo):
    root, _, manifest = demo
    by_unit = defaultdict(dict)
    for f in manifest["file_list"]:
        if f["ledger"] == "disputes":
            by_unit[f["unit_id"]][f["period"]] = root / "inbox" / f["name"]
    for unit_id, periods in by_unit.items():
        keys_by_period = {}
        for period, path in sorted(periods.items()):
            ((_, rows),) = [(n, r) for n, r in rows_of(path) if n != "填表说明"]
            names, body = table(rows, DISPUTE_DATE)
            idx = [
                col(names, *DISPUTE_DATE),
                col(names, "纠纷类型", "矛盾类型", "纠纷类别", "案件类型"),
                col(names, "当事人", "双方当事人", "当事人姓名", "涉及当事人"),
                col(names, "简要案情", "纠纷简要情况", "基本情况", "案情简介"),
            ]
            keys_by_period[period] = [tuple(row[i] for i in idx) for row in body if read_date(row[idx[0]])]
        final = keys_by_period["2023-11"]
        assert len(set(final)) == len(final), unit_id
        for period, keys in keys_by_period.items():
            assert set(keys) <= set(final), (unit_id, period)  # a cumulative ledger never loses a record


def test_party_activities_recount(demo):
    root, _, manifest = demo
    date_headers = {"日期", "召开时间", "活动时间", "活动日期"}
    valid, bad = defaultdict(int), 0
    for f in manifest["file_list"]:
        if f["ledger"] != "party_activities":
            continue
        ((_, rows),) = [(n, r) for n, r in rows_of(root / "inbox" / f["name"]) if n != "填表说明"]
        names, body = table(rows, date_headers)
        c_date = col(names, *date_headers)
        c_exp = col(names, "应到人数", "应到会人数", "应参加人数")
        c_att = col(names, "实到人数", "实到会人数", "实际参加人数")
        for row in body:
            day = read_date(row[c_date])
            if day is None:
                continue
            if count(row[c_att]) > count(row[c_exp]):
                bad += 1
                continue
            for as_of in manifest["as_of"]:
                valid[as_of] += day <= dt.date.fromisoformat(as_of)
    assert bad == 1
    for as_of, n in valid.items():
        assert n == manifest["as_of"][as_of]["town"]["party_activities"], as_of


def test_id_numbers_are_valid(demo):
    root, _, manifest = demo
    found = 0
    for f in manifest["file_list"]:
        if f["ledger"] == "disputes" and f["period"] == "2023-11":
            for _, rows in rows_of(root / "inbox" / f["name"]):
                for row in rows:
                    for cell in row:
                        if isinstance(cell, str) and re.fullmatch(r"\d{17}[\dX]", cell):
                            assert is_valid_id(cell) and ID_PATTERN.fullmatch(cell), cell
                            found += 1
    assert found > 50


def test_bad_rows_are_where_the_manifest_says(demo):
    """Each row the manifest expects in quarantine is a data row at that sheet/row, under that column."""
    root, _, manifest = demo
    located = 0
    for f in manifest["file_list"]:
        for bad in f["bad_rows"]:
            sheets = dict(rows_of(root / "inbox" / f["name"]))
            rows = sheets[bad["sheet"] or ""]
            row = rows[bad["row"] - 1]
            if not bad["column"]:  # the whole row (a repeated row): a data row like the one above it
                assert row[1:] == rows[bad["row"] - 2][1:], (f["name"], bad)
                located += not f["superseded"]
                continue
            header = next(r for r in rows if norm(bad["column"]) in [norm(c) for c in r])
            value = row[[norm(c) for c in header].index(norm(bad["column"]))]
            assert norm(value), (f["name"], bad)
            assert read_date(row[1]) or read_date(row[2]) or read_date(row[3]) or bad["column"] == "上报时间"
            located += not f["superseded"]
    assert located == manifest["files"]["quarantined_rows"]
