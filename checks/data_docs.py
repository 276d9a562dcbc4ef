"""Our own offline data docs: one self-contained HTML page (inline CSS, no script, no link, no external
URL) with a summary per table and check, and the failing samples; the outcomes also as JSON beside it.

GX's own Data Docs load bootstrap/jquery/vega from CDNs and render unstyled on an offline office PC, so
they are not used.

Layout under the reports folder:
    data_docs/index.html       the page
    data_docs/outcomes.json    every outcome shown on the page
    data_docs/results/<table>.json   the latest outcomes per table, written by the asset checks
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from taizhang.etl.files import write_text

from .outcome import CheckOutcome
from .quality import Quality, quality

DOCS_DIR = "data_docs"
STATUS_ZH = {"passed": "通过", "warned": "警告", "failed": "未通过"}
TABLE_ZH = {
    "staging.disputes": "矛盾纠纷排查化解台账",
    "staging.key_projects": "重点项目台账",
    "staging.petitions": "信访积案台账",
    "staging.legal_visits": "“三官一律”下沉工作台账",
    "staging.grid_events": "网格事件",
    "staging.party_activities": "党组织活动台账",
    "marts.headline_indicators": "核心指标",
}
SAMPLE_LABELS = {
    "file_name": "文件",
    "sheet": "工作表",
    "row_number": "行号",
    "sender": "报送单位",
    "period": "月份",
    "column_label": "列",
    "value": "填写内容",
    "note_zh": "备注",
    "table": "表",
    "scope_kind": "范围类型",
    "scope": "范围",
    "indicator": "指标",
    "numerator": "分子",
    "denominator": "分母",
    "expected": "应为",
    "town": "全镇",
    "units_sum": "各村（社区）之和",
    "difference": "差额",
    "no_unit": "无所属村居记录",
    "mart": "指标值",
    "staging": "重新计数",
    "unit_id": "单位编码",
    "ledger": "台账",
    "month": "月份",
}
HIDDEN_SAMPLE_KEYS = {"file_sha256", "column", "unit_id"}  # shown through other columns (or not useful)

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;
margin:24px;color:#222;background:#fafafa;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #c00;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}.meta{color:#666;margin-bottom:16px}
table{border-collapse:collapse;margin:6px 0 12px;background:#fff}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
.passed{color:#176b2c;font-weight:bold}.warned{color:#9a6700;font-weight:bold}.failed{color:#b00020;font-weight:bold}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;font-size:12px}
.b-passed{background:#2e7d32}.b-warned{background:#b58100}.b-failed{background:#c62828}
.sample{margin-left:24px}.msg{color:#444;max-width:60em}.small{font-size:12px;color:#666}
"""


def _docs_dir(out_dir: Path) -> Path:
    """`out_dir` is the reports folder (<home>/reports); the data_docs folder itself is accepted too."""
    out_dir = Path(out_dir)
    return out_dir if out_dir.name == DOCS_DIR else out_dir / DOCS_DIR


def _safe(value) -> str:
    """HTML-escaped text in which no URL survives as one ('://' is broken up), whatever the data holds."""
    text = "" if value is None else str(value)
    return html.escape(text, quote=True).replace("//", "/&#8203;/")


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value)


