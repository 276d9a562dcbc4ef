"""Assets of the charts and reports groups: the report pack officials print, and the clerks' feedback.

Each is drawn from the marts of the run's reporting date and reports the file's version (the date and its
bytes): a step whose marts, code and file are those of its last materialization does not draw it again,
and a file edited or deleted by hand is drawn again."""

import datetime as dt
from pathlib import Path

import dagster as dg
from taizhang.etl import fingerprints as fp
from taizhang.reports.catalog import CHART_MARTS, CHART_TITLES

from . import labels
from .ingest import QUARANTINE, SOURCE_FILES
from .marts import MART
from .resources import ReportingPeriod, Warehouse
from .versions import code_version, current_versions, deps_of, reported, unchanged

CHART = {name: dg.AssetKey(["charts", name]) for name in CHART_TITLES}
EXCEL_REPORT = dg.AssetKey(["reports", "excel_report"])
WORD_REPORT = dg.AssetKey(["reports", "word_report"])
FEEDBACK = dg.AssetKey(["reports", "feedback_workbooks"])
ALL_MARTS = list(MART.values())


def pack_dir(warehouse: Warehouse, as_of: dt.date) -> Path:
    from taizhang.reports.pack import pack_dir as folder

    return folder(warehouse.paths.reports, as_of)


def chart_path(warehouse: Warehouse, as_of: dt.date, name: str) -> Path:
    return pack_dir(warehouse, as_of) / "charts" / f"{name}.png"


def _chart_image(path: Path, name: str) -> dg.MarkdownMetadataValue:
    """The chart itself, inlined as a thumbnail: the UI shows it under "[Show Markdown]" (Dagster 1.13 has no
    image metadata, and renders markdown in place only below 1,000 characters)."""
    from taizhang.reports.charts import thumbnail_markdown

    return dg.MetadataValue.md(thumbnail_markdown(path, alt=CHART_TITLES[name]))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            CHART[n],
            group_name="charts",
            kinds={"matplotlib", "png"},
            deps=[MART[m] for m in CHART_MARTS[n]],
            code_version=code_version("reports"),
            description=f"图表：{title}（PNG，打印分辨率）。",
        )
        for n, title in CHART_TITLES.items()
    ],
    name="render_charts",
    can_subset=True,
)
def render_charts(context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod):
    """Renders the selected charts of the report pack from the marts (the plotting code is imported only when
    a chart has to be drawn: that import is most of a rerun's chart time)."""
    as_of = period.date()
    names = [n for n in CHART_TITLES if CHART[n] in context.selected_asset_keys]
    results, redrawn = [], []
    with warehouse.read() as con:
        for name in names:
            key, path = CHART[name], chart_path(warehouse, as_of, name)
            inputs = current_versions(deps_of(context, key), con, as_of)
            last = unchanged(context, key, inputs, fp.file_version(path, as_of))
            if last is None:
                from taizhang.reports.charts import CHARTS

                path = CHARTS[name](con, as_of, path.parent)
                redrawn.append(name)
            picture = (last.metadata.get(labels.CHART) if last else None) or _chart_image(path, name)
            results.append(
                reported(
                    key,
                    fp.file_version(path, as_of),
                    {
                        labels.AS_OF: as_of.isoformat(),
                        labels.CHART: picture,
                        labels.FILE: dg.MetadataValue.path(str(path)),
                        labels.REDONE: labels.yes_no(name in redrawn),
                    },
                )
            )
    context.log.info(f"重绘图表 {len(redrawn)} 张（共选 {len(names)} 张）")
    yield from results


