import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';

// The document-axis and LGSP marts tested the way dbt unit-tests a model (as in mart-cases.test.ts):
// the staging views they read replaced by literal rows, the expected rows worked out by hand
// below. Nothing here re-computes a rule: each expected figure is a number on the page.

type Literal = string | number | boolean | null;
const literal = (v: Literal) =>
  v === null ? 'null' : typeof v === 'number' ? `${v}` : typeof v === 'boolean' ? `${v}` : `'${v}'`;
const values = (rows: Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
});
afterAll(() => lake.close());

describe('document_exchange_by_agency', () => {
  type Report = [
    period: string,
    agency: string,
    sent: number,
    signed: number,
    received: number,
    processed: number,
    onTime: number,
  ];
  const REPORTS: Report[] = [
    ['2025-03', 'A', 3, 2, 20, 16, 12],
    ['2025-03', 'B', 0, 0, 0, 0, 0], // a quiet month: no rates, not 0%
    ['2025-04', 'A', 5, 5, 8, 8, 8],
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_document_exchange as select period, agency_code, cast(documents_sent as bigint) as documents_sent, cast(documents_sent_signed as bigint) as documents_sent_signed, cast(documents_received as bigint) as documents_received, cast(documents_processed as bigint) as documents_processed, cast(documents_processed_on_time as bigint) as documents_processed_on_time from (values ${values(REPORTS)}) as t (period, agency_code, documents_sent, documents_sent_signed, documents_received, documents_processed, documents_processed_on_time)`,
    );
  });

  test('gives each agency’s month its signed and on-time shares and what is still in hand, by hand', async () => {
    const { rows } = await lake.query('select * from document_exchange_by_agency order by period, agency_code');
    expect(rows).toEqual([
      {
        period: '2025-03',
        agency_code: 'A',
        documents_sent: 3,
        documents_sent_signed: 2,
        signed_pct: 66.67, // 2 of 3
        documents_received: 20,
        documents_processed: 16,
        documents_processed_on_time: 12,
        on_time_pct: 75, // 12 of the 16 processed, not of the 20 received
        documents_pending: 4, // 20 received, 16 processed
      },
      {
        period: '2025-03',
        agency_code: 'B',
        documents_sent: 0,
        documents_sent_signed: 0,
        signed_pct: null,
        documents_received: 0,
        documents_processed: 0,
        documents_processed_on_time: 0,
        on_time_pct: null,
        documents_pending: 0,
      },
      {
        period: '2025-04',
        agency_code: 'A',
        documents_sent: 5,
        documents_sent_signed: 5,
        signed_pct: 100,
        documents_received: 8,
        documents_processed: 8,
        documents_processed_on_time: 8,
        on_time_pct: 100,
        documents_pending: 0,
      },
    ]);
  });
});

describe('lgsp_interconnection and the scorecard’s interconnection series', () => {
  // The inventory: S1, S2, S3 in March 2025; S1, S2 in April.
  type System = [period: string, systemId: string];
  const SYSTEMS: System[] = [
    ['2025-03', 'S1'],
    ['2025-03', 'S2'],
    ['2025-03', 'S3'],
    ['2025-04', 'S1'],
    ['2025-04', 'S2'],
  ];
  // The LGSP's log: calls, failed calls, mean response time in ms.
  type Connection = [
    period: string,
    id: string,
    kind: string,
    status: string,
    calls: number,
    failed: number,
    latencyMs: number | null,
  ];
  const LOG: Connection[] = [
    ['2025-03', 'S1', 'provincial_system', 'connected', 1000, 10, 200],
    ['2025-03', 'S2', 'provincial_system', 'testing', 100, 20, 500],
    // S3 is not registered on the LGSP: still one of March's systems, not connected.
    ['2025-03', 'S9', 'provincial_system', 'connected', 400, 0, 100], // registered, missing from the inventory
    ['2025-03', 'DC', 'national_database', 'connected', 3000, 30, 600],
    ['2025-03', 'DD', 'national_database', 'not_connected', 0, 0, null],
    ['2025-03', 'AXIS', 'national_system', 'connected', 0, 0, null], // live, no call this month
    ['2025-04', 'S1', 'provincial_system', 'connected', 900, 5, 100],
    ['2025-04', 'S2', 'provincial_system', 'connected', 100, 0, 300],
  ];

  beforeAll(async () => {
    // information_systems_status reads these columns too (kpi_actuals goes through it).
    await lake.query(
      `create or replace view stg_information_systems as select period, system_id, cast(2 as bigint) as security_level, true as level_approved, true as serves_public, false as lgsp_connected from (values ${values(SYSTEMS)}) as t (period, system_id)`,
    );
    await lake.query(
      `create or replace view stg_lgsp_exchanges as select period, connection_id, connection_kind, status, cast(transactions as bigint) as transactions, cast(failed_transactions as bigint) as failed_transactions, cast(mean_latency_ms as double) as mean_latency_ms from (values ${values(LOG)}) as t (period, connection_id, connection_kind, status, transactions, failed_transactions, mean_latency_ms)`,
    );
  });

  test('counts the inventory’s systems and the LGSP’s connections by kind, connected or not, with their calls, by hand', async () => {
    const { rows } = await lake.query('select * from lgsp_interconnection order by period, connection_kind');
    expect(rows).toEqual([
      {
        period: '2025-03',
        connection_kind: 'national_database',
        connections: 2,
        connected: 1,
        testing: 0,
        connected_pct: 50,
        transactions: 3000,
        failed_transactions: 30,
        failed_pct: 1,
        mean_latency_ms: 600, // DD's month without calls has no time to weigh in
      },
      {
        period: '2025-03',
        connection_kind: 'national_system',
        connections: 1,
        connected: 1,
        testing: 0,
        connected_pct: 100,
        transactions: 0,
        failed_transactions: 0,
        failed_pct: null, // no call: no failure rate, not 0%
        mean_latency_ms: null,
      },
      {
        period: '2025-03',
        connection_kind: 'provincial_system',
        connections: 4, // S1, S2 and S3 of the inventory, and S9 of the LGSP
        connected: 2, // S1 and S9; S2 is only testing, S3 not registered
        testing: 1,
        connected_pct: 50,
        transactions: 1500,
        failed_transactions: 30,
        failed_pct: 2,
        mean_latency_ms: 193.3, // (1000 × 200 + 100 × 500 + 400 × 100) / 1500, by the calls
      },
      {
        period: '2025-04',
        connection_kind: 'provincial_system',
        connections: 2,
        connected: 2,
        testing: 0,
        connected_pct: 100,
        transactions: 1000,
        failed_transactions: 5,
        failed_pct: 0.5,
        mean_latency_ms: 120, // (900 × 100 + 100 × 300) / 1000, not 200, the mean of the two systems' times
      },
    ]);
  });

  test('kpi_actuals: the month’s connected share over every kind, the ratio of the sums', async () => {
    const { rows } = await lake.query(
      "select period, actual from kpi_actuals where indicator = 'systems_and_databases_interconnected_pct' order by period",
    );
    expect(rows.map((r) => r.period)).toEqual(['2025-03', '2025-04']);
    // March: 1 + 1 + 2 connected of 2 + 1 + 4 = 4 of 7 (the kinds' shares, 50, 100 and 50, average 66.67).
    expect(rows[0]!.actual).toBeCloseTo(57.142857, 5);
    expect(rows[1]!.actual).toBe(100);
  });
});
