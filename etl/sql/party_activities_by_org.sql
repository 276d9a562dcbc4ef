-- 各党组织“三会一课”、主题党日等活动次数和参学率。
SELECT getvariable('as_of') AS as_of, o.party_org_id, o.name AS org, o.org_type, count(a.record_key) AS activities,
       coalesce(sum(a.expected), 0) AS expected, coalesce(sum(a.attended), 0) AS attended,
       pct(sum(a.attended), sum(a.expected)) AS attendance_rate
FROM ref.party_orgs o LEFT JOIN w_party_activities a USING (party_org_id)
GROUP BY o.party_org_id, o.name, o.org_type ORDER BY o.party_org_id
