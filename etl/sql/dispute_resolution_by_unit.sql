-- 各村（社区）矛盾纠纷受理、化解、在办数和化解率。
SELECT getvariable('as_of') AS as_of, ua.area, ua.unit_id, ua.unit, ua.unit_type,
       count(d.record_key) AS received, count(*) FILTER (d.is_resolved) AS resolved,
       count(*) FILTER (d.record_key IS NOT NULL AND NOT d.is_resolved AND d.status = 'open') AS open,
       count(*) FILTER (d.record_key IS NOT NULL AND NOT d.is_resolved AND d.status <> 'open') AS not_resolved,
       pct(count(*) FILTER (d.is_resolved), count(d.record_key)) AS resolution_rate
FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id)
GROUP BY ua.area, ua.unit_id, ua.unit, ua.unit_type ORDER BY ua.area, ua.unit
