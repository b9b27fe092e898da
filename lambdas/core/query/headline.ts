import type { DuckDbLake } from './duckdb-lake';

/**
 * The seed article's figures, computed back from the shared views (the marts, and staging
 * where no mart aggregates the dataset) at each one's latest period; the digital economy for
 * 2023, the year the seed reports; and a figure for each domain the seed names without one
 * (the leadership's open and overdue tasks; the traffic violations of the latest month and the
 * share caught by cameras; the SOC's alerts still open and the share of the latest month's alerts
 * on systems whose security level is not approved; the negative items about the province the
 * cyberspace monitoring system found in the latest month and the share of them handled, reported
 * to the platform or answered; the latest month's health facility visits, the insured ones
 * identified by chip-based ID or VNeID and the payments made without cash; the pupils, those of
 * general education with a digital record book and the school payers without cash). The same
 * SQL runs on Athena.
 * Interconnection: the documents sent and received over the national document axis in the latest
 * month and the share processed on time; the systems and databases connected through the LGSP at
 * the latest month, and their share of all to connect (the seed's first target, 100%).
 * Infrastructure: the units on the special-purpose data network and the video-conference endpoints
 * installed at the latest month, the communes and wards with an endpoint of their own, and the
 * meetings the endpoints joined; 3G/4G coverage is the share of all 36 wards (wards_2025).
 * Payments: the latest month's successful payments through the national payment gateway and
 * their value, the share of fee-bearing dossiers paid online, and the share of online dossiers
 * submitted after e-authentication through VNeID.
 */
