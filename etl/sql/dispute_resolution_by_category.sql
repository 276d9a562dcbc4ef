-- 按纠纷类型（山林权属、征地拆迁、婚姻家庭等）的受理、化解数和化解率。
SELECT getvariable('as_of') AS as_of, coalesce(dispute_type, '未分类') AS dispute_type, count(*) AS received,
       count(*) FILTER (is_resolved) AS resolved, pct(count(*) FILTER (is_resolved), count(*)) AS resolution_rate
FROM w_disputes GROUP BY 2 ORDER BY received DESC, dispute_type
