"""What the assets report in the Dagster UI, by label: the metadata keys an analyst reads beside each asset.
Chinese, and defined once here (the steps write them, the reruns read the previews back, the tests look
them up). Dagster's own keys (`dagster/row_count`) keep their names: the UI shows them as "Row count".
"""

AS_OF = "截至日期"
REDONE = "本次重新生成"  # 是 / 否: whether this run did the work or reported its last materialization again
YES, NO = "是", "否"
FILE = "文件"
FOLDER = "文件夹"

# reference and ingest
TABLE_ROWS = "各表行数"
FILES = "文件数"
ROWS_LOADED = "本次导入行数"
ROWS_QUARANTINED = "本次隔离行数"
FILES_READ = "本次读入文件数"
FILES_REJECTED = "本次拒收文件数"
FILES_BY_STATUS = "各状态文件数"
REJECTED_FILES = "拒收文件"
QUARANTINE_BY_REASON = "隔离原因"

# marts: each mart's rows of the run's date as a table with Chinese headers
HEADLINE = "全镇核心指标"
BY_UNIT = "各村（社区）矛盾纠纷化解率"
PREVIEW = "数据预览"
MART_PREVIEW = {"headline_indicators": HEADLINE, "dispute_resolution_by_unit": BY_UNIT}

# charts and reports
CHART = "图表"  # the chart itself, inlined (the UI opens it with "[Show Markdown]")
SIZE_KB = "大小（KB）"
CHARTS_EMBEDDED = "插图数"
TEMPLATE = "工作总结模板"
WORKBOOKS = "退回修改清单数"
FEEDBACK_FILES = "退回修改清单"


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def preview_label(mart: str) -> str:
    """The label of a mart's preview table."""
    return MART_PREVIEW.get(mart, PREVIEW)
