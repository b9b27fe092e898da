import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { loadViews } from '../../lambdas/core/sql/view-files';

// Athena cannot run here: its client is mocked (aws-sdk-client-mock); everything else is real.
const athena = mockClient(AthenaClient);
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const { handler } = require('../../lambdas/views/handler') as typeof import('../../lambdas/views/handler');
const views = loadViews(join(__dirname, '..', 'fixtures', 'sql')).map(({ name, sql }) => ({ name, sql }));

const properties = (viewList: readonly { name: string; sql: string }[]) => ({
  ServiceToken: 'x',
  WorkGroup: 'vpdc-dev',
  Database: 'vpdc_dev',
  Views: JSON.stringify(viewList),
});

/** A request; an update's old properties name `oldViews` (by default the same views). */
function event(requestType: 'Create' | 'Update' | 'Delete', oldViews = views): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:ap-southeast-1:111122223333:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'arn:aws:cloudformation:ap-southeast-1:111122223333:stack/vpdc-dev/1',
    RequestId: 'r-1',
    LogicalResourceId: 'AnalyticsViews',
    ResourceType: 'Custom::AthenaViews',
    ResourceProperties: properties(views),
    ...(requestType === 'Create'
      ? {}
      : { PhysicalResourceId: 'vpdc-views-AnalyticsViews', OldResourceProperties: properties(oldViews) }),
  } as CloudFormationCustomResourceEvent;
}

beforeEach(() => athena.reset());

test('creates or replaces every view in order, in the workgroup and database, waiting for each', async () => {
  let started = 0;
  athena.on(StartQueryExecutionCommand).callsFake(async () => ({ QueryExecutionId: `q${++started}` }));
  const polls = new Map<string, number>();
  athena.on(GetQueryExecutionCommand).callsFake(async ({ QueryExecutionId }: { QueryExecutionId: string }) => {
    const n = (polls.get(QueryExecutionId) ?? 0) + 1;
    polls.set(QueryExecutionId, n);
    return { QueryExecution: { Status: { State: n === 1 ? 'RUNNING' : 'SUCCEEDED' } } };
  });

  const result = await handler(event('Create'));

  const calls = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
  expect(calls.map((c) => c.QueryString)).toEqual([
    expect.stringMatching(/^CREATE OR REPLACE VIEW plan_targets AS\n-- generated from/),
    expect.stringMatching(/^CREATE OR REPLACE VIEW source_cadences AS\n-- generated from/),
    expect.stringMatching(/^CREATE OR REPLACE VIEW wards_2025 AS\n-- generated from/),
    'CREATE OR REPLACE VIEW stg_alpha AS\nselect id from telecom_bts',
    'CREATE OR REPLACE VIEW z_detail AS\nselect id from stg_alpha',
    'CREATE OR REPLACE VIEW a_summary AS\nselect count(*) as n from z_detail',
  ]);
  for (const call of calls)
    expect(call).toMatchObject({ WorkGroup: 'vpdc-dev', QueryExecutionContext: { Database: 'vpdc_dev' } });
  expect([...polls.values()]).toEqual([2, 2, 2, 2, 2, 2]);
  expect(result).toEqual({
    PhysicalResourceId: 'vpdc-views-AnalyticsViews',
    Data: { Applied: 'plan_targets,source_cadences,wards_2025,stg_alpha,z_detail,a_summary' },
  });
});

test("fails the deployment at the first failing view, with the view's name and Athena's reason", async () => {
  let started = 0;
  athena.on(StartQueryExecutionCommand).callsFake(async () => ({ QueryExecutionId: `q${++started}` }));
  athena.on(GetQueryExecutionCommand).callsFake(async ({ QueryExecutionId }: { QueryExecutionId: string }) =>
    QueryExecutionId === 'q5'
      ? {
          QueryExecution: {
            Status: { State: 'FAILED', StateChangeReason: "line 1:20: Table 'vpdc_dev.stg_alpha' does not exist" },
          },
        }
      : { QueryExecution: { Status: { State: 'SUCCEEDED' } } },
  );
  await expect(handler(event('Update'))).rejects.toThrow(
    "view z_detail failed: failed: line 1:20: Table 'vpdc_dev.stg_alpha' does not exist (query q5)",
  );
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(5);
});

test('on update, drops the views it created before that sql/ no longer has, after applying the rest', async () => {
  let started = 0;
  athena.on(StartQueryExecutionCommand).callsFake(async () => ({ QueryExecutionId: `q${++started}` }));
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  const removed = [
    { name: 'stg_retired', sql: 'select id from telecom_bts' },
    { name: 'retired_summary', sql: 'select count(*) as n from stg_retired' },
  ];

  await handler(event('Update', [...views, ...removed]));

  const calls = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
  expect(calls.map((c) => c.QueryString)).toEqual([
    ...views.map((v) => `CREATE OR REPLACE VIEW ${v.name} AS\n${v.sql}`),
    // Newest first: a view goes before the views it read.
    'DROP VIEW IF EXISTS retired_summary',
    'DROP VIEW IF EXISTS stg_retired',
  ]);
  for (const call of calls)
    expect(call).toMatchObject({ WorkGroup: 'vpdc-dev', QueryExecutionContext: { Database: 'vpdc_dev' } });
});

test('drops no view on an update that keeps every view', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  await handler(event('Update'));
  const sql = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString);
  expect(sql).toHaveLength(views.length);
  expect(sql.filter((q) => q?.startsWith('DROP'))).toEqual([]);
});

test('does nothing on delete: the views go with the database', async () => {
  expect(await handler(event('Delete'))).toEqual({
    PhysicalResourceId: 'vpdc-views-AnalyticsViews',
    Data: { Applied: '' },
  });
  expect(athena.calls()).toHaveLength(0);
});
