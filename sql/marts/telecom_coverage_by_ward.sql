-- mart: telecom_coverage_by_ward: base stations by carrier and ward, per month, by technology
-- shared with: agencies, the operations center
with bts as (
    select * from stg_telecom_bts
),

final as (
    select
        period,                                                                    -- reporting month, yyyy-mm
        ward_code,                                                                 -- 2025 ward code
        carrier,                                                                   -- operating carrier
        count(*) as bts_reported,                                                  -- stations, any status
        sum(case when status = 'on_air' then 1 else 0 end) as bts_on_air,         -- stations on air
        sum(case when status = 'on_air' and has_2g then 1 else 0 end) as bts_2g,  -- stations on air with 2G
        sum(case when status = 'on_air' and has_3g then 1 else 0 end) as bts_3g,  -- stations on air with 3G
        sum(case when status = 'on_air' and has_4g then 1 else 0 end) as bts_4g,  -- stations on air with 4G
        sum(case when status = 'on_air' and has_5g then 1 else 0 end) as bts_5g   -- stations on air with 5G
    from bts
    group by period, ward_code, carrier
)

select * from final
