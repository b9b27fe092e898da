import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';

// Marts tested the way dbt unit-tests a model: given input rows (the views a mart reads,
// replaced by literal rows), the expected output rows, worked out by hand below. Nothing here
// re-computes a rule: each expected figure is a number on the page.

type Actual = [indicator: string, period: string, actual: number];
type Target = [indicator: string, target: number, unit: string, targetYear: number, kind?: 'baseline'];

const months2025 = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`);
/** 12 months of 2025 whose actual starts at `first` and moves `step` a month. */
const line = (indicator: string, first: number, step: number): Actual[] =>
  months2025.map((period, m) => [indicator, period, first + step * m]);

const TARGETS: Target[] = [
  ['met_exactly', 80, '%', 2030],
  ['met_to_a_tenth', 80, '%', 2030],
  ['short_by_a_twentieth', 80, '%', 2030],
  ['at_risk_edge', 80, '%', 2030],
  ['below_at_risk_edge', 80, '%', 2030],
  ['rising_on_track', 70, '%', 2026],
  ['rising_too_slowly', 90, '%', 2026],
  ['past_its_year', 70, '%', 2024],
  ['capped_at_100', 95, '%', 2030],
  ['not_a_percent', 160, 'stations', 2030],
  ['old_outlier', 70, '%', 2026],
  // A status figure of the seed article: not a goal, so no status of its own and no projection.
  ['seed_status', 3000, 'stations', 2025, 'baseline'],
];

const ACTUALS: Actual[] = [
  // One month only: no trend, so the projection is the actual itself.
  ['met_exactly', '2025-12', 80],
  ['met_to_a_tenth', '2025-12', 79.96], // 80.0 to one decimal
  ['short_by_a_twentieth', '2025-12', 79.94], // 79.9: not met; 79.94 >= 0.9 × 80 = 72
  ['at_risk_edge', '2025-12', 72], // exactly 90% of the target
  ['below_at_risk_edge', '2025-12', 71.99],
  // 50, 51, …, 61 in December 2025: one point a month, 12 more by December 2026 = 73.
  ...line('rising_on_track', 50, 1), // 73 >= 70
  ...line('rising_too_slowly', 50, 1), // 73 < 81 = 0.9 × 90
  // 80, 79, …, 69: the line at December 2024 is 81 (>= 70), but 2024 has passed.
  ...line('past_its_year', 80, -1),
  // 78 … 89: 60 months to December 2030 give 149, which a percentage cannot be.
  ...line('capped_at_100', 78, 1),
  // The same line in stations is not capped: 149 >= 144 = 0.9 × 160.
  ...line('not_a_percent', 78, 1),
  // 13 months: December 2024 at 1000 is outside the last 12 and must not bend the line.
  ['old_outlier', '2024-12', 1000],
  ...line('old_outlier', 50, 1),
  // 2990 in January 2025, 3001 in December: 1 station more than the seed's 3000.
  ...line('seed_status', 2990, 1),
];

const EXPECTED = [
  { indicator: 'at_risk_edge', actual: 72, projection: 72, status: 'at_risk' },
  { indicator: 'below_at_risk_edge', actual: 71.99, projection: 71.99, status: 'off_track' },
  { indicator: 'capped_at_100', actual: 89, projection: 100, status: 'on_track' },
  { indicator: 'met_exactly', actual: 80, projection: 80, status: 'met' },
  { indicator: 'met_to_a_tenth', actual: 79.96, projection: 79.96, status: 'met' },
  { indicator: 'not_a_percent', actual: 89, projection: 149, status: 'at_risk' },
  { indicator: 'old_outlier', actual: 61, projection: 73, status: 'on_track' },
  { indicator: 'past_its_year', actual: 69, projection: 81, status: 'off_track' },
  { indicator: 'rising_on_track', actual: 61, projection: 73, status: 'on_track' },
  { indicator: 'rising_too_slowly', actual: 61, projection: 73, status: 'off_track' },
  { indicator: 'seed_status', actual: 3001, projection: null, status: 'baseline' },
  { indicator: 'short_by_a_twentieth', actual: 79.94, projection: 79.94, status: 'at_risk' },
];

type Literal = string | number | boolean | null;
const literal = (v: Literal) =>
  v === null ? 'null' : typeof v === 'number' ? `cast(${v} as double)` : typeof v === 'boolean' ? `${v}` : `'${v}'`;
const values = (rows: Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

// Dossiers of March 2025: agency A in two wards, then one of April. Days from receipt to result
// in brackets.
type Dossier = [
  period: string,
  agency: string,
  ward: string,
  channel: string,
  level: string,
  receivedAt: string,
  completedAt: string | null,
  onTime: boolean | null,
  paidOnline: boolean,
];
const DOSSIERS: Dossier[] = [
  ['2025-03', 'A', '08707', 'online', 'full_process', '2025-03-02 08:00:00', '2025-03-04 08:00:00', true, true], // [2]
  ['2025-03', 'A', '08707', 'online', 'partial', '2025-03-03 08:00:00', '2025-03-07 08:00:00', false, true], // [4]
  ['2025-03', 'A', '08707', 'direct', 'full_process', '2025-03-05 08:00:00', null, null, false], // open
  ['2025-03', 'A', '08707', 'postal', 'partial', '2025-03-06 08:00:00', '2025-03-07 08:00:00', true, false], // [1]
  ['2025-03', 'A', '08710', 'online', 'offline', '2025-03-09 08:00:00', null, null, false], // open
  ['2025-04', 'A', '08707', 'direct', 'offline', '2025-04-01 08:00:00', '2025-04-01 20:00:00', true, true], // [0.5]
];

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
  await lake.query(
    `create or replace view kpi_actuals as select * from (values ${values(ACTUALS)}) as t (indicator, period, actual)`,
  );
  await lake.query(
    `create or replace view plan_targets as select indicator, kind, target, unit, cast(target_year as integer) as target_year, 'test' as plan_text, 'test' as targets_version from (values ${values(TARGETS.map(([indicator, target, unit, year, kind]) => [indicator, target, unit, year, kind ?? 'plan_target']))}) as t (indicator, target, unit, target_year, kind)`,
  );
});
afterAll(() => lake.close());

describe('dossiers_monthly and dossiers_by_month', () => {
  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_admin_dossiers as select period, agency_code, ward_code, channel, service_level, cast(received_at as timestamp) as received_at, cast(completed_at as timestamp) as completed_at, on_time, paid_online from (values ${values(DOSSIERS)}) as t (period, agency_code, ward_code, channel, service_level, received_at, completed_at, on_time, paid_online)`,
    );
  });

  test('dossiers_monthly: counts and rates per agency, ward and month, by hand', async () => {
    const { rows } = await lake.query('select * from dossiers_monthly order by period, ward_code');
    expect(rows).toEqual([
      {
        period: '2025-03',
        agency_code: 'A',
        ward_code: '08707',
        dossiers_total: 4,
        dossiers_online: 2,
        online_rate_pct: 50, // 2 of 4
        full_process_pct: 50, // 2 of 4
        dossiers_completed: 3,
        on_time_rate_pct: 66.67, // 2 of the 3 completed
        paid_online_pct: 50,
        median_processing_days: 2, // of 2, 4 and 1 days
      },
      {
        period: '2025-03',
        agency_code: 'A',
        ward_code: '08710',
        dossiers_total: 1,
        dossiers_online: 1,
        online_rate_pct: 100,
        full_process_pct: 0,
        dossiers_completed: 0,
        on_time_rate_pct: null, // none completed: no rate, not 0%
        paid_online_pct: 0,
        median_processing_days: null,
      },
      {
        period: '2025-04',
        agency_code: 'A',
        ward_code: '08707',
        dossiers_total: 1,
        dossiers_online: 0,
        online_rate_pct: 0,
        full_process_pct: 0,
        dossiers_completed: 1,
        on_time_rate_pct: 100,
        paid_online_pct: 100,
        median_processing_days: 0.5, // 12 hours
      },
    ]);
  });

  test('dossiers_by_month: the province per month is the ratio of its sums, not an average of ward rates', async () => {
    const { rows } = await lake.query('select * from dossiers_by_month order by period');
    expect(rows).toEqual([
      {
        period: '2025-03',
        dossiers_total: 5,
        dossiers_online: 3,
        online_rate_pct: 60, // 3 of 5 (the two wards' rates, 50 and 100, average 75)
        full_process_pct: 40, // 2 of 5
        dossiers_completed: 3,
        on_time_rate_pct: 66.67,
        paid_online_pct: 40, // 2 of 5
      },
      {
        period: '2025-04',
        dossiers_total: 1,
        dossiers_online: 0,
        online_rate_pct: 0,
        full_process_pct: 0,
        dossiers_completed: 1,
        on_time_rate_pct: 100,
        paid_online_pct: 100,
      },
    ]);
  });
});

