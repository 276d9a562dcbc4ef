"""Assets of the charts and reports groups: the report pack officials print, and the clerks' feedback."""

import datetime as dt

import dagster as dg
from taizhang.reports.catalog import CHART_MARTS, CHART_TITLES

from .ingest import QUARANTINE, SOURCE_FILES
from .marts import MART
from .resources import ReportingPeriod, Warehouse

CHART = {name: dg.AssetKey(["charts", name]) for name in CHART_TITLES}
EXCEL_REPORT = dg.AssetKey(["reports", "excel_report"])
WORD_REPORT = dg.AssetKey(["reports", "word_report"])
FEEDBACK = dg.AssetKey(["reports", "feedback_workbooks"])
ALL_MARTS = list(MART.values())


def pack_dir(warehouse: Warehouse, as_of: dt.date):
    return warehouse.paths.reports / as_of.isoformat()


@dg.multi_asset(
    specs=[dg.AssetSpec(CHART[n], group_name="charts", kinds={"matplotlib", "png"},
                        deps=[MART[m] for m in CHART_MARTS[n]],
                        description=f"图表：{title}（PNG，打印分辨率）。") for n, title in CHART_TITLES.items()],
    name="render_charts")
def render_charts(context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod):
    """Renders every chart of the report pack from the marts (the plotting code is imported only when a chart
    has to be drawn: that import is most of a rerun's chart time)."""
    from taizhang.reports.freshness import is_current, mark_rendered, marts_fingerprint, preview

    paths, redrawn = {}, []
    with warehouse.read() as con:
        as_of = period.resolve(con)
        out = pack_dir(warehouse, as_of) / "charts"
        for name in CHART_TITLES:
            fingerprint = marts_fingerprint(con, as_of, CHART_MARTS[name])
            path = out / f"{name}.png"
            if not is_current(path, fingerprint):  # same marts, same code: the PNG on disk is this chart
                from taizhang.reports.charts import CHARTS

                path = CHARTS[name](con, as_of, out)
                mark_rendered(path, fingerprint)
                redrawn.append(name)
            paths[name] = path
    context.log.info(f"charts redrawn: {len(redrawn)} of {len(paths)}")
    for name, path in paths.items():
        yield dg.MaterializeResult(asset_key=CHART[name], metadata={
            "as_of": as_of.isoformat(), "path": dg.MetadataValue.path(str(path)), "redrawn": name in redrawn,
            "preview": dg.MetadataValue.md(preview(path, _thumbnail))})


def _thumbnail(path) -> str:
    from taizhang.reports.charts import thumbnail_markdown

    return thumbnail_markdown(path)


@dg.asset(key=EXCEL_REPORT, group_name="reports", kinds={"excel"}, deps=ALL_MARTS,
          description="Excel报表：每张表一个工作表，标题、填报单位、计量单位、合计行、制表人/审核人，可直接上报。")
def excel_report(warehouse: Warehouse, period: ReportingPeriod) -> dg.MaterializeResult:
    from taizhang.reports.excel_report import write_excel_report
    from taizhang.reports.freshness import is_current, mark_rendered, marts_fingerprint

    with warehouse.read() as con:
        as_of = period.resolve(con)
        path = pack_dir(warehouse, as_of) / f"西天尾镇报表_{as_of.isoformat()}.xlsx"
        fingerprint = marts_fingerprint(con, as_of)
        redrawn = not is_current(path, fingerprint)
        if redrawn:
            path = write_excel_report(con, as_of, path)
            mark_rendered(path, fingerprint)
    return dg.MaterializeResult(metadata={"as_of": as_of.isoformat(), "path": dg.MetadataValue.path(str(path)),
                                          "size_kb": round(path.stat().st_size / 1024, 1), "redrawn": redrawn})


@dg.asset(key=WORD_REPORT, group_name="reports", kinds={"word"}, deps=[*ALL_MARTS, *CHART.values()],
          description="Word工作总结（数据稿）：按“一、二、三、四”成文，数字用近、余、约表述并附精确数表和图表。")
def word_report(warehouse: Warehouse, period: ReportingPeriod) -> dg.MaterializeResult:
    from taizhang.reports.freshness import is_current, mark_rendered, marts_fingerprint
    from taizhang.reports.word_report import write_word_report

    with warehouse.read() as con:
        as_of = period.resolve(con)
        folder = pack_dir(warehouse, as_of)
        charts = {n: folder / "charts" / f"{n}.png" for n in CHART_TITLES if (folder / "charts" / f"{n}.png").exists()}
        path = folder / f"工作总结_{as_of.isoformat()}.docx"
        fingerprint = marts_fingerprint(con, as_of) + ":" + ",".join(sorted(charts))
        redrawn = not is_current(path, fingerprint)
        if redrawn:
            path = write_word_report(con, as_of, charts, path)
            mark_rendered(path, fingerprint)
    return dg.MaterializeResult(metadata={"as_of": as_of.isoformat(), "path": dg.MetadataValue.path(str(path)),
                                          "charts_embedded": len(charts), "redrawn": redrawn})


@dg.asset(key=FEEDBACK, group_name="reports", kinds={"excel"}, deps=[QUARANTINE, SOURCE_FILES],
          description="退回修改清单：每个有问题的村（社区）一个Excel，逐条列出文件、工作表、行、列、问题和修改建议。")
def feedback_workbooks(warehouse: Warehouse) -> dg.MaterializeResult:
    from taizhang.etl.run_state import code_digest, warehouse_fingerprint
    from taizhang.reports.freshness import folder_is_current, mark_folder_written

    folder = warehouse.paths.reports / "feedback"
    with warehouse.read() as con:
        # the workbooks say what quarantine and meta say about each sender: same warehouse, same workbooks
        fingerprint = f"{warehouse_fingerprint(con)}:{code_digest()}"
        paths = folder_is_current(folder, fingerprint)
        rewritten = paths is None
        if rewritten:
            from taizhang.reports.feedback import write_feedback

            paths = write_feedback(con, folder)
            mark_folder_written(folder, fingerprint, paths)
    return dg.MaterializeResult(metadata={
        "workbooks": len(paths), "folder": dg.MetadataValue.path(str(folder)), "rewritten": rewritten,
        "units": dg.MetadataValue.md("\n".join(f"- {p.name}" for p in paths) or "（没有需要退回的问题）")})


ASSETS = [render_charts, excel_report, word_report, feedback_workbooks]
