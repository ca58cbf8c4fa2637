import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import type { TableId } from '../../../functions/store/tables.js';
import { freshTables } from '../../support/dynamo.js';

// The AWS SDK warns about Node 20 on its first client; tests print nothing.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Deps on fresh DynamoDB Local tables; the ports ingestion does not use refuse to be called. */
export const ingestDeps = async (now = '2025-03-05T00:00:00Z') => {
  const { db, tables } = await freshTables();
  const clock = new VirtualClock(new Date(now));
  const unused = (port: string) => async () => {
    throw new Error(`ingestion must not use the ${port}`);
  };
  const deps: Deps = {
    db,
    tables,
    clock,
    log: new MemoryLog(),
    mailer: { send: unused('mailer') },
    scheduler: { scheduleAt: unused('scheduler'), cancel: unused('scheduler') },
    bus: { publish: unused('bus') },
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
  };
  const read = async (table: TableId, pk: string, sk: string) =>
    (await db.send(new GetCommand({ TableName: tables[table], Key: { pk, sk }, ConsistentRead: true }))).Item;
  return { deps, clock, read };
};

let counter = 0;
/** A shop event envelope as EventBridge delivers it. */
export const envelope = (detailType: string, detail: unknown) => {
  counter += 1;
  return {
    version: '0',
    id: `evt-${counter}`,
    'detail-type': detailType,
    source: 'shop',
    account: '123456789012',
    time: '2025-03-01T09:00:00Z',
    region: 'eu-central-1',
    resources: [],
    detail,
  };
};
