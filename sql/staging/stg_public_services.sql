-- staging: public_services (contract 1.0.0), one procedure in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from public_services
),

ranked as (
    select
        *,
        row_number() over (
            partition by procedure_code, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        procedure_code,     -- Code of the procedure in the national catalogue
        procedure_name,     -- Name of the procedure, in Vietnamese
        agency_code,        -- Code of the agency responsible for the procedure
        online_level,       -- Online level (Decree 42/2022): full-process (toàn trình), partial (một phần) or none
        on_national_portal, -- Integrated with the National Public Service Portal (Cổng Dịch vụ công quốc gia)
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
