-- staging: document_exchange (contract 1.0.0), one agency in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from document_exchange
),

ranked as (
    select
        *,
        row_number() over (
            partition by agency_code, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        agency_code,                 -- Code of the agency (as in admin_dossiers)
        documents_sent,              -- Outgoing documents the agency sent over the axis in the month; unit: documents
        documents_sent_signed,       -- Of those, sent with the agency’s digital signature (ký số); unit: documents
        documents_received,          -- Incoming documents the agency received over the axis in the month; unit: documents
        documents_processed,         -- Of those, processed (handled and closed) by the month end; unit: documents
        documents_processed_on_time, -- Of those processed, by their processing deadline; unit: documents
        ingested_at,                 -- When the ETL wrote the row (UTC)
        manifest_id,                 -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,                      -- Reporting month, yyyy-mm (partition key)
        source                       -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
