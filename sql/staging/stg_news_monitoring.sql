-- staging: news_monitoring (contract 1.0.0), one topic on one channel in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from news_monitoring
),

ranked as (
    select
        *,
        row_number() over (
            partition by topic, channel, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        topic,             -- What the items are about: administrative procedures, land and construction, environment, health, education, traffic, social security, economy and investment, public order and security, or other
        channel,           -- Where they were published: online newspapers, social networks, forums and blogs, or video platforms
        mentions,          -- Items about the province on the topic and channel the system collected in the month; unit: items
        mentions_negative, -- Of those, classified as negative (critical of or harmful to the province’s image); unit: items
        mentions_false,    -- Of the negative items, those verified as false or distorted news; unit: items
        negative_reported, -- Of the negative items, those first handled by reporting them to the platform for removal or blocking; unit: items
        negative_answered, -- Of the negative items, those first handled by an official statement, clarification or correction from the agency concerned; unit: items
        ingested_at,       -- When the ETL wrote the row (UTC)
        manifest_id,       -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,            -- Reporting month, yyyy-mm (partition key)
        source             -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
