import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../functions/store/dynamo.js';
import { localTableNames, type TableNames } from '../../functions/store/tables.js';
import { createTables, localDynamoClient } from '../../local/dynamo/create-tables.js';

export interface TestDynamo {
  endpoint: string;
  db: DynamoDBDocumentClient;
  tables: TableNames;
}

/** Fresh tables under a unique prefix, in the run's DynamoDB Local, so test files never share state. */
export const freshTables = async (): Promise<TestDynamo> => {
  const endpoint = inject('dynamoEndpoint');
  const tables = localTableNames(`t${randomUUID().slice(0, 8)}`);
  // Tests run in virtual time; DynamoDB Local would expire their items by the wall clock.
  await createTables(localDynamoClient(endpoint), tables, { ttl: false });
  const db = createDocumentClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { endpoint, db, tables };
};
