"""The report pack's charts by name and title — importable without matplotlib (the Dagster definitions
build one asset per chart from it)."""

CHART_TITLES = {
    "dispute_rate_by_unit": "各村（社区）矛盾纠纷化解率",
    "disputes_by_month": "矛盾纠纷月度受理与化解情况",
    "disputes_by_category": "矛盾纠纷分类受理与化解情况",
    "dispute_levels": "矛盾纠纷化解层级",
    "legal_visits_by_month": "“三官一律”下沉工作月度情况",
    "key_projects_by_stage": "重点项目分阶段情况",
    "investment_completion": "重点项目年度投资完成率与序时进度",
    "grid_events_by_type": "东星社区网格事件分类采集情况",
    "grid_events_by_month": "东星社区网格事件月度办理情况",
    "party_by_org": "各党组织活动开展及参学情况",
}

# the marts each chart reads (its lineage in the Dagster UI)
CHART_MARTS = {
    "dispute_rate_by_unit": ("dispute_resolution_by_unit", "headline_indicators"),
    "disputes_by_month": ("dispute_resolution_by_month",),
    "disputes_by_category": ("dispute_resolution_by_category",),
    "dispute_levels": ("dispute_levels",),
    "legal_visits_by_month": ("legal_visits_by_month",),
    "key_projects_by_stage": ("key_projects", "key_projects_by_stage"),
    "investment_completion": ("key_projects", "key_projects_by_stage"),
    "grid_events_by_type": ("grid_events_by_type",),
    "grid_events_by_month": ("grid_events_by_month",),
    "party_by_org": ("party_activities_by_org", "headline_indicators"),
}
