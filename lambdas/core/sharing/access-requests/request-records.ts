import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';

/** Where access requests are kept: one JSON document per request id. */
export interface RequestRecords {
  put(id: string, json: string): Promise<void>;
  get(id: string): Promise<string | undefined>;
  all(): Promise<string[]>;
}

/**
 * Requests as items of a DynamoDB table (partition key `id`, the document in `request`): in
 * AWS, where every API container and the events function read the grants in force from it.
 * Reads are strongly consistent, so an approval is seen by the next refresh anywhere.
 */
export function dynamoRecords(client: DynamoDBClient, table: string): RequestRecords {
  return {
    put: async (id, json) => {
      await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, request: { S: json } } }));
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
