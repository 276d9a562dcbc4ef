-- 超期未化解矛盾纠纷清单（受理超过30天仍在化解中），按村（社区）督办。
SELECT getvariable('as_of') AS as_of, unit, area, record_key, received_date,
       date_diff('day', received_date, getvariable('as_of')) AS days_open, dispute_type, level,
       file_name, sheet, row_number
FROM w_disputes
WHERE NOT is_resolved AND status = 'open'
  AND date_diff('day', received_date, getvariable('as_of')) > getvariable('overdue_days')
ORDER BY days_open DESC, unit
