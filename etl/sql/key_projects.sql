-- 重点项目清单（镇、园区）：阶段、年度计划投资、累计完成投资、完成率、超序时进度。
SELECT getvariable('as_of') AS as_of, zone, project_name, stage, total_investment, annual_plan, completed_investment,
       completion_rate, schedule_rate, (completion_rate - schedule_rate)::DECIMAL(18, 2) AS ahead_of_schedule,
       responsible_unit
FROM w_key_projects ORDER BY zone DESC, CASE stage WHEN '在建' THEN 1 WHEN '预备' THEN 2 ELSE 3 END, project_name
