import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { WARDS_2025 } from '../../lambdas/core/reference/wards';

// The infrastructure domain's mart and its two scorecard series, tested the way dbt unit-tests a
// model (as in mart-cases.test.ts): the views they read replaced by literal rows, the expected
// rows worked out by hand below. Nothing here re-computes a rule.

type Literal = string | number | boolean | null;
const literal = (v: Literal) =>
  v === null ? 'null' : typeof v === 'number' ? `cast(${v} as double)` : typeof v === 'boolean' ? `${v}` : `'${v}'`;
const values = (rows: readonly Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
});
afterAll(() => lake.close());

// June 2025: a district unit in service and a commune unit still planned in ward 08761. December:
// the provincial offices (one link down) and a department (one unit planned) in 08707, two commune
// units in 08761. Bandwidth in Mbit/s and the month's uptime in brackets.
type Unit = [period: string, ward: string, level: string, status: string, bandwidth: number, uptime: number | null];
const UNITS: Unit[] = [
  ['2025-06', '08761', 'district', 'up', 50, 99.8],
  ['2025-06', '08761', 'commune', 'planned', 100, null],
  ['2025-12', '08707', 'province', 'up', 200, 99.9],
  ['2025-12', '08707', 'province', 'down', 100, 90.1], // in service, not answering at the export: still connected
  ['2025-12', '08707', 'department', 'up', 50, 100],
  ['2025-12', '08707', 'department', 'planned', 50, null], // no link yet: its bandwidth is not in service
  ['2025-12', '08761', 'commune', 'up', 100, 99.5],
  ['2025-12', '08761', 'commune', 'up', 50, 99.7],
];
// The endpoints: the provincial halls (one faulty) and a commune's room in December; a room in
// 08770 planned in November and December, where the network has no unit.
type Endpoint = [period: string, ward: string, level: string, status: string, sessions: number];
const ENDPOINTS: Endpoint[] = [
  ['2025-11', '08770', 'commune', 'planned', 0],
  ['2025-12', '08707', 'province', 'active', 20],
  ['2025-12', '08707', 'province', 'faulty', 1],
  ['2025-12', '08761', 'commune', 'active', 9],
  ['2025-12', '08770', 'commune', 'planned', 0],
];

