-- mart: payments_by_service: payments through the national payment gateway per service and month:
-- successful payments and their value, by channel, failed attempts, refunds; on the dossier-fee
-- row, the one-stop system's fee-bearing dossiers and the cashless share of their fees
-- shared with: the operations center, the Public Administration Service Center
-- Aggregates only: the gateway reconciles totals, no payer data.
-- The gateway's reconciliation and the one-stop statistics are stacked and summed per service and
-- month (a full join's coalesced keys would stop a month filter from reaching the files). A month
-- one of them has not reported has nulls in its columns, not zeros.
with payments as (
    select
        period,
        service,
        transactions,
        value_vnd,
        failed_transactions,
        refunds,
        refunded_vnd,
        case when channel = 'bank_transfer' then transactions else 0 end as transactions_bank_transfer,
        case when channel = 'card' then transactions else 0 end as transactions_card,
        case when channel = 'e_wallet' then transactions else 0 end as transactions_e_wallet,
        case when channel = 'qr' then transactions else 0 end as transactions_qr,
        cast(null as bigint) as fee_bearing_dossiers,
        cast(null as bigint) as paid_online_dossiers
    from stg_payment_transactions
),

dossier_fees as (
    select
        period,
        'dossier_fee' as service,
        cast(null as bigint) as transactions,
        cast(null as bigint) as value_vnd,
        cast(null as bigint) as failed_transactions,
        cast(null as bigint) as refunds,
        cast(null as bigint) as refunded_vnd,
        cast(null as bigint) as transactions_bank_transfer,
        cast(null as bigint) as transactions_card,
        cast(null as bigint) as transactions_e_wallet,
        cast(null as bigint) as transactions_qr,
        fee_bearing_dossiers,
        paid_online_dossiers
    from stg_dossier_submissions
),

stacked as (
    select * from payments
    union all
    select * from dossier_fees
),

final as (
    select
        period,                                                                           -- month reconciled (the dossiers: received), yyyy-mm
        service,                                                                          -- dossier_fee, land_obligation, tax, traffic_fine, hospital_fee, tuition, social_insurance
        sum(transactions) as transactions,                                                -- successful payments
        sum(value_vnd) as value_vnd,                                                      -- VND
        sum(failed_transactions) as failed_transactions,                                  -- failed attempts
        round(100.0 * cast(sum(transactions) as double)
            / nullif(sum(transactions) + sum(failed_transactions), 0), 2) as success_pct,  -- % of attempts
        sum(refunds) as refunds,                                                          -- refunded payments
        sum(refunded_vnd) as refunded_vnd,                                                -- VND
        sum(transactions_bank_transfer) as transactions_bank_transfer,                    -- successful payments
        sum(transactions_card) as transactions_card,                                      -- successful payments
        sum(transactions_e_wallet) as transactions_e_wallet,                              -- successful payments
        sum(transactions_qr) as transactions_qr,                                          -- successful payments
        sum(fee_bearing_dossiers) as fee_bearing_dossiers,                                -- dossiers received with a fee; dossier_fee only
        sum(paid_online_dossiers) as paid_online_dossiers,                                -- of those, paid online; dossier_fee only
        round(100.0 * cast(sum(paid_online_dossiers) as double)
            / nullif(sum(fee_bearing_dossiers), 0), 2) as cashless_fee_pct                -- % of fee-bearing dossiers; dossier_fee only
    from stacked
    group by period, service
)

select * from final
