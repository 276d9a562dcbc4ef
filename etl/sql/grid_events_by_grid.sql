-- 东星社区各网格事件采集、办结、按期办结数和办结用时中位数。
SELECT getvariable('as_of') AS as_of, g.grid_id, g.name AS grid, count(e.record_key) AS collected,
       count(*) FILTER (e.is_closed) AS closed, count(*) FILTER (e.on_time) AS closed_on_time,
       pct(count(*) FILTER (e.is_closed), count(e.record_key)) AS closure_rate,
       pct(count(*) FILTER (e.on_time), count(*) FILTER (e.is_closed)) AS on_time_rate,
       round(median(e.hours_to_close), 2)::DECIMAL(18, 2) AS median_hours_to_close
FROM ref.grids g LEFT JOIN w_grid_events e USING (grid_id) GROUP BY g.grid_id, g.name ORDER BY g.grid_id
