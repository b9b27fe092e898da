-- staging: eid_accounts (contract 1.0.0), one ward in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from eid_accounts
),

ranked as (
    select
        *,
        row_number() over (
            partition by ward_code, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        activated_accounts, -- Activated VNeID accounts (level 1 and 2); unit: accounts
        level2_accounts,    -- Activated level-2 accounts (identity verified in person); unit: accounts
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
