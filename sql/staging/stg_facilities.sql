-- staging: facilities (contract 1.0.0), one facility in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from facilities
),

ranked as (
    select
        *,
        row_number() over (
            partition by facility_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        facility_id,        -- Facility identifier in the sector registry
        facility_name,      -- Name of the facility
        sector,             -- Health or education
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        cashless_payments,  -- Fees can be paid without cash
        chip_id_reader,     -- Has a reader for chip-based citizen IDs
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
