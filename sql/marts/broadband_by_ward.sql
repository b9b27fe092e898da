-- mart: broadband_by_ward: fixed broadband subscribers by carrier and ward, and the ward's
-- households with fixed broadband, per month. Ward figures repeat on each carrier row.
-- shared with: agencies, the operations center
with subscribers as (
    select * from stg_telecom_subscribers
),

population as (
    select * from stg_population
),

by_carrier as (
    select
        period,
        ward_code,
        carrier,
        sum(fixed_broadband_ftth + fixed_broadband_other) as fixed_broadband_subscribers
    from subscribers
    group by period, ward_code, carrier
),

final as (
    select
        c.period,                                                       -- reporting month, yyyy-mm
        c.ward_code,                                                    -- 2025 ward code
        c.carrier,                                                      -- fixed broadband provider
        c.fixed_broadband_subscribers,                                  -- subscriptions, this carrier
        sum(c.fixed_broadband_subscribers) over (partition by c.period, c.ward_code) as ward_fixed_broadband_subscribers,  -- subscriptions, all carriers
        p.households,                                                   -- households in the ward
        p.households_with_fixed_broadband,                              -- households with a fixed line
        round(100.0 * cast(p.households_with_fixed_broadband as double) / nullif(cast(p.households as double), 0), 2) as households_fixed_broadband_pct  -- %
    from by_carrier as c
    left join population as p
        on p.period = c.period and p.ward_code = c.ward_code
)

select * from final
