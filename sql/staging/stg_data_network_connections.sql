-- staging: data_network_connections (contract 1.0.0), one connection point (a connected or planned agency) at one month end
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from data_network_connections
),

ranked as (
    select
        *,
        row_number() over (
            partition by unit_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        unit_id,            -- Code of the connection point in the operator’s inventory (mã điểm kết nối)
        unit_name,          -- The connected agency as the inventory names it (`Sở Tài chính`, `UBND xã Tam Dương`)
        level,              -- Level of the agency: province (the provincial Party committee, People’s Council and People’s Committee and their offices), department (departments, boards and their units), district (district-level agencies, until 30 June 2025), commune (commune and ward agencies)
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        link_type,          -- The access link: optical fibre, fibre on two routes (a backup path, at the provincial offices), or SHDSL over copper (old commune links)
        bandwidth_mbps,     -- Bandwidth of the access link as contracted; unit: Mbit/s
        carrier,            -- The carrier that builds and runs the access link for the operator
        status,             -- At the export: up (in service, answering), down (in service, not answering: an outage), planned (no link yet)
        connected_on,       -- Date the link was put into service; null for a planned unit
        uptime_pct,         -- Availability of the link over the month’s time in service, as the monitoring system measures it; null for a planned unit; unit: %
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