describe('kpi_scorecard', () => {
  test('kpi_scorecard gives the hand-worked status and projection for each case', async () => {
    const { rows } = await lake.query(
      "select indicator, actual, projection, status from kpi_scorecard where period = '2025-12' order by indicator",
    );
    expect(rows).toEqual(EXPECTED);
  });

  test('every case is in the expected rows, and every status occurs', () => {
    expect(EXPECTED.map((r) => r.indicator).sort()).toEqual(TARGETS.map(([indicator]) => indicator).sort());
    expect(new Set(EXPECTED.map((r) => r.status))).toEqual(
      new Set(['met', 'on_track', 'at_risk', 'off_track', 'baseline']),
    );
  });

  test('a baseline row gives the seed figure, its month and the change since, not a target or a gap', async () => {
    const { rows } = await lake.query(
      "select period, target, gap, baseline, baseline_period, change_since_baseline from kpi_scorecard where indicator = 'seed_status' and period in ('2025-01', '2025-12') order by period",
    );
    expect(rows).toEqual([
      {
        period: '2025-01',
        target: null,
        gap: null,
        baseline: 3000,
        baseline_period: '2025-12',
        change_since_baseline: -10,
      },
      {
        period: '2025-12',
        target: null,
        gap: null,
        baseline: 3000,
        baseline_period: '2025-12',
        change_since_baseline: 1,
      },
    ]);
  });
});

