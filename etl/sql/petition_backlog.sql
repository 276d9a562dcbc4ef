-- 信访积案清单：化解状态、化解日期、是否签订息访息诉承诺书（不含个人信息）。
SELECT getvariable('as_of') AS as_of, case_id, unit, first_visit_date,
       CASE WHEN is_resolved THEN '已化解' ELSE '化解中' END AS status,
       CASE WHEN is_resolved THEN resolved_date END AS resolved_date,
       coalesce(pledge_signed, false) AS pledge_signed, leader_masked, responsible_unit
FROM w_petitions ORDER BY case_id
