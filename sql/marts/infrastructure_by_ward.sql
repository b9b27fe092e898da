-- mart: infrastructure_by_ward: the special-purpose data network's units (by status, bandwidth,
-- uptime) and the video-conference endpoints (by state, meetings), per month, ward and level
-- shared with: the operations center, the network's operator, the Department of Science and Technology
-- The network's list and the endpoint list are stacked and summed per month, ward and level (a
-- join would hide a ward that has only one of them, and a full join's coalesced keys would stop a
-- month filter from reaching the files). A ward and level appear in a month only when one of
-- the two lists has something there.
with network as (
    select
        period,
        ward_code,
        level,
        status as network_status,
        bandwidth_mbps,
        uptime_pct,
        cast(null as varchar) as video_status,
        cast(null as bigint) as sessions
    from stg_data_network_connections
),

video as (
    select
        period,
        ward_code,
        level,
        cast(null as varchar) as network_status,
        cast(null as bigint) as bandwidth_mbps,
        cast(null as double) as uptime_pct,
        status as video_status,
        sessions
    from stg_video_conference_endpoints
),

stacked as (
    select * from network
    union all
    select * from video
),

final as (
    select
        period,                                                                                  -- month-end list, yyyy-mm
        ward_code,                                                                               -- 2025 ward code
        level,                                                                                   -- province, department, district, commune
        sum(case when network_status in ('up', 'down') then 1 else 0 end) as network_units_connected,  -- units, link in service
        sum(case when network_status = 'up' then 1 else 0 end) as network_units_up,              -- units, answering at the export
        sum(case when network_status = 'down' then 1 else 0 end) as network_units_down,          -- units, not answering at the export
        sum(case when network_status = 'planned' then 1 else 0 end) as network_units_planned,    -- units, no link yet
        coalesce(sum(case when network_status in ('up', 'down') then bandwidth_mbps end), 0)
            as network_bandwidth_mbps,                                                           -- Mbit/s, links in service
        round(avg(case when network_status in ('up', 'down') then uptime_pct end), 2)
            as network_uptime_pct,                                                               -- %, mean over the links in service
        sum(case when video_status in ('active', 'faulty') then 1 else 0 end) as video_endpoints_installed,  -- endpoints
        sum(case when video_status = 'active' then 1 else 0 end) as video_endpoints_active,      -- endpoints
        sum(case when video_status = 'faulty' then 1 else 0 end) as video_endpoints_faulty,      -- endpoints
        sum(case when video_status = 'planned' then 1 else 0 end) as video_endpoints_planned,    -- endpoints
        coalesce(sum(sessions), 0) as video_sessions                                             -- meetings joined, summed over endpoints
    from stacked
    group by period, ward_code, level
)

select * from final
