-- staging: provincial_indicators (contract 1.0.0), one indicator in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from provincial_indicators
),

ranked as (
    select
        *,
        row_number() over (
            partition by indicator, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        indicator,   -- Indicator id, e.g. grdp, digital_economy_value_added, enterprises, smes_on_digital_platforms
        value,       -- Value of the indicator, in `unit`
        unit,        -- Unit of the value, e.g. bn VND, enterprises, units
        ingested_at, -- When the ETL wrote the row (UTC)
        manifest_id, -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,      -- Reporting month, yyyy-mm (partition key)
        source       -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
