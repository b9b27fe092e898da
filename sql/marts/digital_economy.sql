-- mart: digital_economy: digital economy value added and its share of GRDP by year, and SMEs
-- on digital platforms over enterprises (December figures)
-- shared with: everyone (provincial statistics)
with indicators as (
    select * from stg_provincial_indicators
    where substr(period, 6, 2) = '12'
),

by_year as (
    select
        cast(substr(period, 1, 4) as integer) as year,
        max(case when indicator = 'grdp' then value end) as grdp,
        max(case when indicator = 'digital_economy_value_added' then value end) as digital_economy,
        max(case when indicator = 'enterprises' then value end) as enterprises,
        max(case when indicator = 'smes_on_digital_platforms' then value end) as smes_on_digital_platforms
    from indicators
    group by cast(substr(period, 1, 4) as integer)
),

final as (
    select
        year,                                                                   -- calendar year
        cast(grdp as double) as grdp_bn_vnd,                                    -- bn VND
        cast(digital_economy as double) as digital_economy_bn_vnd,              -- bn VND, value added
        round(100.0 * cast(digital_economy as double) / nullif(cast(grdp as double), 0), 2) as digital_economy_pct_grdp,  -- % of GRDP
        cast(enterprises as bigint) as enterprises,                             -- enterprises, December
        cast(smes_on_digital_platforms as bigint) as smes_on_digital_platforms, -- enterprises, December
        round(100.0 * cast(smes_on_digital_platforms as double) / nullif(cast(enterprises as double), 0), 2) as smes_digital_pct  -- % of enterprises
    from by_year
)

select * from final
