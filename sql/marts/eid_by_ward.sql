-- mart: eid_by_ward: activated e-ID (VNeID) accounts over people aged 14+, per ward and month
-- shared with: agencies, the operations center
with accounts as (
    select * from stg_eid_accounts
),

population as (
    select * from stg_population
),

final as (
    select
        a.period,               -- reporting month, yyyy-mm
        a.ward_code,            -- 2025 ward code
        a.activated_accounts,   -- accounts
        a.level2_accounts,      -- accounts at level 2
        p.population_14plus,    -- people aged 14 and over
        round(100.0 * cast(a.activated_accounts as double) / nullif(cast(p.population_14plus as double), 0), 2) as activated_pct_of_14plus  -- %
    from accounts as a
    left join population as p
        on p.period = a.period and p.ward_code = a.ward_code
)

select * from final
