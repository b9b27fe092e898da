import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessRequestStore } from '../../lambdas/core/sharing/access-requests/access-request-store';
import { dynamoRecords } from '../../lambdas/core/sharing/access-requests/request-records';
import { ApiProblem } from '../../lambdas/core/sharing/problem';

// In AWS two API containers may decide one request at the same moment: DynamoDB itself must
// refuse the second write, and the store must turn that refusal into a conflict.

const dynamo = mockClient(DynamoDBClient);
const TABLE = 'vpdc-access-requests';
const now = new Date('2026-11-27T08:00:00Z');
const pending = {
  id: '0b7f2a52-5a3c-4d4e-9a5e-2f8f3e0c1a11',
  agency: 'ubnd-vinh-yen',
  dataset: 'telecom_bts',
  purpose: 'Base stations of every carrier in the city',
  columns: '*' as const,
  days: 366,
  status: 'pending' as const,
  history: [{ at: '2026-11-26T08:00:00.000Z', by: 'ubnd-vinh-yen', action: 'requested' as const }],
};
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const store = () => new AccessRequestStore(dynamoRecords(new DynamoDBClient({ region: 'ap-southeast-1' }), TABLE));

beforeEach(() => dynamo.reset());

test('a decision is written only on condition that the item is still pending, with its status beside the document', async () => {
  dynamo.on(PutItemCommand).resolves({});
  const decided = await store().decide(pending, { by: 'so-khcn', approve: false }, now);
  expect(decided.status).toBe('refused');
  const [put] = dynamo.commandCalls(PutItemCommand);
  expect(put!.args[0].input).toMatchObject({
    TableName: TABLE,
    Item: { id: { S: pending.id }, status: { S: 'refused' } },
    ConditionExpression: expect.stringMatching(/^#status = :pending OR /),
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pending': { S: 'pending' } },
  });
  expect(JSON.parse(put!.args[0].input.Item!.request!.S!)).toEqual(decided);
});

test('an item written before the status attribute is decided on what its document says', async () => {
  dynamo.on(PutItemCommand).resolves({});
  await store().decide(pending, { by: 'so-khcn', approve: false }, now);
  const { input } = dynamo.commandCalls(PutItemCommand)[0]!.args[0];
  expect(input.ConditionExpression).toContain('attribute_not_exists(#status) AND contains(#request, :pendingText)');
  // The text the condition looks for is how the store writes a pending document.
  const pendingText = input.ExpressionAttributeValues![':pendingText']!.S!;
  expect(JSON.stringify(pending, null, 2)).toContain(pendingText);
  expect(
    JSON.stringify({ ...pending, status: 'refused', purpose: 'quoting "status": "pending"' }, null, 2),
  ).not.toContain(pendingText);
});

test('a new request is written unconditionally, its status beside it for the decisions to check', async () => {
  dynamo.on(PutItemCommand).resolves({});
  const created = await store().create(pending, now);
  const [put] = dynamo.commandCalls(PutItemCommand);
  expect(put!.args[0].input.ConditionExpression).toBeUndefined();
  expect(put!.args[0].input.Item).toMatchObject({ id: { S: created.id }, status: { S: 'pending' } });
});

test('a failed condition is a 409 naming the decision that stood', async () => {
  const standing = {
    ...pending,
    status: 'approved',
    expires: '2027-11-27',
    history: [...pending.history, { at: '2026-11-27T07:59:59.000Z', by: 'so-khcn', action: 'approved' }],
  };
  dynamo.on(PutItemCommand).rejects(conditionFailed());
  dynamo.on(GetItemCommand).resolves({ Item: { id: { S: pending.id }, request: { S: JSON.stringify(standing) } } });
  const late = store().decide(pending, { by: 'vnpt', approve: false }, now);
  await expect(late).rejects.toBeInstanceOf(ApiProblem);
  await expect(late).rejects.toMatchObject({
    status: 409,
    detail: 'the request was already approved by so-khcn at 2026-11-27T07:59:59.000Z',
  });
});

test('any other failure of the write is not mistaken for a conflict', async () => {
  dynamo
    .on(PutItemCommand)
    .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
  await expect(store().decide(pending, { by: 'so-khcn', approve: true, expires: '2027-11-27' }, now)).rejects.toThrow(
    'slow down',
  );
});
