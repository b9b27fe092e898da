import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';

// payments_by_service, e_authentication_by_agency and their plan indicator, tested the way dbt
// unit-tests a model (as in mart-cases.test.ts): the staging views they read replaced by literal
// rows, the expected rows worked out by hand below. Nothing here re-computes a rule.

type Literal = string | number | null;
const literal = (v: Literal) => (v === null ? 'null' : typeof v === 'number' ? `cast(${v} as bigint)` : `'${v}'`);
const values = (rows: Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

// The gateway's reconciliation: March 2025 with dossier fees by two channels and taxes by card,
// April with tuition attempts that all failed.
type Payment = [
  period: string,
  service: string,
  channel: string,
  transactions: number,
  valueVnd: number,
  failed: number,
  refunds: number,
  refundedVnd: number,
];
const PAYMENTS: Payment[] = [
  ['2025-03', 'dossier_fee', 'bank_transfer', 10, 500_000, 2, 1, 50_000],
  ['2025-03', 'dossier_fee', 'qr', 30, 900_000, 0, 0, 0],
  ['2025-03', 'tax', 'card', 4, 8_000_000, 1, 0, 0],
  ['2025-04', 'tuition', 'e_wallet', 0, 0, 3, 0, 0],
];

// The one-stop statistics: March 2025 (agency A online by each sign-in method and at the counter,
// B online with a local account, C at the counter only) and May (A alone; the gateway sent no May).
type Submission = [
  period: string,
  agency: string,
  channel: string,
  authMethod: string,
  dossiers: number,
  feeBearing: number,
  paidOnline: number,
];
const SUBMISSIONS: Submission[] = [
  ['2025-03', 'A', 'online', 'vneid_level2', 50, 40, 36],
  ['2025-03', 'A', 'online', 'vneid_organization', 6, 4, 2],
  ['2025-03', 'A', 'online', 'national_portal_account', 3, 0, 0],
  ['2025-03', 'A', 'online', 'local_account', 1, 1, 0],
  ['2025-03', 'A', 'direct', 'none', 20, 10, 2],
  ['2025-03', 'B', 'online', 'local_account', 10, 0, 0],
  ['2025-03', 'C', 'direct', 'none', 7, 5, 0],
  ['2025-05', 'A', 'online', 'vneid_level2', 5, 4, 4],
];

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
  await lake.query(
    `create or replace view stg_payment_transactions as select * from (values ${values(PAYMENTS)}) as t (period, service, channel, transactions, value_vnd, failed_transactions, refunds, refunded_vnd)`,
  );
  await lake.query(
    `create or replace view stg_dossier_submissions as select * from (values ${values(SUBMISSIONS)}) as t (period, agency_code, channel, auth_method, dossiers, fee_bearing_dossiers, paid_online_dossiers)`,
  );
});
afterAll(() => lake.close());

describe('payments_by_service', () => {
  test('sums the gateway per service and month beside the one-stop dossiers with a fee, by hand', async () => {
    const { rows } = await lake.query('select * from payments_by_service order by period, service');
    const noDossiers = { fee_bearing_dossiers: null, paid_online_dossiers: null, cashless_fee_pct: null };
    expect(rows).toEqual([
      {
        period: '2025-03',
        service: 'dossier_fee',
        transactions: 40,
        value_vnd: 1_400_000,
        failed_transactions: 2,
        success_pct: 95.24, // 40 of 42 attempts
        refunds: 1,
        refunded_vnd: 50_000,
        transactions_bank_transfer: 10,
        transactions_card: 0,
        transactions_e_wallet: 0,
        transactions_qr: 30,
        fee_bearing_dossiers: 60, // 40 + 4 + 0 + 1 + 10 of A, 0 of B, 5 of C
        paid_online_dossiers: 40, // 36 + 2 + 2 of A
        cashless_fee_pct: 66.67, // 40 of 60
      },
      {
        period: '2025-03',
        service: 'tax',
        transactions: 4,
        value_vnd: 8_000_000,
        failed_transactions: 1,
        success_pct: 80,
        refunds: 0,
        refunded_vnd: 0,
        transactions_bank_transfer: 0,
        transactions_card: 4,
        transactions_e_wallet: 0,
        transactions_qr: 0,
        ...noDossiers, // dossiers bear dossier fees only
      },
      {
        period: '2025-04',
        service: 'tuition',
        transactions: 0,
        value_vnd: 0,
        failed_transactions: 3,
        success_pct: 0, // attempts, none successful: 0%, not null
        refunds: 0,
        refunded_vnd: 0,
        transactions_bank_transfer: 0,
        transactions_card: 0,
        transactions_e_wallet: 0,
        transactions_qr: 0,
        ...noDossiers,
      },
      {
        // The gateway sent nothing for May: its columns are unknown (null), not zero.
        period: '2025-05',
        service: 'dossier_fee',
        transactions: null,
        value_vnd: null,
        failed_transactions: null,
        success_pct: null,
        refunds: null,
        refunded_vnd: null,
        transactions_bank_transfer: null,
        transactions_card: null,
        transactions_e_wallet: null,
        transactions_qr: null,
        fee_bearing_dossiers: 4,
        paid_online_dossiers: 4,
        cashless_fee_pct: 100,
      },
    ]);
  });

  test('a one-month filter gives that month’s rows alone', async () => {
    const { rows } = await lake.query(
      "select period, service from payments_by_service where period = '2025-05' order by service",
    );
    expect(rows).toEqual([{ period: '2025-05', service: 'dossier_fee' }]);
  });
});

describe('e_authentication_by_agency and one_stop_e_authentication_pct', () => {
  test('counts online dossiers by sign-in method per agency and month, counter dossiers left out, by hand', async () => {
    const { rows } = await lake.query('select * from e_authentication_by_agency order by period, agency_code');
    expect(rows).toEqual([
      {
        period: '2025-03',
        agency_code: 'A',
        online_dossiers: 60, // its 20 at the counter are not online
        online_vneid_level2: 50,
        online_vneid_organization: 6,
        online_national_portal_account: 3,
        online_local_account: 1,
        e_authenticated_dossiers: 56, // 50 + 6
        e_authentication_pct: 93.33, // 56 of 60
      },
      {
        period: '2025-03',
        agency_code: 'B',
        online_dossiers: 10,
        online_vneid_level2: 0,
        online_vneid_organization: 0,
        online_national_portal_account: 0,
        online_local_account: 10,
        e_authenticated_dossiers: 0,
        e_authentication_pct: 0,
      },
      // C had counter dossiers only: no row.
      {
        period: '2025-05',
        agency_code: 'A',
        online_dossiers: 5,
        online_vneid_level2: 5,
        online_vneid_organization: 0,
        online_national_portal_account: 0,
        online_local_account: 0,
        e_authenticated_dossiers: 5,
        e_authentication_pct: 100,
      },
    ]);
  });

  test('the plan indicator is the province’s ratio of sums, not an average of the agencies’ shares', async () => {
    const { rows } = await lake.query(
      "select period, actual from kpi_actuals where indicator = 'one_stop_e_authentication_pct' order by period",
    );
    expect(rows).toEqual([
      { period: '2025-03', actual: 80 }, // 56 of A's 60 and B's 10; the agencies' average would be 46.67
      { period: '2025-05', actual: 100 },
    ]);
  });
});
