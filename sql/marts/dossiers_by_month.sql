-- mart: dossiers_by_month: administrative dossiers of the whole province, per month of receipt
-- shared with: the operations center (its chart of online and on-time rates against the plan's target)
-- no applicant data: counts and rates only; the same formulas as dossiers_monthly, over every agency and ward
with dossiers as (
    select * from stg_admin_dossiers
),

final as (
    select
        period,                                                                              -- month received, yyyy-mm
        count(*) as dossiers_total,                                                          -- dossiers received
        sum(case when channel = 'online' then 1 else 0 end) as dossiers_online,              -- received online
        round(100.0 * cast(sum(case when channel = 'online' then 1 else 0 end) as double) / count(*), 2) as online_rate_pct,                    -- %
        round(100.0 * cast(sum(case when service_level = 'full_process' then 1 else 0 end) as double) / count(*), 2) as full_process_pct,      -- % for full-process online procedures
        sum(case when completed_at is not null then 1 else 0 end) as dossiers_completed,     -- with a result
        round(100.0 * cast(sum(case when on_time then 1 else 0 end) as double) / nullif(sum(case when on_time is not null then 1 else 0 end), 0), 2) as on_time_rate_pct,  -- % of completed, by the deadline
        round(100.0 * cast(sum(case when paid_online then 1 else 0 end) as double) / count(*), 2) as paid_online_pct                           -- %
    from dossiers
    group by period
)

select * from final