def build_data_docs(
    outcomes: Iterable[CheckOutcome],
    out_dir: Path,
    as_of: dt.date | str | None = None,
    con=None,
    summary: Quality | None = None,
) -> Path:
    """Write data_docs/index.html and outcomes.json (with `con` or `summary`: the 数据概况 too); the page."""
    outcomes = list(outcomes)
    docs = _docs_dir(out_dir)
    docs.mkdir(parents=True, exist_ok=True)
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    write_text(
        docs / "outcomes.json",
        json.dumps(
            {
                "generated_at": generated,
                "as_of": str(as_of) if as_of else None,
                "outcomes": [o.to_dict() for o in outcomes],
            },
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
    )
    index = docs / "index.html"
    if summary is None and con is not None:
        summary = quality(con, outcomes)
    write_text(index, render_html(outcomes, generated, as_of, summary))
    return index


def render_html(
    outcomes: list[CheckOutcome], generated: str, as_of=None, summary: Quality | None = None
) -> str:
    """The page; the counts of checks (and, with `summary`, of files and rows) are checks.quality's."""
    tables: dict[str, list[CheckOutcome]] = {}
    for o in outcomes:
        tables.setdefault(o.table, []).append(o)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUS_ZH}
    q = summary or quality(None, outcomes)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>数据质量检查报告</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>台账数据质量检查报告</h1>",
        f'<div class="meta">生成时间：{_safe(generated)}'
        + (f"　截至日期：{_safe(as_of)}" if as_of else "")
        + f"　运行检查 {q.checks_run} 项：通过 {q.checks_passed} 项，警告 {q.checks_warned} 项，"
        f"未通过（阻断）{q.checks_failed} 项（与 taizhang quality 的计数相同；一项检查含一条或多条规则，"
        f"共 {len(outcomes)} 条规则" + f'：<span class="passed">通过 {counts["passed"]}</span>，'
        f'<span class="warned">警告 {counts["warned"]}</span>，'
        f'<span class="failed">未通过 {counts["failed"]}</span>）。'
        "“未通过”为阻断级（ERROR）问题：报表在修正前不会生成；“警告”（WARN）不阻断。</div>",
    ]
    if summary is not None:
        out.append(_overview(summary))
    # summary per table and check
    described = _check_descriptions()
    out.append(
        "<h2>汇总</h2><table><tr><th>表</th><th>检查</th><th>说明</th><th>级别</th><th>规则数</th>"
        "<th>通过</th><th>警告</th><th>未通过</th><th>结果</th></tr>"
    )
    for table, items in tables.items():
        checks: dict[str, list[CheckOutcome]] = {}
        for o in items:
            checks.setdefault(o.check or o.name, []).append(o)
        for i, (check, group) in enumerate(checks.items()):
            status = _worst(group)
            first = (
                (
                    f'<td rowspan="{len(checks)}"><a href="#{_anchor(table)}">{_safe(TABLE_ZH.get(table, table))}</a>'
                    f'<div class="small">{_safe(table)}</div></td>'
                )
                if i == 0
                else ""
            )
            out.append(
                f"<tr>{first}<td>{_safe(check)}</td><td>{_safe(described.get(check, ''))}</td>"
                f"<td>{_safe(group[0].severity)}</td>"
                f'<td class="n">{len(group)}</td>'
                + "".join(f'<td class="n">{sum(1 for o in group if o.status == s)}</td>' for s in STATUS_ZH)
                + f'<td><span class="badge b-{status}">{STATUS_ZH[status]}</span></td></tr>'
            )
    out.append("</table>")
    # detail per table
    for table, items in tables.items():
        out.append(
            f'<h2 id="{_anchor(table)}">{_safe(TABLE_ZH.get(table, table))} '
            f'<span class="small">{_safe(table)}</span></h2>'
        )
        out.append(
            "<table><tr><th>检查</th><th>规则</th><th>说明</th><th>级别</th><th>结果</th><th>检查行数</th>"
            "<th>不符合</th><th>比例</th><th>发现</th></tr>"
        )
        for o in items:
            pct = "" if o.unexpected_percent is None else f"{o.unexpected_percent:.2f}%"
            found = o.message_zh or (o.error or "")
            out.append(
                f"<tr><td>{_safe(o.check)}</td><td>{_safe(o.name)}</td><td>{_safe(o.description_zh)}</td>"
                f"<td>{_safe(o.severity)}</td>"
                f'<td><span class="badge b-{o.status}">{STATUS_ZH[o.status]}</span></td>'
                f'<td class="n">{_num(o.element_count)}</td><td class="n">{_num(o.unexpected_count)}</td>'
                f'<td class="n">{pct}</td><td class="msg">{_safe(found)}</td></tr>'
            )
        out.append("</table>")
        for o in items:
            if o.sample and not o.passed:
                out.append(f"<h3>{_safe(o.name)}：不符合的行（最多5行）</h3>" + _sample_table(o))
    out.append(
        '<p class="small">本页为离线页面，不引用任何外部资源。结果数据另存于同目录的 outcomes.json。</p>'
    )
    out.append("</body></html>")
    return "\n".join(out)


def _overview(q: Quality) -> str:
    """数据概况: the figures of checks.quality, then the quarantined rows by village/community."""
    rows = "".join(
        f'<tr><td>{_safe(label)}</td><td class="n">{value}</td></tr>' for label, value in q.figures()
    )
    out = f'<h2 id="overview">数据概况</h2><table class="overview"><tr><th>项目</th><th>数量</th></tr>{rows}</table>'
    if not q.by_unit:
        return out + "<p>没有隔离的行。</p>"
    units = "".join(
        f'<tr><td>{_safe(u.unit)}</td><td class="n">{u.rows}</td><td>{_safe(u.reasons_text())}</td></tr>'
        for u in q.by_unit
    )
    return (
        out + '<h3>隔离的行（按村（社区）/单位）</h3><table class="by-unit"><tr><th>村（社区）/单位</th>'
        f"<th>隔离行数</th><th>主要原因</th></tr>{units}</table>"
    )


