-- 按月受理、化解数，累计化解率和受理数环比（截至日所在月未满一月时不计环比）。
WITH months AS (
    SELECT strftime(m, '%Y-%m') AS month
    FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
rec AS (SELECT strftime(received_date, '%Y-%m') AS month, count(*) AS n FROM w_disputes GROUP BY 1),
res AS (SELECT strftime(resolved_date, '%Y-%m') AS month, count(*) AS n FROM w_disputes WHERE is_resolved GROUP BY 1),
j AS (SELECT m.month, coalesce(rec.n, 0) AS received, coalesce(res.n, 0) AS resolved
      FROM months m LEFT JOIN rec USING (month) LEFT JOIN res USING (month))
SELECT getvariable('as_of') AS as_of, month, received, resolved,
       sum(received) OVER (ORDER BY month) AS cumulative_received,
       sum(resolved) OVER (ORDER BY month) AS cumulative_resolved,
       pct(sum(resolved) OVER (ORDER BY month), sum(received) OVER (ORDER BY month)) AS cumulative_rate,
       CASE WHEN month IS DISTINCT FROM getvariable('partial_month')
            THEN pct(received - lag(received) OVER (ORDER BY month), lag(received) OVER (ORDER BY month)) END
         AS received_mom_pct
FROM j ORDER BY month