describe('tasks_by_agency', () => {
  // Agency A's list at the end of March 2025, and agency B's one task.
  type Task = [
    period: string,
    agency: string,
    assignedOn: string,
    dueOn: string | null,
    completedOn: string | null,
    status: string,
  ];
  const TASKS: Task[] = [
    ['2025-03', 'A', '2025-03-02', '2025-03-20', '2025-03-15', 'completed'], // assigned and done on time
    ['2025-03', 'A', '2025-02-10', '2025-03-10', '2025-03-25', 'completed'], // done 15 days late
    ['2025-03', 'A', '2025-01-05', '2025-02-28', null, 'in_progress'], // open, overdue since February
    ['2025-03', 'A', '2025-03-20', '2025-03-31', null, 'in_progress'], // open, due this month: overdue at its end
    ['2025-03', 'A', '2025-03-05', '2025-05-30', null, 'in_progress'], // open, not yet due
    ['2025-03', 'A', '2025-02-01', null, null, 'in_progress'], // standing task: open, never overdue
    ['2025-03', 'A', '2025-03-01', null, '2025-03-30', 'completed'], // standing task done: on time
    ['2025-03', 'A', '2025-03-03', '2025-04-01', null, 'cancelled'], // assigned, then stopped: neither open nor done
    ['2025-03', 'B', '2025-01-01', '2025-06-30', null, 'in_progress'],
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_leadership_tasks as select period, agency_code, cast(assigned_on as date) as assigned_on, cast(due_on as date) as due_on, cast(completed_on as date) as completed_on, status from (values ${values(TASKS)}) as t (period, agency_code, assigned_on, due_on, completed_on, status)`,
    );
  });

  test('counts what was assigned, done (on time), open and overdue at the month end, by hand', async () => {
    const { rows } = await lake.query('select * from tasks_by_agency order by agency_code');
    expect(rows).toEqual([
      {
        period: '2025-03',
        agency_code: 'A',
        tasks_assigned: 5, // the four assigned in March, and the cancelled one
        tasks_completed: 3,
        tasks_completed_on_time: 2, // the late one is not
        on_time_pct: 66.67,
        tasks_open: 4,
        tasks_overdue: 2, // due in February, and due on 31 March and still open
        overdue_pct: 50,
      },
      {
        period: '2025-03',
        agency_code: 'B',
        tasks_assigned: 0,
        tasks_completed: 0,
        tasks_completed_on_time: 0,
        on_time_pct: null, // none done: no rate, not 0%
        tasks_open: 1,
        tasks_overdue: 0,
        overdue_pct: 0,
      },
    ]);
  });
});

describe('security_alerts_by_system', () => {
  // March 2025's inventory (S1 approved, S2 not, S3 approved and quiet) and April's (S1 alone);
  // the alerts of March, hours from detection to closing in brackets.
  type System = [period: string, systemId: string, securityLevel: number, levelApproved: boolean];
  const SYSTEMS: System[] = [
    ['2025-03', 'S1', 3, true],
    ['2025-03', 'S2', 2, false],
    ['2025-03', 'S3', 1, true],
    ['2025-04', 'S1', 3, true],
  ];
  type Alert = [
    period: string,
    systemId: string,
    severity: string,
    status: string,
    detectedAt: string,
    closedAt: string | null,
  ];
  const ALERTS: Alert[] = [
    ['2025-03', 'S1', 'critical', 'resolved', '2025-03-01 08:00:00', '2025-03-01 10:00:00'], // [2]
    ['2025-03', 'S1', 'high', 'resolved', '2025-03-02 08:00:00', '2025-03-03 02:00:00'], // [18]
    ['2025-03', 'S1', 'low', 'resolved', '2025-03-05 00:00:00', '2025-03-10 00:00:00'], // [120]
    ['2025-03', 'S1', 'medium', 'false_positive', '2025-03-06 08:00:00', '2025-03-06 09:30:00'], // [1.5], not resolved
    ['2025-03', 'S1', 'high', 'investigating', '2025-03-20 08:00:00', null],
    ['2025-03', 'S2', 'medium', 'open', '2025-03-31 20:00:00', null],
    ['2025-03', 'S2', 'low', 'resolved', '2025-03-31 20:00:00', '2025-04-01 03:20:00'], // [7 h 20 min], closed in April
    ['2025-03', 'S9', 'critical', 'open', '2025-03-15 08:00:00', null], // a system missing from the inventory
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_information_systems as select period, system_id, cast(security_level as bigint) as security_level, level_approved from (values ${values(SYSTEMS)}) as t (period, system_id, security_level, level_approved)`,
    );
    await lake.query(
      `create or replace view stg_soc_alerts as select period, system_id, severity, status, cast(detected_at as timestamp) as detected_at, cast(closed_at as timestamp) as closed_at from (values ${values(ALERTS)}) as t (period, system_id, severity, status, detected_at, closed_at)`,
    );
  });

  test('counts alerts by severity and status per system and month beside its approval, by hand', async () => {
    const { rows } = await lake.query('select * from security_alerts_by_system order by period, system_id');
    const quiet = { alerts_critical: 0, alerts_high: 0, alerts_medium: 0, alerts_low: 0 };
    expect(rows).toEqual([
      {
        period: '2025-03',
        system_id: 'S1',
        security_level: 3,
        level_approved: true,
        alerts: 5,
        alerts_critical: 1,
        alerts_high: 2,
        alerts_medium: 1,
        alerts_low: 1,
        alerts_open: 1, // the one being investigated
        alerts_resolved: 3,
        alerts_false_positive: 1,
        median_hours_to_resolve: 18, // of 2, 18 and 120; the false positive's 1.5 is not a resolution
      },
      {
        period: '2025-03',
        system_id: 'S2',
        security_level: 2,
        level_approved: false,
        alerts: 2,
        ...quiet,
        alerts_medium: 1,
        alerts_low: 1,
        alerts_open: 1,
        alerts_resolved: 1,
        alerts_false_positive: 0,
        median_hours_to_resolve: 7.3, // 7 h 20 min, across the month end: still March's alert
      },
      {
        period: '2025-03',
        system_id: 'S3',
        security_level: 1,
        level_approved: true,
        alerts: 0, // in the inventory, no alert: a row of zeros, not a missing row
        ...quiet,
        alerts_open: 0,
        alerts_resolved: 0,
        alerts_false_positive: 0,
        median_hours_to_resolve: null, // nothing resolved: no median, not 0 hours
      },
      {
        period: '2025-03',
        system_id: 'S9',
        security_level: null, // not in the inventory: its alert is kept, with no level
        level_approved: null,
        alerts: 1,
        ...quiet,
        alerts_critical: 1,
        alerts_open: 1,
        alerts_resolved: 0,
        alerts_false_positive: 0,
        median_hours_to_resolve: null,
      },
      {
        period: '2025-04',
        system_id: 'S1',
        security_level: 3,
        level_approved: true,
        alerts: 0, // March's alerts stay in March
        ...quiet,
        alerts_open: 0,
        alerts_resolved: 0,
        alerts_false_positive: 0,
        median_hours_to_resolve: null,
      },
    ]);
  });
});

