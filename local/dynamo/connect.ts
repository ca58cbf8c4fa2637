import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { TableNames } from '../../functions/store/tables.js';
import { createTables, localDynamoClient } from './create-tables.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

export interface DynamoConnection {
  endpoint: string;
  /** Stops DynamoDB Local if this process started it; leaves an external endpoint alone. */
  stop(): Promise<void>;
}

export interface ConnectOptions {
  /** An existing DynamoDB (Local) endpoint; without one, DynamoDB Local is started. */
  endpoint?: string;
  /** Where DynamoDB Local keeps its files (`<dataDir>/dynamodb`), so a restart keeps state. */
  dataDir: string;
  tables: TableNames;
  /** Start from empty tables. */
  fresh: boolean;
  /** Expire items by TTL; off under a virtual clock (see createTables). */
  ttl?: boolean;
}

const deleteTables = async (endpoint: string, tables: TableNames) => {
  const client = localDynamoClient(endpoint);
  await Promise.all(
    Object.values(tables).map(async (TableName) => {
      try {
        await client.send(new DeleteTableCommand({ TableName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }),
  );
  client.destroy();
};

export class DynamoUnreachableError extends Error {
  override name = 'DynamoUnreachableError';
}

const networkCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(code)
    ? code
    : undefined;
};

/** Connects to (or starts) DynamoDB and makes sure every table exists. */
export const connectDynamo = async (options: ConnectOptions): Promise<DynamoConnection> => {
  let connection: DynamoConnection;
  if (options.endpoint) {
    if (options.fresh) await deleteTables(options.endpoint, options.tables);
    connection = { endpoint: options.endpoint, stop: async () => {} };
  } else {
    // DynamoDB Local runs in its package's folder, so its path must be absolute.
    const dbPath = resolve(join(options.dataDir, 'dynamodb'));
    if (options.fresh) await rm(dbPath, { recursive: true, force: true });
    await mkdir(dbPath, { recursive: true });
    connection = await startDynamoDbLocal({ dbPath });
  }
  try {
    const client = localDynamoClient(connection.endpoint);
    await createTables(client, options.tables, { ttl: options.ttl ?? true });
    client.destroy();
    return connection;
  } catch (error) {
    await connection.stop();
    const code = networkCode(error);
    if (code && options.endpoint) {
      throw new DynamoUnreachableError(
        `Cannot reach DynamoDB at ${options.endpoint} (DYNAMODB_ENDPOINT): ${code}. Start it, or unset DYNAMODB_ENDPOINT so nudge starts DynamoDB Local itself.`,
        { cause: error },
      );
    }
    throw error;
  }
};
