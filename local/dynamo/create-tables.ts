import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
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
        await checkIndexes(client, input);
        // A table kept from a real-clock run: stop expiring its items while time is virtual.
        if (!ttl) await setTtl(false).catch(() => undefined);
      }
    }),
  );
};

export class OutdatedLocalTableError extends Error {
  override name = 'OutdatedLocalTableError';
}

/**
 * A table kept from an earlier version may lack an index declared since. Adding one to DynamoDB
 * Local (UpdateTable) builds it in the background, sometimes for minutes on a busy machine, and
 * the table fails requests meanwhile; local data is a demo's, so starting afresh is the remedy.
 */
const checkIndexes = async (client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> => {
  const described = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = (input.GlobalSecondaryIndexes ?? []).filter((index) => !present.has(index.IndexName));
  if (missing.length === 0) return;
  throw new OutdatedLocalTableError(
    `The local table ${input.TableName} was made by an earlier version of nudge and lacks the index ` +
      `${missing.map((index) => index.IndexName).join(', ')}. Start once with \`npm start -- --fresh\` ` +
      '(this wipes the local data) or point --data at a new folder.',
  );
};

export const localDynamoClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
