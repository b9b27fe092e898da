-- mart: mobile_market_by_carrier: subscribers by carrier and type, with market shares, per month
-- shared with: agencies, the operations center
with subscribers as (
    select * from stg_telecom_subscribers
),

by_carrier as (
    select
        period,
        carrier,
        sum(mobile_prepaid) as mobile_prepaid,
        sum(mobile_postpaid) as mobile_postpaid,
        sum(mobile_prepaid + mobile_postpaid) as mobile_subscribers,
        sum(mobile_broadband) as mobile_broadband,
        sum(fixed_broadband_ftth + fixed_broadband_other) as fixed_broadband
    from subscribers
    group by period, carrier
),

final as (
    select
        period,               -- reporting month, yyyy-mm
        carrier,              -- carrier
        mobile_prepaid,       -- subscriptions at month end
        mobile_postpaid,      -- subscriptions at month end
        mobile_subscribers,   -- prepaid + postpaid
        mobile_broadband,     -- subscriptions that used mobile data
        fixed_broadband,      -- fixed broadband subscriptions
        round(100.0 * cast(mobile_subscribers as double) / nullif(cast(sum(mobile_subscribers) over (partition by period) as double), 0), 2) as mobile_share_pct,       -- % of the month's mobile subscriptions
        round(100.0 * cast(mobile_broadband as double) / nullif(cast(sum(mobile_broadband) over (partition by period) as double), 0), 2) as mobile_broadband_share_pct,  -- %
        round(100.0 * cast(fixed_broadband as double) / nullif(cast(sum(fixed_broadband) over (partition by period) as double), 0), 2) as fixed_broadband_share_pct     -- %
    from by_carrier
)

select * from final
