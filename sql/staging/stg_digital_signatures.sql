-- staging: digital_signatures (contract 1.0.0), one provider and subscriber type in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from digital_signatures
),

ranked as (
    select
        *,
        row_number() over (
            partition by provider, subscriber_type, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        provider,            -- Certification authority that issued the certificates
        subscriber_type,     -- Whether the certificates belong to organizations or individuals
        active_certificates, -- Certificates valid at month end; unit: certificates
        ingested_at,         -- When the ETL wrote the row (UTC)
        manifest_id,         -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,              -- Reporting month, yyyy-mm (partition key)
        source               -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
