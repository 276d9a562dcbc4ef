-- “三官一律”按身份（法官、检察官、警官、律师）统计。
SELECT getvariable('as_of') AS as_of, coalesce(role, '未注明') AS role, count(*) AS visits,
       coalesce(sum(disputes_resolved), 0) AS disputes_resolved, coalesce(sum(consultations), 0) AS consultations
FROM w_legal_visits GROUP BY role
ORDER BY CASE role WHEN '法官' THEN 1 WHEN '检察官' THEN 2 WHEN '警官' THEN 3 WHEN '律师' THEN 4 ELSE 5 END
