-- staging: lgsp_exchanges (contract 1.0.0), one connection in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from lgsp_exchanges
),

ranked as (
    select
        *,
        row_number() over (
            partition by connection_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        connection_id,       -- The connected system: a provincial system’s id as in information_systems (`HTTT-012`), or the code the LGSP gives a national one (`CSDLQG-DC`)
        connection_name,     -- Name of the connected system or database
        connection_kind,     -- A provincial information system, a national database (population, business registration, land, insurance, …), a ministry’s sectoral database, or a national system (portal, document axis, payment platform, reporting system)
        status,              -- At the month end: live, connected for testing only, or registered but not yet connected
        transactions,        -- Calls through the LGSP to or from the system in the month, whatever its status; unit: calls
        failed_transactions, -- Of those, calls that failed (an error answer or a timeout); unit: calls
        mean_latency_ms,     -- Mean response time of the month’s calls; null when there were none; unit: ms
        ingested_at,         -- When the ETL wrote the row (UTC)
        manifest_id,         -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,              -- Reporting month, yyyy-mm (partition key)
        source               -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
