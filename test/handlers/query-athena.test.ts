import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { queryCommand } from '../../bin/cli/query';

// Athena cannot run here: aws-sdk-client-mock plays it, behind the real CLI command.
const athena = mockClient(AthenaClient);
const printed = { out: [] as string[], err: [] as string[] };
beforeEach(() => {
  athena.reset();
  printed.out = [];
  printed.err = [];
  jest.spyOn(console, 'log').mockImplementation((text: string) => void printed.out.push(text));
  jest.spyOn(console, 'error').mockImplementation((text: string) => void printed.err.push(text));
});
afterEach(() => jest.restoreAllMocks());

const run = (sql: string, flags: Record<string, string>) =>
  queryCommand.run({ values: { engine: 'athena', region: 'ap-southeast-1', ...flags }, positionals: [sql] });

test('vpdc query --engine athena runs in the workgroup and database given, prints the rows and what the scan costs', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-42' });
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 52_428_800 } },
  });
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: {
        ColumnInfo: [
          { Name: 'carrier', Type: 'varchar' },
          { Name: 'n', Type: 'bigint' },
        ],
      },
      Rows: [
        { Data: [{ VarCharValue: 'carrier' }, { VarCharValue: 'n' }] },
        { Data: [{ VarCharValue: 'vnpt' }, { VarCharValue: '12' }] },
      ],
    },
  });
  const sql = "select carrier, count(*) as n from stg_telecom_bts where period = '2025-12' group by 1";
  expect(await run(sql, { workgroup: 'vpdc-prod', database: 'vpdc_prod', format: 'csv' })).toBe(0);
  expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).toEqual({
    QueryString: sql,
    WorkGroup: 'vpdc-prod',
    QueryExecutionContext: { Database: 'vpdc_prod' },
  });
  expect(printed.out).toEqual(['carrier,n\nvnpt,12']);
  expect(printed.err).toEqual(['athena: query q-42: 1 rows, scanned 50.0 MB, billed 50.0 MB ≈ $0.00026 at $5/TB']);
});

test('a small scan is billed at Athena’s 10 MB minimum; a failed query says Athena’s reason', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
  athena.on(GetQueryExecutionCommand).resolvesOnce({
    QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 1_000 } },
  });
  athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
  await run('select 1', { workgroup: 'w', database: 'd' });
  expect(printed.err[0]).toContain('scanned 0.0 MB, billed 10.0 MB');

  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "line 1:8: Function 'strftime' not registered" } },
  });
  await expect(run('select strftime(now(), 1)', { workgroup: 'w', database: 'd' })).rejects.toThrow(
    "query failed on Athena: failed: line 1:8: Function 'strftime' not registered (query q-1)",
  );
});

test('without a workgroup and database it says where to find them', async () => {
  delete process.env.VPDC_ATHENA_WORKGROUP;
  delete process.env.VPDC_GLUE_DATABASE;
  await expect(run('select 1', {})).rejects.toThrow('the stack outputs AthenaWorkGroup and GlueDatabase');
  expect(athena.calls()).toHaveLength(0);
});