def _check_descriptions() -> dict[str, str]:
    """Asset check name → Chinese description (staging groups and mart rules)."""
    from .marts_rules import RULES
    from .suites import check_names

    out = {name: desc for name, (_sev, desc) in check_names().items()}
    out.update({name: desc for name, (_sev, desc, _rule) in RULES.items()})
    return out


def _sample_table(o: CheckOutcome) -> str:
    keys: list[str] = []
    for row in o.sample:
        keys += [k for k in row if k not in keys and k not in HIDDEN_SAMPLE_KEYS]
    head = "".join(f"<th>{_safe(SAMPLE_LABELS.get(k, k))}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_safe(_num(row.get(k)))}</td>" for k in keys) + "</tr>" for row in o.sample
    )
    hint = f'<div class="small">修改建议：{_safe(o.hint_zh)}</div>' if o.hint_zh else ""
    return f'<div class="sample"><table><tr>{head}</tr>{body}</table>{hint}</div>'


def _worst(items: list[CheckOutcome]) -> str:
    statuses = {o.status for o in items}
    return "failed" if "failed" in statuses else "warned" if "warned" in statuses else "passed"


def _anchor(table: str) -> str:
    return "t-" + re.sub(r"[^A-Za-z0-9_-]", "-", table)


# --- outcomes kept per table by the asset checks -------------------------------------------------------------


@contextlib.contextmanager
def _locked(docs: Path) -> Iterator[None]:
    """One writer at a time (asset checks may run in parallel processes); filelock: the OS lock of each
    platform, released when the process ends however it ends."""
    from filelock import FileLock

    docs.mkdir(parents=True, exist_ok=True)
    with FileLock(docs / ".lock"):
        yield


def record_outcomes(
    reports_dir: Path,
    table: str,
    outcomes: list[CheckOutcome],
    as_of=None,
    fingerprint: str | None = None,
    con=None,
) -> Path:
    """Keep one table's latest outcomes and rebuild the page from every table's (with `con`: 数据概况 too)."""
    docs = _docs_dir(reports_dir)
    with _locked(docs):
        write_text(
            docs / "results" / f"{table}.json",
            json.dumps(
                {
                    "table": table,
                    "as_of": str(as_of) if as_of else None,
                    "fingerprint": fingerprint,
                    "outcomes": [o.to_dict() for o in outcomes],
                },
                ensure_ascii=False,
                indent=1,
                default=str,
            ),
        )
        return build_data_docs(load_outcomes(reports_dir), reports_dir, as_of=as_of, con=con)


def refresh(reports_dir: Path, con) -> tuple[Path, Quality]:
    """Count (checks.quality) and rebuild the page from the warehouse now; the page and its counts."""
    docs = _docs_dir(reports_dir)
    with _locked(docs):
        try:
            as_of = json.loads((docs / "outcomes.json").read_text(encoding="utf-8")).get("as_of")
        except (OSError, ValueError):
            as_of = None
        outcomes = load_outcomes(reports_dir)
        summary = quality(con, outcomes)
        return build_data_docs(outcomes, reports_dir, as_of=as_of, summary=summary), summary


def cached_outcomes(reports_dir: Path, table: str, fingerprint: str) -> list[CheckOutcome] | None:
    """The recorded outcomes of a table when they were computed on data with this fingerprint, else None."""
    path = _docs_dir(reports_dir) / "results" / f"{table}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not fingerprint or data.get("fingerprint") != fingerprint:
        return None
    return [CheckOutcome.from_dict(d) for d in data.get("outcomes", [])]


def load_outcomes(reports_dir: Path) -> list[CheckOutcome]:
    """The latest outcomes of every table the asset checks recorded (staging tables first)."""
    results = _docs_dir(reports_dir) / "results"
    if not results.is_dir():
        return []
    files = sorted(results.glob("*.json"), key=lambda p: (not p.name.startswith("staging."), p.name))
    out: list[CheckOutcome] = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out += [CheckOutcome.from_dict(d) for d in data.get("outcomes", [])]
    return out
