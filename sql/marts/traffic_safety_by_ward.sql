-- mart: traffic_safety_by_ward: traffic accidents (deaths, injuries) and recorded violations
-- (by who caught them, and the two the police campaign on), per month, ward and road
-- shared with: the operations center, the provincial police (counts only: no plate hash)
-- A ward and road appear in a month only when something happened there.
with events as (
    select * from stg_traffic_events
),

final as (
    select
        period,                                                                                      -- month it happened, yyyy-mm (Vietnam time)
        ward_code,                                                                                   -- 2025 ward code
        road,                                                                                        -- QL2, CT05, ĐT305, urban, local
        sum(case when event_type = 'accident' then 1 else 0 end) as accidents,                       -- accidents
        sum(case when event_type = 'accident' and severity <> 'minor' then 1 else 0 end) as serious_accidents,  -- accidents, serious or worse
        coalesce(sum(case when event_type = 'accident' then deaths end), 0) as deaths,               -- people killed
        coalesce(sum(case when event_type = 'accident' then injuries end), 0) as injuries,           -- people injured
        sum(case when event_type = 'violation' then 1 else 0 end) as violations,                     -- violations recorded
        sum(case when event_type = 'violation' and detected_by = 'camera' then 1 else 0 end) as violations_camera,  -- caught by a camera
        sum(case when event_type = 'violation' and detected_by = 'patrol' then 1 else 0 end) as violations_patrol,  -- recorded by a patrol
        round(100.0 * cast(sum(case when event_type = 'violation' and detected_by = 'camera' then 1 else 0 end) as double)
            / nullif(sum(case when event_type = 'violation' then 1 else 0 end), 0), 2) as camera_pct,  -- % of violations
        sum(case when event_type = 'violation' and category = 'speeding' then 1 else 0 end) as speeding_violations,       -- violations
        sum(case when event_type = 'violation' and category = 'drunk_driving' then 1 else 0 end) as drunk_driving_violations  -- violations
    from events
    group by period, ward_code, road
)

select * from final