export const HEADLINE_SQL = `
with
coverage as (select * from telecom_coverage_by_ward where period = (select max(period) from telecom_coverage_by_ward)),
market as (select * from mobile_market_by_carrier where period = (select max(period) from mobile_market_by_carrier)),
households as (
  select distinct ward_code, households, households_with_fixed_broadband from broadband_by_ward
  where period = (select max(period) from broadband_by_ward)
),
systems as (select * from information_systems_status where period = (select max(period) from information_systems_status)),
eid as (select * from eid_by_ward where period = (select max(period) from eid_by_ward)),
signatures as (select * from stg_digital_signatures where period = (select max(period) from stg_digital_signatures)),
economy as (select * from digital_economy),
infrastructure as (select * from infrastructure_by_ward where period = (select max(period) from infrastructure_by_ward)),
facilities as (select * from stg_facilities where period = (select max(period) from stg_facilities)),
tasks as (select * from tasks_by_agency where period = (select max(period) from tasks_by_agency)),
traffic as (select * from traffic_safety_by_ward where period = (select max(period) from traffic_safety_by_ward)),
alerts as (select * from security_alerts_by_system),
news as (select * from news_monitoring_by_topic where period = (select max(period) from news_monitoring_by_topic)),
documents as (select * from document_exchange_by_agency where period = (select max(period) from document_exchange_by_agency)),
interconnection as (select * from lgsp_interconnection where period = (select max(period) from lgsp_interconnection)),
health as (select * from health_by_ward where period = (select max(period) from health_by_ward)),
schools as (select * from education_by_ward where period = (select max(period) from education_by_ward)),
payments as (select * from payments_by_service where period = (select max(period) from payments_by_service)),
authentication as (select * from e_authentication_by_agency where period = (select max(period) from e_authentication_by_agency))
select
  (select sum(bts_on_air) from coverage) as bts_on_air,
  (select sum(bts_5g) from coverage) as bts_5g,
  (select round(100.0 * cast(count(distinct case when bts_3g + bts_4g > 0 then ward_code end) as double) / (select count(*) from wards_2025), 1) from coverage) as wards_with_3g4g_pct,
  (select sum(mobile_subscribers) from market) as mobile_subscribers,
  (select sum(fixed_broadband) from market) as fixed_broadband_subscribers,
  (select sum(mobile_broadband) from market) as mobile_broadband_subscribers,
  (select count(*) from market where fixed_broadband > 0) as fixed_broadband_providers,
  (select round(100.0 * cast(sum(households_with_fixed_broadband) as double) / sum(households), 1) from households) as households_fixed_broadband_pct,
  (select sum(systems) from systems) as information_systems,
  (select sum(systems_approved) from systems) as information_systems_approved,
  (select sum(activated_accounts) from eid) as eid_accounts,
  (select round(100.0 * cast(sum(activated_accounts) as double) / sum(population_14plus), 1) from eid) as eid_pct_of_14plus,
  (select sum(active_certificates) from signatures where subscriber_type = 'organization') as signatures_organization,
  (select sum(active_certificates) from signatures where subscriber_type = 'individual') as signatures_individual,
  (select smes_on_digital_platforms from economy where year = (select max(year) from economy)) as smes_on_digital_platforms,
  (select round(smes_digital_pct, 1) from economy where year = (select max(year) from economy)) as smes_pct_of_enterprises,
  (select cast(digital_economy_bn_vnd as bigint) from economy where year = 2023) as digital_economy_2023_bn_vnd,
  (select round(digital_economy_pct_grdp, 1) from economy where year = 2023) as digital_economy_2023_pct_grdp,
  (select sum(network_units_connected) from infrastructure) as data_network_units,
  (select sum(video_endpoints_installed) from infrastructure) as video_conference_endpoints,
  (select count(distinct case when level = 'commune' and video_endpoints_installed > 0 then ward_code end) from infrastructure) as video_conference_wards,
  (select sum(video_sessions) from infrastructure) as video_conference_sessions_last_month,
  (select round(100.0 * cast(sum(case when cashless_payments then 1 else 0 end) as double) / count(*), 1) from facilities) as cashless_facilities_pct,
  (select sum(tasks_open) from tasks) as leadership_tasks_open,
  (select round(100.0 * cast(sum(tasks_overdue) as double) / sum(tasks_open), 1) from tasks) as leadership_tasks_overdue_pct,
  (select sum(violations) from traffic) as traffic_violations_last_month,
  (select round(100.0 * cast(sum(violations_camera) as double) / sum(violations), 1) from traffic) as traffic_violations_camera_pct,
  (select sum(alerts_open) from alerts) as soc_alerts_open,
  (select round(100.0 * cast(sum(case when not level_approved then alerts else 0 end) as double) / sum(alerts), 1) from alerts
    where period = (select max(period) from alerts)) as soc_alerts_unapproved_pct,
  (select sum(mentions_negative) from news) as news_negative_last_month,
  (select round(100.0 * cast(sum(negative_handled) as double) / sum(mentions_negative), 1) from news) as news_negative_handled_pct,
  (select sum(documents_sent + documents_received) from documents) as documents_exchanged_last_month,
  (select round(100.0 * cast(sum(documents_processed_on_time) as double) / sum(documents_processed), 1) from documents) as documents_on_time_pct,
  (select sum(connected) from interconnection) as lgsp_connected,
  (select sum(connections) from interconnection) as lgsp_connections,
  (select round(100.0 * cast(sum(connected) as double) / sum(connections), 1) from interconnection) as lgsp_connected_pct,
  (select sum(visits) from health) as health_visits_last_month,
  (select round(100.0 * cast(sum(visits_chip_id) as double) / sum(visits_chip_id + visits_insurance_card), 1) from health) as health_visits_chip_id_pct,
  (select round(100.0 * cast(sum(visits_paid_cashless) as double) / sum(visits_paid), 1) from health) as health_payments_cashless_pct,
  (select sum(pupils) from schools) as school_pupils,
  (select round(100.0 * cast(sum(pupils_digital_record) as double) / sum(pupils_general), 1) from schools) as pupils_digital_record_pct,
  (select round(100.0 * cast(sum(payers_cashless) as double) / sum(payers), 1) from schools) as school_payers_cashless_pct,
  (select sum(transactions) from payments) as gateway_payments_last_month,
  (select round(cast(sum(value_vnd) as double) / 1000000000.0, 1) from payments) as gateway_payments_last_month_bn_vnd,
  (select round(cashless_fee_pct, 1) from payments where service = 'dossier_fee') as dossier_fees_cashless_pct,
  (select round(100.0 * cast(sum(e_authenticated_dossiers) as double) / sum(online_dossiers), 1) from authentication) as online_dossiers_e_authenticated_pct
`;

export type Headline = Record<string, number | null>;

export async function headlineFigures(lake: DuckDbLake): Promise<Headline> {
  const { rows } = await lake.query(HEADLINE_SQL);
  const row = rows[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : Number(v)]));
}

/** The scorecard at the latest period: one row per indicator. */
export const SCORECARD_SQL = `
select indicator, kind, actual, target, unit, target_year, gap, projection, baseline, baseline_period,
  change_since_baseline, status, plan_text
from kpi_scorecard
where period = (select max(period) from kpi_scorecard)
order by case kind when 'plan_target' then 0 else 1 end, indicator
`;

/** A plan target has target, gap and projection; a baseline has baseline, its period and the change since. */
export interface ScorecardRow {
  indicator: string;
  kind: 'plan_target' | 'baseline';
  actual: number;
  target: number | null;
  unit: string;
  target_year: number;
  gap: number | null;
  projection: number | null;
  baseline: number | null;
  baseline_period: string | null;
  change_since_baseline: number | null;
  status: string;
  plan_text: string;
}

export async function scorecard(lake: DuckDbLake): Promise<ScorecardRow[]> {
  const { rows } = await lake.query(SCORECARD_SQL);
  return rows as unknown as ScorecardRow[];
}
