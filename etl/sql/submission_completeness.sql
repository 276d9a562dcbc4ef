-- 报送完整性：各单位每月每类台账是已报送、零报告还是未报送。
WITH months AS (
    SELECT strftime(m, '%Y-%m') AS month
    FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
sent AS (
    SELECT s.sender, s.ledger, s.period AS month, count(DISTINCT s.file_sha256) AS files,
           sum(s.rows_loaded) AS rows, bool_or(s.status = 'loaded') AS has_data
    FROM meta.source_sheets s WHERE s.status IN ('loaded', 'zero_report') GROUP BY 1, 2, 3)
SELECT getvariable('as_of') AS as_of, e.sender, u.unit_id, e.ledger, m.month,
       CASE WHEN sent.has_data THEN 'data' WHEN sent.files > 0 THEN 'zero_report' ELSE 'missing' END AS status,
       coalesce(sent.files, 0) AS files, coalesce(sent.rows, 0) AS rows
FROM ref.expected_submissions e CROSS JOIN months m
LEFT JOIN ref.units u ON u.name = e.sender
LEFT JOIN sent ON sent.sender = e.sender AND sent.ledger = e.ledger AND sent.month = m.month
ORDER BY e.ledger, e.sender, m.month
