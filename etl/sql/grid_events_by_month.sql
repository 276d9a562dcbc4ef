-- 网格事件按月采集、办结数，按期办结率和环比（未满一月不计环比）。
WITH m AS (
    SELECT strftime(reported_at, '%Y-%m') AS month, count(*) AS collected,
           count(*) FILTER (is_closed) AS closed, count(*) FILTER (on_time) AS closed_on_time,
           round(median(hours_to_close), 2)::DECIMAL(18, 2) AS median_hours_to_close
    FROM w_grid_events GROUP BY 1)
SELECT getvariable('as_of') AS as_of, month, collected, closed, closed_on_time, pct(closed, collected) AS closure_rate,
       pct(closed_on_time, closed) AS on_time_rate, median_hours_to_close,
       CASE WHEN month IS DISTINCT FROM getvariable('partial_month')
            THEN pct(collected - lag(collected) OVER (ORDER BY month), lag(collected) OVER (ORDER BY month)) END
         AS collected_mom_pct
FROM m ORDER BY month
