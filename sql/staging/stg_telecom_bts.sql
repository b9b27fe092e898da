-- staging: telecom_bts (contract 1.0.0), one base station of one carrier in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from telecom_bts
),

ranked as (
    select
        *,
        row_number() over (
            partition by carrier, station_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        carrier,            -- Carrier operating the station
        station_id,         -- Carrier's own station identifier
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        has_2g,             -- The station broadcasts 2G (GSM)
        has_3g,             -- The station broadcasts 3G (UMTS)
        has_4g,             -- The station broadcasts 4G (LTE)
        has_5g,             -- The station broadcasts 5G (NR)
        latitude,           -- Latitude of the station; unit: degrees (WGS 84)
        longitude,          -- Longitude of the station; unit: degrees (WGS 84)
        status,             -- Whether the station is broadcasting at month end
        on_air_date,        -- Date the station first went on air; null while planned
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