@dg.asset(
    key=EXCEL_REPORT,
    group_name="reports",
    kinds={"excel"},
    deps=ALL_MARTS,
    code_version=code_version("reports"),
    description="Excel报表：每张表一个工作表，标题、填报单位、计量单位、合计行、制表人/审核人，可直接上报。",
)
def excel_report(
    context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod
) -> dg.MaterializeResult:
    from taizhang.reports.pack import excel_name

    as_of = period.date()
    path = pack_dir(warehouse, as_of) / excel_name(as_of)
    with warehouse.read() as con:
        inputs = current_versions(deps_of(context, EXCEL_REPORT), con, as_of)
        last = unchanged(context, EXCEL_REPORT, inputs, fp.file_version(path, as_of))
        if last is None:
            from taizhang.reports.excel_report import write_excel_report

            path = write_excel_report(con, as_of, path)
    return reported(
        EXCEL_REPORT,
        fp.file_version(path, as_of),
        {
            labels.AS_OF: as_of.isoformat(),
            labels.FILE: dg.MetadataValue.path(str(path)),
            labels.SIZE_KB: round(path.stat().st_size / 1024, 1),
            labels.REDONE: labels.yes_no(last is None),
        },
    )


@dg.asset(
    key=WORD_REPORT,
    group_name="reports",
    kinds={"word"},
    deps=[*ALL_MARTS, *CHART.values()],
    code_version=code_version("reports"),
    description="Word工作总结（数据稿）：按“一、二、三、四”成文，数字用近、余、约表述并附精确数表和图表。",
)
def word_report(
    context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod
) -> dg.MaterializeResult:
    from taizhang.reports.pack import word_name

    as_of = period.date()
    path = pack_dir(warehouse, as_of) / word_name(as_of)
    charts = {
        n: chart_path(warehouse, as_of, n) for n in CHART_TITLES if chart_path(warehouse, as_of, n).exists()
    }
    from taizhang.reports.word_report import PACKAGED_TEMPLATE, template_path

    # the office's own template (<home>/templates/工作情况汇报.docx) when there is one: editing it redraws
    template = template_path(warehouse.paths.root)

    def version():
        drawn = fp.file_version(path, as_of)
        return drawn and fp.digest(drawn, fp.sha256_of_file(template))

    with warehouse.read() as con:
        files = {CHART[n]: chart_path(warehouse, as_of, n) for n in CHART_TITLES}
        inputs = current_versions(deps_of(context, WORD_REPORT), con, as_of, files)
        last = unchanged(context, WORD_REPORT, inputs, version())
        if last is None:
            from taizhang.reports.word_report import write_word_report

            path = write_word_report(con, as_of, charts, path, template=template)
    return reported(
        WORD_REPORT,
        version(),
        {
            labels.TEMPLATE: "系统自带模板" if template == PACKAGED_TEMPLATE else f"本单位模板 {template}",
            labels.AS_OF: as_of.isoformat(),
            labels.FILE: dg.MetadataValue.path(str(path)),
            labels.CHARTS_EMBEDDED: len(charts),
            labels.REDONE: labels.yes_no(last is None),
        },
    )


@dg.asset(
    key=FEEDBACK,
    group_name="reports",
    kinds={"excel"},
    deps=[QUARANTINE, SOURCE_FILES],
    code_version=code_version("reports"),
    description="退回修改清单：每个有问题的村（社区）一个Excel，逐条列出文件、工作表、行、列、问题和修改建议。",
)
def feedback_workbooks(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    from taizhang.reports.feedback import FEEDBACK_DIR

    folder = warehouse.paths.reports / FEEDBACK_DIR
    with warehouse.read() as con:
        inputs = current_versions(deps_of(context, FEEDBACK), con)
        last = unchanged(context, FEEDBACK, inputs, fp.folder_version(folder))
        if last is None:
            from taizhang.reports.feedback import write_feedback

            write_feedback(con, folder)
    paths = (
        sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        if folder.is_dir()
        else []
    )
    return reported(
        FEEDBACK,
        fp.folder_version(folder) or fp.digest("none"),
        {
            labels.WORKBOOKS: len(paths),
            labels.FOLDER: dg.MetadataValue.path(str(folder)),
            labels.REDONE: labels.yes_no(last is None),
            labels.FEEDBACK_FILES: dg.MetadataValue.md(
                "\n".join(f"- {p.name}" for p in paths) or "（没有需要退回的问题）"
            ),
        },
    )


ASSETS = [render_charts, excel_report, word_report, feedback_workbooks]
