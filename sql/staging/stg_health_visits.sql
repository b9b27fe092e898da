-- staging: health_visits (contract 1.0.0), one health facility in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from health_visits
),

ranked as (
    select
        *,
        row_number() over (
            partition by facility_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        facility_id,           -- The health facility, as in facilities (`YT-0001`)
        facility_type,         -- A hospital (bệnh viện, provincial or district), a commune health station (trạm y tế) or a private general clinic (phòng khám đa khoa)
        ward_code,             -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original,    -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original,    -- Ward name exactly as the feed gave it; null when the feed gave only a code
        visits,                -- Visits (outpatient and inpatient encounters) in the month; unit: visits
        visits_chip_id,        -- Of those, insured visits where the patient was identified by the chip-based citizen ID card or a VNeID account instead of the health-insurance card; unit: visits
        visits_insurance_card, -- Of those, insured visits on the health-insurance card (paper or VssID); unit: visits
        visits_uninsured,      -- Of those, visits without health insurance (paid as a service); unit: visits
        visits_paid,           -- Of the visits, those where the patient paid something (a co-payment, a service not covered, an uninsured visit); unit: visits
        visits_paid_cashless,  -- Of those paid, the ones paid without cash (card, QR code, bank transfer, e-wallet); unit: visits
        ingested_at,           -- When the ETL wrote the row (UTC)
        manifest_id,           -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,                -- Reporting month, yyyy-mm (partition key)
        source                 -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
