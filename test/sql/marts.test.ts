import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { PLAN_TARGETS } from '../../lambdas/core/plan/plan-targets';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { SEED_FIGURES } from '../../lambdas/core/reference/seed-figures';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';

// Golden tests: the generator's feeds go through the real ETL into a lake, and the marts
// (on DuckDB, after the compat macros) must give the seed's figures back.
let root: string;
let lake: DuckDbLake;
const rowsIn: Record<string, number> = {};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpdc-marts-'));
  const store = new FolderStore(join(root, 'lake'));
  for (const file of await generateSamples(join(root, 'samples'))) {
    const { manifest } = await ingestLocalFile({
      store,
      path: file.path,
      contract: getDataset(file.dataset),
      source: 'canonical',
    });
    rowsIn[file.dataset] = manifest.rowsIn;
  }
  lake = await DuckDbLake.open(join(root, 'lake'));
});

afterAll(() => {
  lake?.close();
  rmSync(root, { recursive: true, force: true });
});

const one = async (sql: string) => (await lake.query(sql)).rows[0]!;
const LATEST = "'2025-12'";

test('telecom_coverage_by_ward: 3,000 BTS on air, 2 of them 5G (Viettel), every ward with 3G or 4G', async () => {
  expect(
    await one(
      `select sum(bts_on_air) as bts, sum(bts_5g) as g5, count(distinct case when bts_3g + bts_4g > 0 then ward_code end) as wards, count(distinct ward_code) as all_wards from telecom_coverage_by_ward where period = ${LATEST}`,
    ),
  ).toEqual({
    bts: SEED_FIGURES.btsOnAir,
    g5: SEED_FIGURES.bts5g,
    wards: 36,
    all_wards: 36,
  });
  expect(
    await one(
      `select min(carrier) as first, max(carrier) as last from telecom_coverage_by_ward where period = ${LATEST} and bts_5g > 0`,
    ),
  ).toEqual({ first: 'viettel', last: 'viettel' });
});

test('infrastructure_by_ward: 169 units on the data network at 2025-12 and fewer every month before; a commune endpoint in every ward', async () => {
  const { rows } = await lake.query(
    'select period, sum(network_units_connected) as units from infrastructure_by_ward group by period order by period',
  );
  expect(rows).toHaveLength(36);
  expect(rows.at(-1)).toEqual({ period: '2025-12', units: SEED_FIGURES.dataNetworkUnits });
  for (const row of rows.slice(0, -1)) expect(row.units).toBeLessThan(SEED_FIGURES.dataNetworkUnits);
  // Districts are gone after June 2025: no district unit or endpoint from July.
  expect(
    await one(
      "select count(*) as n from infrastructure_by_ward where level = 'district' and period >= '2025-07' and (network_units_connected + network_units_planned + video_endpoints_installed + video_endpoints_planned) > 0",
    ),
  ).toEqual({ n: 0 });
  expect(
    await one(
      `select count(distinct ward_code) as wards from infrastructure_by_ward where period = ${LATEST} and level = 'commune' and video_endpoints_installed > 0`,
    ),
  ).toEqual({ wards: 36 });
});

test('mobile_market_by_carrier: 1.3 M mobile, 1 M mobile broadband, 284 k fixed; shares add up to 100%', async () => {
  expect(
    await one(
      `select sum(mobile_subscribers) as mobile, sum(mobile_broadband) as mbb, sum(fixed_broadband) as fixed, round(sum(mobile_share_pct), 1) as shares from mobile_market_by_carrier where period = ${LATEST}`,
    ),
  ).toEqual({
    mobile: SEED_FIGURES.mobileSubscribers,
    mbb: SEED_FIGURES.mobileBroadbandSubscribers,
    fixed: SEED_FIGURES.fixedBroadbandSubscribers,
    shares: 100,
  });
});

test('broadband_by_ward: 90% of households, through 5 providers', async () => {
  expect(
    await one(
      `select round(100.0 * cast(sum(h) as double) / sum(n), 1) as pct from (select distinct ward_code, households_with_fixed_broadband as h, households as n from broadband_by_ward where period = ${LATEST}) as w`,
    ),
  ).toEqual({
    pct: SEED_FIGURES.householdsWithFixedBroadbandPct,
  });
  expect(
    await one(
      `select count(distinct carrier) as providers from broadband_by_ward where period = ${LATEST} and fixed_broadband_subscribers > 0`,
    ),
  ).toEqual({ providers: SEED_FIGURES.fixedBroadbandProviders });
});

