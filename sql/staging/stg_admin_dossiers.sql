-- staging: admin_dossiers (contract 1.0.0), one dossier
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from admin_dossiers
),

ranked as (
    select
        *,
        -- the key leaves out period: a filter on period stays above this window and every month is read (docs/datasets.md, Partition pruning)
        row_number() over (
            partition by dossier_id
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        dossier_id,         -- Dossier number issued on receipt
        procedure_code,     -- Code of the administrative procedure in the national catalogue
        agency_code,        -- Code of the agency handling the dossier
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        channel,            -- How the dossier was submitted
        service_level,      -- Online service level of the procedure (Decree 42/2022): full-process (toàn trình), partial (một phần) or offline
        received_at,        -- When the dossier was received (UTC)
        due_at,             -- Statutory deadline (UTC)
        completed_at,       -- When a result was returned (UTC); null while open
        status,             -- State of the dossier at extraction time
        on_time,            -- Completed by the deadline; null while open
        paid_online,        -- Fees were paid online
        applicant_type,     -- Whether the applicant is a citizen or a business
        applicant_id_hash,  -- HMAC-SHA256 of the applicant's citizen ID or tax code; the clear ID is never stored; PII: keyed hash, never a clear id
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
