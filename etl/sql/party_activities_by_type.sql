-- 党组织活动按类型（支委会、党员大会、党课等）统计次数和参学率。
SELECT getvariable('as_of') AS as_of, coalesce(activity_type, '未分类') AS activity_type, count(*) AS activities,
       coalesce(sum(expected), 0) AS expected, coalesce(sum(attended), 0) AS attended,
       pct(sum(attended), sum(expected)) AS attendance_rate
FROM w_party_activities GROUP BY 2 ORDER BY activities DESC
