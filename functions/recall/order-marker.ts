import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredOrder } from '../ingest/order.js';
import type { Deps } from '../shared/deps.js';

/** The carts item pk=cartId, sk='ordered': some order named this cart, so no reminder may follow. */
export const ORDERED_SK = 'ordered';

export const markCartOrdered = async (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  order: StoredOrder,
): Promise<void> => {
  if (!order.cartId) return;
  await db.send(
    new PutCommand({
      TableName: tables.carts,
      Item: { pk: order.cartId, sk: ORDERED_SK, orderId: order.orderId, placedAt: order.placedAt },
    }),
  );
};
