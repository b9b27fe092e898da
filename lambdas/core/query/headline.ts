import type { DuckDbLake } from './duckdb-lake';

/**
 * The seed article's figures, computed back from the lake at each dataset's latest period
 * (the digital economy for 2023, the year the seed reports). Trino-compatible SQL: cast
 * before dividing, no engine-specific syntax.
 */
export const HEADLINE_SQL = `
with
bts as (select * from telecom_bts where period = (select max(period) from telecom_bts)),
subs as (select * from telecom_subscribers where period = (select max(period) from telecom_subscribers)),
pop as (select * from population where period = (select max(period) from population)),
eid as (select * from eid_accounts where period = (select max(period) from eid_accounts)),
sys as (select * from information_systems where period = (select max(period) from information_systems)),
sig as (select * from digital_signatures where period = (select max(period) from digital_signatures)),
fac as (select * from facilities where period = (select max(period) from facilities)),
ind as (select * from provincial_indicators),
latest_ind as (
  select indicator, value from ind
  where period = (select max(i2.period) from ind i2 where i2.indicator = ind.indicator)
)
select
  (select count(*) from bts where status = 'on_air') as bts_on_air,
  (select count(*) from bts where status = 'on_air' and has_5g) as bts_5g,
  (select round(100.0 * count(distinct case when status = 'on_air' and (has_3g or has_4g) then ward_code end) / count(distinct ward_code), 1) from bts) as wards_with_3g4g_pct,
  (select sum(mobile_prepaid + mobile_postpaid) from subs) as mobile_subscribers,
  (select sum(fixed_broadband_ftth + fixed_broadband_other) from subs) as fixed_broadband_subscribers,
  (select sum(mobile_broadband) from subs) as mobile_broadband_subscribers,
  (select count(distinct carrier) from subs where fixed_broadband_ftth + fixed_broadband_other > 0) as fixed_broadband_providers,
  (select round(100.0 * sum(households_with_fixed_broadband) / sum(households), 1) from pop) as households_fixed_broadband_pct,
  (select count(*) from sys) as information_systems,
  (select count(*) from sys where level_approved) as information_systems_approved,
  (select sum(activated_accounts) from eid) as eid_accounts,
  (select round(100.0 * (select sum(activated_accounts) from eid) / sum(population_14plus), 1) from pop) as eid_pct_of_14plus,
  (select sum(active_certificates) from sig where subscriber_type = 'organization') as signatures_organization,
  (select sum(active_certificates) from sig where subscriber_type = 'individual') as signatures_individual,
  (select cast(value as bigint) from latest_ind where indicator = 'smes_on_digital_platforms') as smes_on_digital_platforms,
  (select round(100.0 * cast(max(case when indicator = 'smes_on_digital_platforms' then value end) as double) / cast(max(case when indicator = 'enterprises' then value end) as double), 1) from latest_ind) as smes_pct_of_enterprises,
  (select cast(value as bigint) from ind where indicator = 'digital_economy_value_added' and period = '2023-12') as digital_economy_2023_bn_vnd,
  (select round(100.0 * cast(max(case when indicator = 'digital_economy_value_added' then value end) as double) / cast(max(case when indicator = 'grdp' then value end) as double), 1) from ind where period = '2023-12') as digital_economy_2023_pct_grdp,
  (select cast(value as bigint) from latest_ind where indicator = 'data_network_units') as data_network_units,
  (select round(100.0 * count(case when cashless_payments then 1 end) / count(*), 1) from fac) as cashless_facilities_pct
`;

export type Headline = Record<string, number | null>;

export async function headlineFigures(lake: DuckDbLake): Promise<Headline> {
  const { rows } = await lake.query(HEADLINE_SQL);
  const row = rows[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : Number(v)]));
}
