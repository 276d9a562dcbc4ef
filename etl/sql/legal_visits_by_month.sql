-- “三官一律”按月下沉次数、化解纠纷数、法律咨询数和环比（未满一月不计环比）。
WITH months AS (
    SELECT strftime(m, '%Y-%m') AS month
    FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
v AS (SELECT strftime(visit_date, '%Y-%m') AS month, count(*) AS visits,
             coalesce(sum(disputes_resolved), 0) AS disputes_resolved,
             coalesce(sum(consultations), 0) AS consultations FROM w_legal_visits GROUP BY 1),
j AS (SELECT m.month, coalesce(v.visits, 0) AS visits, coalesce(v.disputes_resolved, 0) AS disputes_resolved,
             coalesce(v.consultations, 0) AS consultations FROM months m LEFT JOIN v USING (month))
SELECT getvariable('as_of') AS as_of, month, visits, disputes_resolved, consultations,
       CASE WHEN month IS DISTINCT FROM getvariable('partial_month')
            THEN pct(visits - lag(visits) OVER (ORDER BY month), lag(visits) OVER (ORDER BY month)) END
         AS visits_mom_pct
FROM j ORDER BY month
