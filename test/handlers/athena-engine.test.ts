import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { AthenaEngine, executionParameter } from '../../lambdas/core/query/athena-engine';

// Athena cannot run here: aws-sdk-client-mock plays it.
const athena = mockClient(AthenaClient);
const engine = new AthenaEngine(
  new AthenaClient({ region: 'ap-southeast-1' }),
  { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
  { sleep: async () => undefined },
);
const cell = (v?: string) => (v === undefined ? {} : { VarCharValue: v });

beforeEach(() => athena.reset());

test('values travel as ExecutionParameters, never in the query text', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 12_345 } },
  });
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: [{ Name: 'n', Type: 'bigint' }] },
      Rows: [{ Data: [cell('n')] }, { Data: [cell('3')] }],
    },
  });
  const sql = 'select count(*) as n from "stg_telecom_bts" where "carrier" in (?, ?) and "period" >= ?';
  expect(await engine.query(sql, ["vnpt' or '1'='1", 'viettel', '2025-01'])).toEqual({
    columns: ['n'],
    rows: [{ n: 3 }],
    queryId: 'q1',
    scannedBytes: 12_345,
  });
  const [start] = athena.commandCalls(StartQueryExecutionCommand);
  expect(start!.args[0].input).toEqual({
    QueryString: sql,
    WorkGroup: 'vpdc-dev',
    QueryExecutionContext: { Database: 'vpdc_dev' },
    ExecutionParameters: ["'vnpt'' or ''1''=''1'", "'viettel'", "'2025-01'"],
  });
});

test('follows every page of results, typed by column, nulls kept', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
  athena
    .on(GetQueryExecutionCommand)
    .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
    .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
    .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  const meta = {
    ColumnInfo: [
      { Name: 'carrier', Type: 'varchar' },
      { Name: 'share', Type: 'double' },
      { Name: 'has_5g', Type: 'boolean' },
    ],
  };
  athena
    .on(GetQueryResultsCommand, { QueryExecutionId: 'q2', NextToken: undefined })
    .resolves({
      NextToken: 't2',
      ResultSet: {
        ResultSetMetadata: meta,
        Rows: [
          { Data: [cell('carrier'), cell('share'), cell('has_5g')] },
          { Data: [cell('viettel'), cell('51.5'), cell('true')] },
        ],
      },
    })
    .on(GetQueryResultsCommand, { QueryExecutionId: 'q2', NextToken: 't2' })
    .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [{ Data: [cell('vnpt'), cell(), cell('false')] }] } });
  expect((await engine.query('select * from x', [])).rows).toEqual([
    { carrier: 'viettel', share: 51.5, has_5g: true },
    { carrier: 'vnpt', share: null, has_5g: false },
  ]);
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
  expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
  expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.ExecutionParameters).toBeUndefined();
});

test.each([
  [
    'FAILED',
    "line 1:8: Column 'nope' cannot be resolved",
    "failed: line 1:8: Column 'nope' cannot be resolved (query q3)",
  ],
  [
    'CANCELLED',
    'Query exhausted resources at this scale factor',
    'cancelled: Query exhausted resources at this scale factor (query q3)',
  ],
])('a %s query becomes an error with its reason', async (state, reason, message) => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q3' });
  athena
    .on(GetQueryExecutionCommand)
    .resolves({ QueryExecution: { Status: { State: state as 'FAILED', StateChangeReason: reason } } });
  await expect(engine.query('select nope from x', [])).rejects.toThrow(message);
  expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
});

test('parameters are Athena literals: strings quoted with quotes doubled, numbers, booleans, NULL', () => {
  expect([
    executionParameter("O'Brien"),
    executionParameter(42.5),
    executionParameter(true),
    executionParameter(null),
  ]).toEqual(["'O''Brien'", '42.5', 'true', 'NULL']);
  expect(() => executionParameter(Number.NaN)).toThrow('cannot pass NaN to Athena');
});
