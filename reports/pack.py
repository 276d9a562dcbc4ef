"""The report pack of one as-of date: charts, the Excel 报表 and the Word 工作总结 draft, in one folder.

    render_pack(con, as_of, reports_root, template=None) -> {"dir", "charts", "excel", "word", "files"}

Layout:  <reports_root>/<as_of ISO>/
             charts/<name>.png                 (CHARTS of reports/charts.py, 200 dpi)
             西天尾镇报表_<as_of ISO>.xlsx
             工作总结_<as_of ISO>.docx
Everything is read from the marts of the as-of date only (no personal data there); rendering twice gives the
same figures (file properties are stamped with the as-of date, not the clock).
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import style as S

log = logging.getLogger(__name__)


def pack_dir(reports_root: Path, as_of) -> Path:
    return Path(reports_root) / S.to_date(as_of).isoformat()


def excel_name(as_of) -> str:
    return f"{S.TOWN}报表_{S.to_date(as_of).isoformat()}.xlsx"


def word_name(as_of) -> str:
    return f"工作总结_{S.to_date(as_of).isoformat()}.docx"


def render_pack(con, as_of, reports_root: Path, template: Path | None = None) -> dict:
    """Render every chart, the workbook and the Word draft (from `template`, default the packaged one) for
    as_of into <reports_root>/<as_of>/."""
    from .charts import render_all
    from .excel_report import write_excel_report
    from .word_report import write_word_report

    as_of = S.to_date(as_of)
    out = pack_dir(reports_root, as_of)
    out.mkdir(parents=True, exist_ok=True)
    charts = render_all(con, as_of, out / "charts")
    excel = write_excel_report(con, as_of, out / excel_name(as_of))
    word = write_word_report(con, as_of, charts, out / word_name(as_of), template=template)
    files = [*charts.values(), excel, word]
    log.info("report pack as of %s: %d files in %s", as_of, len(files), out)
    return {"as_of": as_of, "dir": out, "charts": charts, "excel": excel, "word": word, "files": files}
