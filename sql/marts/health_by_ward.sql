-- mart: health_by_ward: health facilities (chip-ID readers, cashless) and their visits by how
-- the patient was identified and paid, per month and ward
-- shared with: the operations center, the Department of Health (counts only: no patient data upstream)
-- One row per ward with a health facility on the month's facilities list or reporting visits
-- that month: the list and the reports are stacked and summed per ward and month (a join would
-- drop a ward whose facilities reported but are not listed, and a full join's coalesced keys
-- would stop a month filter from reaching the files).
with listed as (
    select
        period,
        ward_code,
        1 as facility,
        case when chip_id_reader then 1 else 0 end as chip_reader,
        case when cashless_payments then 1 else 0 end as cashless,
        0 as reporting,
        cast(0 as bigint) as visits,
        cast(0 as bigint) as visits_chip_id,
        cast(0 as bigint) as visits_insurance_card,
        cast(0 as bigint) as visits_uninsured,
        cast(0 as bigint) as visits_paid,
        cast(0 as bigint) as visits_paid_cashless
    from stg_facilities
    where sector = 'health'
),

reported as (
    select
        period,
        ward_code,
        0 as facility,
        0 as chip_reader,
        0 as cashless,
        1 as reporting,
        visits,
        visits_chip_id,
        visits_insurance_card,
        visits_uninsured,
        visits_paid,
        visits_paid_cashless
    from stg_health_visits
),

stacked as (
    select * from listed
    union all
    select * from reported
),

final as (
    select
        period,                                                            -- month, yyyy-mm
        ward_code,                                                         -- 2025 ward code
        sum(facility) as facilities,                                       -- health facilities listed
        sum(chip_reader) as facilities_chip_reader,                        -- facilities, with a chip-ID reader
        sum(cashless) as facilities_cashless,                              -- facilities, accepting cashless payment
        sum(reporting) as facilities_reporting,                            -- facilities whose visits report came in
        sum(visits) as visits,                                             -- visits
        sum(visits_chip_id) as visits_chip_id,                             -- visits, insured, on chip-based ID or VNeID
        sum(visits_insurance_card) as visits_insurance_card,               -- visits, insured, on the insurance card
        sum(visits_uninsured) as visits_uninsured,                         -- visits, uninsured
        round(100.0 * cast(sum(visits_chip_id) as double)
            / nullif(sum(visits_chip_id) + sum(visits_insurance_card), 0), 2) as chip_id_pct,  -- % of insured visits
        sum(visits_paid) as visits_paid,                                   -- visits with a payment
        sum(visits_paid_cashless) as visits_paid_cashless,                 -- visits, paid without cash
        round(100.0 * cast(sum(visits_paid_cashless) as double) / nullif(sum(visits_paid), 0), 2) as cashless_pct  -- % of visits paid
    from stacked
    group by period, ward_code
)

select * from final
