-- 超过处理时限仍未办结的网格事件清单（督办）。
SELECT getvariable('as_of') AS as_of, grid, event_id, event_type, reported_at, deadline,
       round(date_diff('minute', deadline, getvariable('as_of_end')) / 60.0, 1)::DECIMAL(18, 1) AS hours_overdue,
       status, file_name, sheet, row_number
FROM w_grid_events
WHERE NOT is_closed AND deadline IS NOT NULL AND deadline < getvariable('as_of_end')
ORDER BY hours_overdue DESC
