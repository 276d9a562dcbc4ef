-- 网格事件按类型（维护稳定、治安防控等）统计办结率和按期办结率。
SELECT getvariable('as_of') AS as_of, coalesce(event_type, '未分类') AS event_type, count(*) AS collected,
       count(*) FILTER (is_closed) AS closed, count(*) FILTER (on_time) AS closed_on_time,
       pct(count(*) FILTER (is_closed), count(*)) AS closure_rate,
       pct(count(*) FILTER (on_time), count(*) FILTER (is_closed)) AS on_time_rate,
       round(median(hours_to_close), 2)::DECIMAL(18, 2) AS median_hours_to_close
FROM w_grid_events GROUP BY 2 ORDER BY collected DESC
