import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type TableNames, TTL_ATTRIBUTE, tableDefinitions } from '../../functions/store/tables.js';

/**
 * Creates every table of functions/store/tables.ts, as the stack does, if it is not there yet.
 * `ttl: false` is for virtual time: DynamoDB Local expires items by the wall clock, so a send
 * claim stamped to expire in a simulated past would vanish mid-run and let a redelivery send again.
 */
export const createTables = async (
  client: DynamoDBClient,
  names: TableNames,
  { ttl = true }: { ttl?: boolean } = {},
): Promise<void> => {
  await Promise.all(
    tableDefinitions.map(async (definition) => {
      const attributes = new Map<string, 'S'>([
        ['pk', 'S'],
        ['sk', 'S'],
      ]);
      for (const index of definition.indexes) {
        attributes.set(index.partitionKey, 'S');
        attributes.set(index.sortKey, 'S');
      }
      const input: CreateTableCommandInput = {
        TableName: names[definition.id],
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.indexes.length
          ? definition.indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
              ],
              Projection: { ProjectionType: 'ALL' as const },
            }))
          : undefined,
      };
      const setTtl = (Enabled: boolean) =>
        client.send(
          new UpdateTimeToLiveCommand({
            TableName: names[definition.id],
            TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled },
          }),
        );
      try {
        await client.send(new CreateTableCommand(input));
        if (ttl) await setTtl(true);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        await addMissingIndexes(client, input);
        // A table kept from a real-clock run: stop expiring its items while time is virtual.
        if (!ttl) await setTtl(false).catch(() => undefined);
      }
    }),
  );
};

const indexStatus = async (client: DynamoDBClient, tableName: string | undefined) => {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return new Map(
    (described.Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.IndexStatus]),
  );
};

/**
 * A table kept from an earlier version gets the indexes declared since (one per UpdateTable call),
 * and is used only once they are ACTIVE: while one is being built DynamoDB Local fails every request.
 */
const addMissingIndexes = async (client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> => {
  const present = await indexStatus(client, input.TableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: input.TableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          {
            Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection },
          },
        ],
      }),
    );
    for (
      let waited = 0;
      (await indexStatus(client, input.TableName)).get(index.IndexName) !== 'ACTIVE';
      waited += 100
    ) {
      if (waited > 60_000)
        throw new Error(`index ${index.IndexName} of ${input.TableName} did not become ACTIVE`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

export const localDynamoClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
