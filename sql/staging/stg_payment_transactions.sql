-- staging: payment_transactions (contract 1.0.0), one service and one payment channel in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from payment_transactions
),

ranked as (
    select
        *,
        row_number() over (
            partition by service, channel, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        service,             -- What was paid: dossier fees and charges of administrative procedures (phí, lệ phí TTHC), land obligations, taxes, traffic fines, hospital fees, tuition, or voluntary social and health insurance
        channel,             -- How the payer paid: bank transfer (internet banking), a domestic or international card, an e-wallet, or a QR code (VietQR)
        transactions,        -- Payments that succeeded in the month; unit: transactions
        value_vnd,           -- Their value; unit: VND
        failed_transactions, -- Attempts that failed (declined, timed out, abandoned at the bank); unit: transactions
        refunds,             -- Payments refunded in the month (a dossier rejected or withdrawn, a duplicate payment); unit: transactions
        refunded_vnd,        -- Their value; unit: VND
        ingested_at,         -- When the ETL wrote the row (UTC)
        manifest_id,         -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,              -- Reporting month, yyyy-mm (partition key)
        source               -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
