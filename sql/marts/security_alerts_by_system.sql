-- mart: security_alerts_by_system: the SOC's alerts per information system and month detected,
-- by severity and status, time to resolve, beside the system's security level and its approval
-- shared with: the operations center, the Department of Science and Technology
-- One row per system in the month's inventory or with an alert that month: the inventory and the
-- alerts are stacked and summed per system and month (a join would hide alerts on a system
-- missing from the inventory, and a full join's coalesced keys would stop a month filter from
-- reaching the files). Statuses are as at the newest export of each alert.
with systems as (
    select
        period,
        system_id,
        security_level,
        level_approved,
        cast(null as varchar) as severity,
        cast(null as varchar) as status,
        cast(null as double) as hours_to_close,
        0 as alert
    from stg_information_systems
),

alerts as (
    select
        period,
        system_id,
        cast(null as bigint) as security_level,
        cast(null as boolean) as level_approved,
        severity,
        status,
        cast(date_diff('second', detected_at, closed_at) as double) / 3600.0 as hours_to_close,
        1 as alert
    from stg_soc_alerts
),

stacked as (
    select * from systems
    union all
    select * from alerts
),

final as (
    select
        period,                                                                               -- month the alerts were detected, yyyy-mm
        system_id,                                                                            -- as in information_systems
        max(security_level) as security_level,                                                -- level 1–5; null: not in the month's inventory
        bool_or(level_approved) as level_approved,                                            -- null: not in the month's inventory
        sum(alert) as alerts,                                                                 -- alerts
        sum(case when severity = 'critical' then 1 else 0 end) as alerts_critical,            -- alerts
        sum(case when severity = 'high' then 1 else 0 end) as alerts_high,                    -- alerts
        sum(case when severity = 'medium' then 1 else 0 end) as alerts_medium,                -- alerts
        sum(case when severity = 'low' then 1 else 0 end) as alerts_low,                      -- alerts
        sum(case when status in ('open', 'investigating') then 1 else 0 end) as alerts_open,  -- alerts, still open
        sum(case when status = 'resolved' then 1 else 0 end) as alerts_resolved,              -- alerts
        sum(case when status = 'false_positive' then 1 else 0 end) as alerts_false_positive,  -- alerts
        round(approx_percentile(case when status = 'resolved' then hours_to_close end, 0.5), 1)
            as median_hours_to_resolve                                                        -- hours, resolved alerts
    from stacked
    group by period, system_id
)

select * from final
