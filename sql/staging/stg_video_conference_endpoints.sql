-- staging: video_conference_endpoints (contract 1.0.0), one endpoint at one month end
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from video_conference_endpoints
),

ranked as (
    select
        *,
        row_number() over (
            partition by endpoint_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        endpoint_id,        -- Code of the endpoint in the video-conference system
        endpoint_name,      -- The room as the system lists it (`Hội trường UBND tỉnh`, `Điểm cầu UBND xã Tam Dương`)
        level,              -- Level of the agency whose room it is: province, department, district (until 30 June 2025) or commune (communes and wards)
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        endpoint_type,      -- A room with dedicated equipment (codec, cameras, microphones) or a software client on a computer
        status,             -- At the month end: active, faulty (installed, awaiting repair), or planned (not installed yet)
        installed_on,       -- Date the endpoint was installed and joined to the system; null for a planned one
        sessions,           -- Online meetings the endpoint joined in the month; unit: meetings
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
