-- mart: kpi_actuals: the plan's indicators as one series per indicator, one value per month
-- (annual indicators in their December period). Feeds kpi_scorecard.
-- shared with: the operations center
with dossiers as (
    select period, 'dossiers_online_pct' as indicator,
           100.0 * cast(sum(dossiers_online) as double) / cast(sum(dossiers_total) as double) as actual
    from dossiers_monthly
    group by period
),

systems as (
    select period, 'lgsp_connected_public_systems_pct' as indicator,
           100.0 * cast(sum(systems_public_lgsp) as double) / nullif(cast(sum(systems_public) as double), 0) as actual
    from information_systems_status
    group by period
    union all
    select period, 'information_systems_approved_pct' as indicator,
           100.0 * cast(sum(systems_approved) as double) / cast(sum(systems) as double) as actual
    from information_systems_status
    group by period
),

interconnection as (
    -- provincial systems, national and sectoral databases and national systems, connected through the LGSP
    select period, 'systems_and_databases_interconnected_pct' as indicator,
           100.0 * cast(sum(connected) as double) / nullif(cast(sum(connections) as double), 0) as actual
    from lgsp_interconnection
    group by period
),

e_authentication as (
    -- online dossiers of the one-stop system submitted after signing in through VNeID, over online dossiers
    select period, 'one_stop_e_authentication_pct' as indicator,
           100.0 * cast(sum(e_authenticated_dossiers) as double) / nullif(cast(sum(online_dossiers) as double), 0) as actual
    from e_authentication_by_agency
    group by period
),

services as (
    select period, 'full_process_services_on_portal_pct' as indicator,
           100.0 * cast(sum(case when on_national_portal then 1 else 0 end) as double) / nullif(cast(count(*) as double), 0) as actual
    from stg_public_services
    where online_level = 'full_process'
    group by period
),

telecom as (
    select period, 'bts_on_air' as indicator, cast(sum(bts_on_air) as double) as actual from telecom_coverage_by_ward group by period
    union all
    select period, 'bts_5g' as indicator, cast(sum(bts_5g) as double) as actual from telecom_coverage_by_ward group by period
    union all
    select period, 'mobile_subscribers' as indicator, cast(sum(mobile_subscribers) as double) as actual from mobile_market_by_carrier group by period
    union all
    select period, 'mobile_broadband_subscribers' as indicator, cast(sum(mobile_broadband) as double) as actual from mobile_market_by_carrier group by period
    union all
    select period, 'fixed_broadband_subscribers' as indicator, cast(sum(fixed_broadband) as double) as actual from mobile_market_by_carrier group by period
    union all
    -- 3G/4G coverage: of all the 2025 wards (the reference's, whether a carrier reports a station
    -- there or not), the share with at least one station on air broadcasting 3G or 4G
    select period, 'wards_with_3g4g_pct' as indicator,
           100.0 * cast(count(distinct case when bts_3g + bts_4g > 0 then ward_code end) as double)
                 / cast((select count(*) from wards_2025) as double) as actual
    from telecom_coverage_by_ward
    group by period
),

households as (
    -- ward figures repeat on each carrier row of broadband_by_ward: one row per ward first
    select period, 'households_fixed_broadband_pct' as indicator,
           100.0 * cast(sum(households_with_fixed_broadband) as double) / cast(sum(households) as double) as actual
    from (select distinct period, ward_code, households, households_with_fixed_broadband from broadband_by_ward) as wards
    group by period
),

eid as (
    select period, 'eid_pct_of_14plus' as indicator,
           100.0 * cast(sum(activated_accounts) as double) / cast(sum(population_14plus) as double) as actual
    from eid_by_ward
    group by period
),

signatures as (
    select period, 'signatures_' || subscriber_type as indicator, cast(sum(active_certificates) as double) as actual
    from stg_digital_signatures
    group by period, subscriber_type
),

infrastructure as (
    -- units on the special-purpose data network: links in service (up or down), in the months the operator's list came
    select period, 'data_network_units' as indicator, cast(sum(network_units_connected) as double) as actual
    from infrastructure_by_ward
    group by period
    having sum(network_units_connected + network_units_planned) > 0
),

indicators as (
    select period, 'smes_on_digital_platforms_pct' as indicator,
           100.0 * cast(max(case when indicator = 'smes_on_digital_platforms' then value end) as double)
                 / cast(max(case when indicator = 'enterprises' then value end) as double) as actual
    from stg_provincial_indicators
    group by period
    union all
    select cast(year as varchar) || '-12' as period, 'digital_economy_pct_grdp' as indicator, digital_economy_pct_grdp as actual
    from digital_economy
    where digital_economy_pct_grdp is not null
),

facilities as (
    select period, 'cashless_facilities_pct' as indicator,
           100.0 * cast(sum(case when cashless_payments then 1 else 0 end) as double) / cast(count(*) as double) as actual
    from stg_facilities
    group by period
),

final as (
    select period, indicator, actual from dossiers
    union all select period, indicator, actual from systems
    union all select period, indicator, actual from services
    union all select period, indicator, actual from e_authentication
    union all select period, indicator, actual from interconnection
    union all select period, indicator, actual from telecom
    union all select period, indicator, actual from households
    union all select period, indicator, actual from eid
    union all select period, indicator, actual from signatures
    union all select period, indicator, actual from infrastructure
    union all select period, indicator, actual from indicators
    union all select period, indicator, actual from facilities
)

select * from final
where actual is not null
