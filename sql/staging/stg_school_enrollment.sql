-- staging: school_enrollment (contract 1.0.0), one school in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from school_enrollment
),

ranked as (
    select
        *,
        row_number() over (
            partition by school_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        school_id,             -- The school, as in facilities (`GD-0003`)
        school_level,          -- Preschool (mầm non), primary (tiểu học), lower secondary (trung học cơ sở) or upper secondary (trung học phổ thông)
        ward_code,             -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original,    -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original,    -- Ward name exactly as the feed gave it; null when the feed gave only a code
        school_year,           -- School year, as the sector writes it (`2024-2025`: September 2024 to August 2025)
        as_of,                 -- The day the figures are as at (ngày chốt số liệu); its month is the period
        pupils,                -- Pupils enrolled (children, at a preschool); unit: pupils
        pupils_digital_record, -- Of those, pupils with a digital school record book (học bạ số); null at a preschool, which keeps no record book; unit: pupils
        payers,                -- Pupils who paid tuition or other school charges in the month; unit: pupils
        payers_cashless,       -- Of those, pupils who paid without cash (bank transfer, QR code, e-wallet); unit: pupils
        ingested_at,           -- When the ETL wrote the row (UTC)
        manifest_id,           -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,                -- Reporting month, yyyy-mm (partition key)
        source                 -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