describe('traffic_safety_by_ward', () => {
  // March 2025: ward 08707 on QL2 and its streets, ward 08710's commune roads; April: 08707 on QL2.
  type TrafficEvent = [
    period: string,
    ward: string,
    road: string,
    type: string,
    category: string,
    severity: string | null,
    detectedBy: string,
    deaths: number | null,
    injuries: number | null,
  ];
  const EVENTS: TrafficEvent[] = [
    ['2025-03', '08707', 'QL2', 'accident', 'speeding', 'serious', 'report', 1, 0], // caused by speeding: an accident, not a speeding violation
    ['2025-03', '08707', 'QL2', 'accident', 'drunk_driving', 'minor', 'patrol', 0, 2], // minor: not serious
    ['2025-03', '08707', 'QL2', 'violation', 'speeding', null, 'camera', null, null],
    ['2025-03', '08707', 'QL2', 'violation', 'speeding', null, 'patrol', null, null],
    ['2025-03', '08707', 'QL2', 'violation', 'red_light', null, 'camera', null, null],
    ['2025-03', '08707', 'QL2', 'violation', 'drunk_driving', null, 'patrol', null, null],
    ['2025-03', '08707', 'urban', 'violation', 'no_helmet', null, 'camera', null, null],
    ['2025-03', '08707', 'urban', 'violation', 'parking', null, 'camera', null, null],
    ['2025-03', '08707', 'urban', 'violation', 'red_light', null, 'camera', null, null],
    ['2025-03', '08710', 'local', 'accident', 'wrong_lane', 'especially_serious', 'report', 3, 4],
    ['2025-03', '08710', 'local', 'accident', 'other', 'very_serious', 'report', 2, 0],
    ['2025-04', '08707', 'QL2', 'violation', 'speeding', null, 'camera', null, null],
    ['2025-04', '08707', 'QL2', 'violation', 'wrong_lane', null, 'patrol', null, null],
    ['2025-04', '08707', 'QL2', 'violation', 'overload', null, 'patrol', null, null],
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_traffic_events as select period, ward_code, road, event_type, category, severity, detected_by, cast(deaths as bigint) as deaths, cast(injuries as bigint) as injuries from (values ${values(EVENTS)}) as t (period, ward_code, road, event_type, category, severity, detected_by, deaths, injuries)`,
    );
  });

  test('counts accidents, casualties and violations by who caught them, per month, ward and road, by hand', async () => {
    const { rows } = await lake.query('select * from traffic_safety_by_ward order by period, ward_code, road');
    expect(rows).toEqual([
      {
        period: '2025-03',
        ward_code: '08707',
        road: 'QL2',
        accidents: 2,
        serious_accidents: 1, // the minor one is not
        deaths: 1, // 1 + 0
        injuries: 2, // 0 + 2
        violations: 4,
        violations_camera: 2,
        violations_patrol: 2,
        camera_pct: 50, // 2 of 4
        speeding_violations: 2, // the accident caused by speeding is not one
        drunk_driving_violations: 1, // likewise
      },
      {
        period: '2025-03',
        ward_code: '08707',
        road: 'urban',
        accidents: 0,
        serious_accidents: 0,
        deaths: 0, // no accident: none killed, not unknown
        injuries: 0,
        violations: 3,
        violations_camera: 3,
        violations_patrol: 0,
        camera_pct: 100,
        speeding_violations: 0,
        drunk_driving_violations: 0,
      },
      {
        period: '2025-03',
        ward_code: '08710',
        road: 'local',
        accidents: 2,
        serious_accidents: 2, // especially serious and very serious
        deaths: 5, // 3 + 2
        injuries: 4, // 4 + 0
        violations: 0,
        violations_camera: 0,
        violations_patrol: 0,
        camera_pct: null, // no violation: no share, not 0%
        speeding_violations: 0,
        drunk_driving_violations: 0,
      },
      {
        period: '2025-04',
        ward_code: '08707',
        road: 'QL2',
        accidents: 0,
        serious_accidents: 0,
        deaths: 0,
        injuries: 0,
        violations: 3,
        violations_camera: 1,
        violations_patrol: 2,
        camera_pct: 33.33, // 1 of 3
        speeding_violations: 1,
        drunk_driving_violations: 0,
      },
    ]);
  });
});