test('information_systems_status: 59 of 68 approved', async () => {
  expect(
    await one(
      `select sum(systems) as systems, sum(systems_approved) as approved from information_systems_status where period = ${LATEST}`,
    ),
  ).toEqual({
    systems: SEED_FIGURES.informationSystems,
    approved: SEED_FIGURES.informationSystemsApproved,
  });
});

test('eid_by_ward: about 630,000 accounts = 74% of people aged 14+', async () => {
  expect(
    await one(
      `select sum(activated_accounts) as accounts, round(100.0 * cast(sum(activated_accounts) as double) / sum(population_14plus), 1) as pct from eid_by_ward where period = ${LATEST}`,
    ),
  ).toEqual({
    accounts: SEED_FIGURES.eidAccounts,
    pct: SEED_FIGURES.eidPctOf14plus,
  });
});

test('digital_economy: 34,202 bn VND = 21.6% of GRDP in 2023; 11,000 SMEs = 72% in 2025', async () => {
  expect(
    await one(
      'select digital_economy_bn_vnd as value, round(digital_economy_pct_grdp, 1) as pct from digital_economy where year = 2023',
    ),
  ).toEqual({
    value: SEED_FIGURES.digitalEconomy2023BnVnd,
    pct: SEED_FIGURES.digitalEconomy2023PctGrdp,
  });
  expect(
    await one(
      'select smes_on_digital_platforms as smes, round(smes_digital_pct, 1) as pct from digital_economy where year = 2025',
    ),
  ).toEqual({
    smes: SEED_FIGURES.smesOnDigitalPlatforms,
    pct: SEED_FIGURES.smesPctOfEnterprises,
  });
});

test('dossiers_monthly counts every ingested dossier once (its rates are worked by hand in mart-cases.test.ts)', async () => {
  expect(await one('select sum(dossiers_total) as total from dossiers_monthly')).toEqual({
    total: rowsIn.admin_dossiers,
  });
});

test('dossiers_by_month: each month is the sum of dossiers_monthly over agencies and wards', async () => {
  const { rows: months } = await lake.query('select * from dossiers_by_month order by period');
  const { rows: summed } = await lake.query(
    'select period, sum(dossiers_total) as dossiers_total, sum(dossiers_online) as dossiers_online, sum(dossiers_completed) as dossiers_completed from dossiers_monthly group by period order by period',
  );
  expect(months.length).toBeGreaterThanOrEqual(36);
  expect(
    months.map(({ period, dossiers_total, dossiers_online, dossiers_completed }) => ({
      period,
      dossiers_total,
      dossiers_online,
      dossiers_completed,
    })),
  ).toEqual(summed);
  expect(months.reduce((total, m) => total + (m.dossiers_total as number), 0)).toBe(rowsIn.admin_dossiers);
});

test('the one-stop statistics and the gateway’s dossier fees count the same dossiers as admin_dossiers, month by month', async () => {
  const { rows: dossiers } = await lake.query(
    "select period, count(*) as received, sum(case when channel = 'online' then 1 else 0 end) as online, sum(case when paid_online then 1 else 0 end) as paid_online from stg_admin_dossiers group by period order by period",
  );
  const { rows: statistics } = await lake.query(
    "select period, sum(dossiers) as received, sum(case when channel = 'online' then dossiers else 0 end) as online, sum(paid_online_dossiers) as paid_online from stg_dossier_submissions group by period order by period",
  );
  const { rows: gateway } = await lake.query(
    "select period, transactions as paid_online from payments_by_service where service = 'dossier_fee' order by period",
  );
  expect(dossiers.length).toBeGreaterThanOrEqual(36);
  expect(statistics).toEqual(dossiers);
  expect(gateway).toEqual(dossiers.map(({ period, paid_online }) => ({ period, paid_online })));
});

test('kpi_scorecard: the seed figures at the latest period (9,509 + 5,193 signatures, 169 units, 100% cashless, …)', async () => {
  const { rows } = await lake.query(`select indicator, actual from kpi_scorecard where period = ${LATEST}`);
  const actual = Object.fromEntries(rows.map((r) => [r.indicator, r.actual]));
  expect(actual).toMatchObject({
    bts_on_air: SEED_FIGURES.btsOnAir,
    signatures_organization: SEED_FIGURES.signaturesOrganization,
    signatures_individual: SEED_FIGURES.signaturesIndividual,
    data_network_units: SEED_FIGURES.dataNetworkUnits,
    cashless_facilities_pct: SEED_FIGURES.cashlessFacilitiesPct,
    households_fixed_broadband_pct: SEED_FIGURES.householdsWithFixedBroadbandPct,
  });
  expect(Object.keys(actual).sort()).toEqual(PLAN_TARGETS.targets.map((t) => t.indicator).sort());
});

// The scorecard's status and projection rules are worked by hand in mart-cases.test.ts.
