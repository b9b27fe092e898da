-- mart: information_systems_status: systems by security level, approved share, and the LGSP-
-- connected share among public-facing systems, per month
-- shared with: the IT department, the operations center
with systems as (
    select * from stg_information_systems
),

final as (
    select
        period,                                                                                  -- reporting month, yyyy-mm
        security_level,                                                                          -- level 1–5
        count(*) as systems,                                                                     -- systems
        sum(case when level_approved then 1 else 0 end) as systems_approved,                     -- level dossier approved
        round(100.0 * cast(sum(case when level_approved then 1 else 0 end) as double) / count(*), 2) as approved_pct,  -- %
        sum(case when serves_public then 1 else 0 end) as systems_public,                        -- citizen- or business-facing
        sum(case when serves_public and lgsp_connected then 1 else 0 end) as systems_public_lgsp,  -- of those, on the LGSP
        round(100.0 * cast(sum(case when serves_public and lgsp_connected then 1 else 0 end) as double) / nullif(sum(case when serves_public then 1 else 0 end), 0), 2) as lgsp_connected_public_pct  -- %
    from systems
    group by period, security_level
)

select * from final
