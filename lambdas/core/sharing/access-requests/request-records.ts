import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';

/** Where access requests are kept: one JSON document per request id. */
export interface RequestRecords {
  put(id: string, json: string): Promise<void>;
  /**
   * Replaces the document of a request that is still pending, as one step: false, with
   * nothing written, when it was decided meanwhile (or is gone), so of two decisions at the
   * same moment only the first stands.
   */
  putIfPending(id: string, json: string): Promise<boolean>;
  get(id: string): Promise<string | undefined>;
  all(): Promise<string[]>;
}

/**
 * Requests as items of a DynamoDB table (partition key `id`, the document in `request`): in
 * AWS, where every API container and the events function read the grants in force from it.
 * Reads are strongly consistent, so an approval is seen by the next refresh anywhere. The
 * status is kept beside the document too, so that DynamoDB itself checks a decision is made
 * on a request still pending (two API containers may decide at the same moment).
 */
export function dynamoRecords(client: DynamoDBClient, table: string): RequestRecords {
  const item = (id: string, json: string) => ({
    id: { S: id },
    request: { S: json },
    status: { S: String((JSON.parse(json) as { status?: unknown }).status) },
  });
  return {
    put: async (id, json) => {
      await client.send(new PutItemCommand({ TableName: table, Item: item(id, json) }));
    },
    putIfPending: async (id, json) => {
      try {
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: item(id, json),
            // Items written before the status attribute: the document itself says pending
            // (written with JSON.stringify(…, null, 2); a quote inside a string is escaped).
            ConditionExpression:
              '#status = :pending OR (attribute_not_exists(#status) AND contains(#request, :pendingText))',
            ExpressionAttributeNames: { '#status': 'status', '#request': 'request' },
            ExpressionAttributeValues: { ':pending': { S: 'pending' }, ':pendingText': { S: '"status": "pending"' } },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    get: async (id) => {
      const found = await client.send(
        new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }),
      );
      return found.Item?.request?.S;
    },
    all: async () => {
      const documents: string[] = [];
      let start: ScanCommandOutput['LastEvaluatedKey'];
      do {
        const page: ScanCommandOutput = await client.send(
          new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        for (const item of page.Items ?? []) if (item.request?.S) documents.push(item.request.S);
        start = page.LastEvaluatedKey;
      } while (start);
      return documents;
    },
  };
}
