import type { DuckDbLake } from './duckdb-lake';

/**
 * The seed article's figures, computed back from the shared views (the marts, and staging
 * where no mart aggregates the dataset) at each one's latest period; the digital economy for
 * 2023, the year the seed reports; and a figure for each domain the seed names without one
 * (the leadership's open and overdue tasks; the traffic violations of the latest month and the
 * share caught by cameras; the SOC's alerts still open and the share of the latest month's alerts
 * on systems whose security level is not approved). The same SQL runs on Athena.
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
units as (select * from stg_provincial_indicators where indicator = 'data_network_units'),
facilities as (select * from stg_facilities where period = (select max(period) from stg_facilities)),
tasks as (select * from tasks_by_agency where period = (select max(period) from tasks_by_agency)),
traffic as (select * from traffic_safety_by_ward where period = (select max(period) from traffic_safety_by_ward)),
alerts as (select * from security_alerts_by_system)
select
  (select sum(bts_on_air) from coverage) as bts_on_air,
  (select sum(bts_5g) from coverage) as bts_5g,
  (select round(100.0 * cast(count(distinct case when bts_3g + bts_4g > 0 then ward_code end) as double) / count(distinct ward_code), 1) from coverage) as wards_with_3g4g_pct,
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
  (select cast(value as bigint) from units where period = (select max(period) from units)) as data_network_units,
  (select round(100.0 * cast(sum(case when cashless_payments then 1 else 0 end) as double) / count(*), 1) from facilities) as cashless_facilities_pct,
  (select sum(tasks_open) from tasks) as leadership_tasks_open,
  (select round(100.0 * cast(sum(tasks_overdue) as double) / sum(tasks_open), 1) from tasks) as leadership_tasks_overdue_pct,
  (select sum(violations) from traffic) as traffic_violations_last_month,
  (select round(100.0 * cast(sum(violations_camera) as double) / sum(violations), 1) from traffic) as traffic_violations_camera_pct,
  (select sum(alerts_open) from alerts) as soc_alerts_open,
  (select round(100.0 * cast(sum(case when not level_approved then alerts else 0 end) as double) / sum(alerts), 1) from alerts
    where period = (select max(period) from alerts)) as soc_alerts_unapproved_pct
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
