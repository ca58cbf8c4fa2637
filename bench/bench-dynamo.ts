import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Log } from '../functions/shared/logger.js';
import { createDocumentClient } from '../functions/store/dynamo.js';
import { localTableNames, type TableNames } from '../functions/store/tables.js';
import { createTables, localDynamoClient } from '../local/dynamo/create-tables.js';

export interface BenchDynamo {
  endpoint: string;
  db: DynamoDBDocumentClient;
  tables: TableNames;
}

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A unique table prefix, so benchmarks never share state with each other or with tests. */
export const benchPrefix = (label: string): string => `bench-${label}-${randomUUID().slice(0, 8)}`;

/** Fresh tables (as the stack defines them) in the run's DynamoDB Local. */
export const freshBenchTables = async (endpoint: string, label: string): Promise<BenchDynamo> => {
  const tables = localTableNames(benchPrefix(label));
  const admin = localDynamoClient(endpoint);
  await createTables(admin, tables, { ttl: false });
  admin.destroy();
  const db = createDocumentClient({
    endpoint,
    region: 'local',
    credentials: localCredentials,
    maxAttempts: 10,
    // The SDK's default of 50 sockets would cap the concurrency a benchmark asks for.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) },
  });
  return { endpoint, db, tables };
};

/** Benchmarks print only their summary; the code under test logs into nothing. */
export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
};
