import { BatchWriteCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerStats } from '../../../functions/churn/customer-stats.js';
import type { NudgeEvent } from '../../../functions/events/nudge-events.js';
import { STATS_SK, statsFieldsOf } from '../../../functions/ingest/order.js';
import type { ScheduledJob } from '../../../functions/ports/scheduler.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { freshTables } from '../../support/dynamo.js';

// The AWS SDK warns about Node 20 on its first client; tests print nothing.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Deps on fresh tables with a bus and a scheduler that only record what they are given. */
export const churnDeps = async (now = '2025-03-05T03:00:00Z') => {
  const { db, tables } = await freshTables();
  const published: NudgeEvent[] = [];
  const scheduled: Array<{ name: string; at: Date; job: ScheduledJob }> = [];
  const deps: Deps = {
    db,
    tables,
    clock: new VirtualClock(new Date(now)),
    log: new MemoryLog(),
    mailer: {
      send: async () => {
        throw new Error('scoring must not send email');
      },
    },
    scheduler: {
      scheduleAt: async (name, at, job) => {
        scheduled.push({ name, at, job });
      },
      cancel: async () => {},
    },
    bus: {
      publish: async (events) => {
        published.push(...events);
      },
    },
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
  };

  const putStats = (customerId: string, stats: CustomerStats) =>
    db.send(new PutCommand({ TableName: tables.customers, Item: statsItem(customerId, stats) }));
  const putItem = (table: 'customers' | 'control', item: Record<string, unknown>) =>
    db.send(new PutCommand({ TableName: tables[table], Item: item }));
  /** Many customers quickly: 25 items per BatchWrite. */
  const putCustomerItems = async (items: Array<Record<string, unknown>>) => {
    for (let start = 0; start < items.length; start += 25) {
      const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await db.send(new BatchWriteCommand({ RequestItems: { [tables.customers]: batch } }));
    }
  };
  /** Every stored score, as `{ customerId, ...score }`, read from the stats items that hold them. */
  const scores = async () => {
    const result = await db.send(
      new ScanCommand({
        TableName: tables.customers,
        FilterExpression: 'attribute_exists(score)',
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => ({ customerId: item.pk, ...item.score }));
  };
  const modelVersions = async () => {
    const result = await db.send(
      new QueryCommand({
        TableName: tables.control,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'churn-model' },
        ConsistentRead: true,
      }),
    );
    return result.Items ?? [];
  };
  return { deps, published, scheduled, putStats, putItem, putCustomerItems, scores, modelVersions };
};

/** The customer's stats item exactly as order ingest writes it (so the churn index holds it). */
export const statsItem = (customerId: string, stats: CustomerStats) => ({
  pk: customerId,
  sk: STATS_SK,
  ...statsFieldsOf(customerId, stats, { version: stats.orders, updatedAt: stats.lastOrderAt }),
});

/** Stats of a customer who first bought `firstDaysAgo` and last bought `lastDaysAgo` before `asOf`. */
export const statsFor = (
  asOf: string,
  {
    firstDaysAgo,
    lastDaysAgo,
    purchaseDays,
    totalSpent,
  }: {
    firstDaysAgo: number;
    lastDaysAgo: number;
    purchaseDays: number;
    totalSpent: number;
  },
): CustomerStats => {
  const day = (ago: number) => new Date(Date.parse(asOf) - ago * 86_400_000).toISOString();
  return {
    firstOrderAt: day(firstDaysAgo),
    lastOrderAt: day(lastDaysAgo),
    orders: purchaseDays,
    purchaseDays,
    totalSpent,
    meanGapDays: purchaseDays > 1 ? (firstDaysAgo - lastDaysAgo) / (purchaseDays - 1) : null,
  };
};
