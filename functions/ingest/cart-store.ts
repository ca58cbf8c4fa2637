import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { CART_SK, type CartWriteOutcome, cartWriteOutcome, type StoredCart } from './cart.js';

export interface CartStore {
  /** Stores the cart only if its version is strictly newer than the stored one. */
  putIfNewer(cart: StoredCart): Promise<CartWriteOutcome>;
}

export const createCartStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): CartStore => ({
  async putIfNewer(cart) {
    const key = { pk: cart.cartId, sk: CART_SK };
    try {
      await db.send(
        new PutCommand({
          TableName: tables.carts,
          Item: { ...key, ...cart },
          ConditionExpression: 'attribute_not_exists(pk) OR versionMs < :versionMs',
          ExpressionAttributeValues: { ':versionMs': cart.versionMs },
        }),
      );
      return 'applied';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await db.send(
      new GetCommand({
        TableName: tables.carts,
        Key: key,
        ProjectionExpression: 'versionMs',
        ConsistentRead: true,
      }),
    );
    const outcome = cartWriteOutcome(stored.Item?.versionMs as number | undefined, cart.versionMs);
    // The condition failed, so a version at least as new is stored; `applied` here would be a lie.
    return outcome === 'applied' ? 'stale' : outcome;
  },
});
