-- staging: soc_alerts (contract 1.0.0), one alert
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from soc_alerts
),

ranked as (
    select
        *,
        row_number() over (
            partition by alert_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        alert_id,    -- Identifier of the alert (case) in the SIEM
        system_id,   -- The information system the alert is on, as in information_systems (`HTTT-012`)
        severity,    -- Severity the SOC gave the alert
        category,    -- What kind of event it is
        status,      -- Status at the export: new, being handled, resolved, or closed as a false positive
        detected_at, -- When the SIEM raised the alert (UTC)
        closed_at,   -- When it was closed, resolved or dismissed as a false positive (UTC); null while it is open
        ingested_at, -- When the ETL wrote the row (UTC)
        manifest_id, -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,      -- Reporting month, yyyy-mm (partition key)
        source       -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
