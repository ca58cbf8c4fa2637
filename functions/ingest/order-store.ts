import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { applyOrderToStats, type CustomerStats, customerStatsSchema } from '../churn/customer-stats.js';
import type { Deps } from '../shared/deps.js';
import { ORDER_SK, STATS_SK, type StoredOrder, statsFieldsOf } from './order.js';

export interface OrderStore {
  /** Records the order and folds it into the customer's stats, both or neither, once per orderId. */
  recordWithStats(order: StoredOrder): Promise<{ firstTime: boolean }>;
}

export class StatsContentionError extends Error {
  override name = 'StatsContentionError';
}

const cancellationCodes = (error: unknown): string[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return reasons?.map((reason) => reason.Code ?? 'None');
};

export const createOrderStore = (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  options: { maxAttempts?: number } = {},
): OrderStore => {
  const maxAttempts = options.maxAttempts ?? 8;

  const readStats = async (customerId: string): Promise<{ stats?: CustomerStats; version: number }> => {
    const read = await db.send(
      new GetCommand({
        TableName: tables.customers,
        Key: { pk: customerId, sk: STATS_SK },
        ConsistentRead: true,
      }),
    );
    if (!read.Item) return { version: 0 };
    return { stats: customerStatsSchema.parse(read.Item), version: read.Item.version as number };
  };

  const orderExists = async (orderId: string): Promise<boolean> => {
    const read = await db.send(
      new GetCommand({
        TableName: tables.orders,
        Key: { pk: orderId, sk: ORDER_SK },
        ProjectionExpression: 'pk',
        ConsistentRead: true,
      }),
    );
    return read.Item !== undefined;
  };

  return {
    async recordWithStats(order) {
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        if (await orderExists(order.orderId)) return { firstTime: false };
        const { stats, version } = await readStats(order.customerId);
        const statsItem = statsFieldsOf(order.customerId, applyOrderToStats(stats, order), {
          version: version + 1,
          updatedAt: order.recordedAt,
        });
        const statsFields = Object.keys(statsItem);
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tables.orders,
                    Item: { pk: order.orderId, sk: ORDER_SK, ...order },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  // Update, not Put: the churn score lives on this item too (churn/score-store.ts).
                  Update: {
                    TableName: tables.customers,
                    Key: { pk: order.customerId, sk: STATS_SK },
                    UpdateExpression: `SET ${statsFields.map((field) => `#${field} = :${field}`).join(', ')}`,
                    // The version guard makes a concurrent order for the same customer retry on fresh stats.
                    ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
                    ExpressionAttributeNames: Object.fromEntries(
                      statsFields.map((field) => [`#${field}`, field]),
                    ),
                    ExpressionAttributeValues: {
                      ...Object.fromEntries(
                        Object.entries(statsItem).map(([field, value]) => [`:${field}`, value]),
                      ),
                      ...(version === 0 ? {} : { ':expected': version }),
                    },
                  },
                },
              ],
            }),
          );
          return { firstTime: true };
        } catch (error) {
          const codes = cancellationCodes(error);
          if (!codes) throw error;
          if (codes[0] === 'ConditionalCheckFailed') return { firstTime: false };
          if (codes[1] !== 'ConditionalCheckFailed' && codes[1] !== 'TransactionConflict') throw error;
        }
      }
      throw new StatsContentionError(
        `stats of customer ${order.customerId} kept changing; order ${order.orderId} not recorded after ${maxAttempts} attempts`,
      );
    },
  };
};
