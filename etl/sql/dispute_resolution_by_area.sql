-- 各片区（品牌调解室）矛盾纠纷受理、化解数和化解率。
SELECT getvariable('as_of') AS as_of, ua.area, any_value(ua.mediation_room) AS mediation_room, count(DISTINCT ua.unit_id) AS units,
       count(d.record_key) AS received, count(*) FILTER (d.is_resolved) AS resolved,
       pct(count(*) FILTER (d.is_resolved), count(d.record_key)) AS resolution_rate
FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id)
GROUP BY ua.area ORDER BY ua.area