describe('infrastructure_by_ward', () => {
  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_data_network_connections as select period, ward_code, level, status, cast(bandwidth_mbps as bigint) as bandwidth_mbps, uptime_pct from (values ${values(UNITS)}) as t (period, ward_code, level, status, bandwidth_mbps, uptime_pct)`,
    );
    await lake.query(
      `create or replace view stg_video_conference_endpoints as select period, ward_code, level, status, cast(sessions as bigint) as sessions from (values ${values(ENDPOINTS)}) as t (period, ward_code, level, status, sessions)`,
    );
  });

  test('counts the network units by status and the endpoints by state, per month, ward and level, by hand', async () => {
    const { rows } = await lake.query('select * from infrastructure_by_ward order by period, ward_code, level');
    const noNetwork = {
      network_units_connected: 0,
      network_units_up: 0,
      network_units_down: 0,
      network_units_planned: 0,
      network_bandwidth_mbps: 0,
      network_uptime_pct: null, // no link in service: no uptime, not 0%
    };
    const noVideo = {
      video_endpoints_installed: 0,
      video_endpoints_active: 0,
      video_endpoints_faulty: 0,
      video_endpoints_planned: 0,
      video_sessions: 0,
    };
    expect(rows).toEqual([
      {
        period: '2025-06',
        ward_code: '08761',
        level: 'commune',
        ...noNetwork,
        network_units_planned: 1, // planned only: connected 0, its 100 Mbit/s not counted
        ...noVideo,
      },
      {
        period: '2025-06',
        ward_code: '08761',
        level: 'district',
        ...noNetwork,
        network_units_connected: 1,
        network_units_up: 1,
        network_bandwidth_mbps: 50,
        network_uptime_pct: 99.8,
        ...noVideo,
      },
      {
        period: '2025-11',
        ward_code: '08770',
        level: 'commune',
        ...noNetwork, // in the endpoint list only: a row all the same
        ...noVideo,
        video_endpoints_planned: 1,
      },
      {
        period: '2025-12',
        ward_code: '08707',
        level: 'department',
        ...noNetwork,
        network_units_connected: 1,
        network_units_up: 1,
        network_units_planned: 1,
        network_bandwidth_mbps: 50, // the planned unit's 50 is not in service
        network_uptime_pct: 100,
        ...noVideo,
      },
      {
        period: '2025-12',
        ward_code: '08707',
        level: 'province',
        network_units_connected: 2, // up and down
        network_units_up: 1,
        network_units_down: 1,
        network_units_planned: 0,
        network_bandwidth_mbps: 300, // 200 + 100
        network_uptime_pct: 95, // (99.9 + 90.1) / 2
        video_endpoints_installed: 2, // active and faulty
        video_endpoints_active: 1,
        video_endpoints_faulty: 1,
        video_endpoints_planned: 0,
        video_sessions: 21, // 20 + 1
      },
      {
        period: '2025-12',
        ward_code: '08761',
        level: 'commune',
        network_units_connected: 2,
        network_units_up: 2,
        network_units_down: 0,
        network_units_planned: 0,
        network_bandwidth_mbps: 150, // 100 + 50
        network_uptime_pct: 99.6, // (99.5 + 99.7) / 2
        video_endpoints_installed: 1,
        video_endpoints_active: 1,
        video_endpoints_faulty: 0,
        video_endpoints_planned: 0,
        video_sessions: 9,
      },
      {
        period: '2025-12',
        ward_code: '08770',
        level: 'commune',
        ...noNetwork,
        ...noVideo,
        video_endpoints_planned: 1,
      },
    ]);
  });

  test('kpi_actuals: units on the data network are those connected, up or down, in the months the operator listed', async () => {
    const { rows } = await lake.query(
      "select period, actual from kpi_actuals where indicator = 'data_network_units' order by period",
    );
    expect(rows).toEqual([
      { period: '2025-06', actual: 1 }, // the district unit; the planned commune unit is not connected
      { period: '2025-12', actual: 5 }, // 2 provincial (one down) + 1 department + 2 commune
      // November: only the endpoint list has a row, so the network gives no figure (not 0 units).
    ]);
  });
});

describe('kpi_actuals: 3G/4G coverage', () => {
  // December 2025: every 2025 ward but two has a station on air with 3G or 4G (the first ward by
  // two carriers, with 4G only from one); the second ward has only 2G on air, and the third no row
  // at all (no carrier reports a station there).
  type Coverage = [period: string, ward: string, carrier: string, g3: number, g4: number];
  const [first, onlyTwoG, _unreported, ...rest] = WARDS_2025.map((w) => w.code);
  const COVERAGE: Coverage[] = [
    ['2025-12', first!, 'viettel', 2, 3],
    ['2025-12', first!, 'vnpt', 0, 1],
    ['2025-12', onlyTwoG!, 'mobifone', 0, 0],
    ...rest.map((ward): Coverage => ['2025-12', ward, 'viettel', 1, 1]),
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view telecom_coverage_by_ward as select period, ward_code, carrier, cast(bts_3g as bigint) as bts_3g, cast(bts_4g as bigint) as bts_4g, cast(0 as bigint) as bts_on_air, cast(0 as bigint) as bts_5g from (values ${values(COVERAGE)}) as t (period, ward_code, carrier, bts_3g, bts_4g)`,
    );
  });

  test('is the share of all 36 wards, counting one absent from the feeds as uncovered', async () => {
    expect(WARDS_2025).toHaveLength(36);
    const { rows } = await lake.query("select period, actual from kpi_actuals where indicator = 'wards_with_3g4g_pct'");
    // 34 of 36 (the first counted once for its two carriers): 94.44%, not 34 of the 35 wards reported (97.14%).
    expect(rows).toHaveLength(1);
    expect(rows[0]!.period).toBe('2025-12');
    expect(rows[0]!.actual).toBeCloseTo((100 * 34) / 36, 10);
  });
});
