-- mart: dossiers_monthly: administrative dossiers by agency and ward, per month of receipt
-- shared with: agencies, the operations center (no applicant data: counts and rates only)
with dossiers as (
    select * from stg_admin_dossiers
),

final as (
    select
        period,                                                                              -- month received, yyyy-mm
        agency_code,                                                                         -- handling agency
        ward_code,                                                                           -- 2025 ward code
        count(*) as dossiers_total,                                                          -- dossiers received
        sum(case when channel = 'online' then 1 else 0 end) as dossiers_online,              -- received online
        round(100.0 * cast(sum(case when channel = 'online' then 1 else 0 end) as double) / count(*), 2) as online_rate_pct,                    -- %
        round(100.0 * cast(sum(case when service_level = 'full_process' then 1 else 0 end) as double) / count(*), 2) as full_process_pct,      -- % for full-process online procedures
        sum(case when completed_at is not null then 1 else 0 end) as dossiers_completed,     -- with a result
        round(100.0 * cast(sum(case when on_time then 1 else 0 end) as double) / nullif(sum(case when on_time is not null then 1 else 0 end), 0), 2) as on_time_rate_pct,  -- % of completed, by the deadline
        round(100.0 * cast(sum(case when paid_online then 1 else 0 end) as double) / count(*), 2) as paid_online_pct,                          -- %
        round(approx_percentile(cast(date_diff('second', received_at, completed_at) as double) / 86400.0, 0.5), 2) as median_processing_days  -- days, completed dossiers
    from dossiers
    group by period, agency_code, ward_code
)

select * from final
