-- mart: education_by_ward: schools, pupils by level, digital school record books and pupils
-- paying without cash, per month and ward
-- shared with: the operations center, the Department of Education and Training (counts only)
-- One row per ward with a school reporting that month. The school year is the month's: every
-- school's row carries the same one (its as-of day fixes both).
with schools as (
    select * from stg_school_enrollment
),

final as (
    select
        period,                                                                                -- month the figures are as at, yyyy-mm
        ward_code,                                                                             -- 2025 ward code
        max(school_year) as school_year,                                                       -- 2025-2026
        count(*) as schools,                                                                   -- schools reporting
        sum(pupils) as pupils,                                                                 -- pupils (children at preschools)
        sum(case when school_level = 'preschool' then pupils else 0 end) as pupils_preschool,  -- children
        sum(case when school_level = 'primary' then pupils else 0 end) as pupils_primary,      -- pupils
        sum(case when school_level = 'lower_secondary' then pupils else 0 end) as pupils_lower_secondary,  -- pupils
        sum(case when school_level = 'upper_secondary' then pupils else 0 end) as pupils_upper_secondary,  -- pupils
        sum(case when school_level <> 'preschool' then pupils else 0 end) as pupils_general,  -- pupils who keep a record book
        coalesce(sum(pupils_digital_record), 0) as pupils_digital_record,                      -- pupils, digital record book
        round(100.0 * cast(coalesce(sum(pupils_digital_record), 0) as double)
            / nullif(sum(case when school_level <> 'preschool' then pupils else 0 end), 0), 2) as digital_record_pct,  -- % of general-education pupils
        sum(payers) as payers,                                                                 -- pupils who paid in the month
        sum(payers_cashless) as payers_cashless,                                               -- pupils, paid without cash
        round(100.0 * cast(sum(payers_cashless) as double) / nullif(sum(payers), 0), 2) as cashless_pct  -- % of payers
    from schools
    group by period, ward_code
)

select * from final
