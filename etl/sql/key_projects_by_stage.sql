-- 重点项目按阶段（在建、预备、前期）汇总，含投资完成率和超序时进度。
-- 合计 is every project of the zone, 前期 included (their annual plan is part of the year's plan, as in the
-- senders' own 合计 rows); a 累计完成投资 written "—"/"无" counts as 0 beside a plan (SPEC: 投资完成率 =
-- completed ÷ plan), so each stage row adds up to the 合计.
WITH s AS (
    SELECT zone, CASE WHEN grouping(stage) = 1 THEN NULL ELSE coalesce(stage, '未注明') END AS stage,
           count(*) AS projects,
           round(sum(total_investment), 2) AS total_investment, round(sum(annual_plan), 2) AS annual_plan,
           CASE WHEN sum(annual_plan) IS NOT NULL THEN round(coalesce(sum(completed_investment), 0), 2)
           END AS completed_investment
    FROM w_key_projects GROUP BY GROUPING SETS ((zone, stage), (zone)))
SELECT getvariable('as_of') AS as_of, zone, coalesce(stage, '合计') AS stage, projects, total_investment, annual_plan,
       completed_investment, pct(completed_investment, annual_plan) AS completion_rate,
       getvariable('schedule_rate') AS schedule_rate,
       (pct(completed_investment, annual_plan) - getvariable('schedule_rate'))::DECIMAL(18, 2) AS ahead_of_schedule
FROM s ORDER BY zone DESC, CASE coalesce(stage, '合计') WHEN '在建' THEN 1 WHEN '预备' THEN 2
                                     WHEN '前期' THEN 3 WHEN '合计' THEN 9 ELSE 5 END
