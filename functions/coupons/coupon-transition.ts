import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import { COUPON_SK, type CouponState, couponPk, type StoredCoupon } from './coupon-item.js';
import { type CouponStoreDeps, getCoupon } from './coupon-store.js';

export type Transition = { moved: true } | { moved: false; current: StoredCoupon | undefined };

/**
 * Moves a coupon from one state to another with one conditional write, so of two racing callers
 * (two orders, an order and the expiry) exactly one wins; the loser gets the coupon as it is now.
 */
export const transitionCoupon = async (
  deps: CouponStoreDeps,
  code: string,
  change: {
    from: CouponState;
    to: CouponState;
    set?: Record<string, unknown>;
    /** Extra condition over the coupon's attributes, with its values (names are used as is). */
    condition?: { expression: string; values: Record<string, unknown> };
  },
): Promise<Transition> => {
  const set = change.set ?? {};
  const names = Object.keys(set);
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tables.coupons,
        Key: { pk: couponPk(code), sk: COUPON_SK },
        UpdateExpression: `SET #state = :to${names.map((name) => `, #${name} = :${name}`).join('')}`,
        ConditionExpression: `#state = :from${change.condition ? ` AND ${change.condition.expression}` : ''}`,
        ExpressionAttributeNames: {
          '#state': 'state',
          ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ':to': change.to,
          ':from': change.from,
          ...Object.fromEntries(names.map((name) => [`:${name}`, set[name]])),
          ...(change.condition?.values ?? {}),
        },
      }),
    );
    return { moved: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { moved: false, current: await getCoupon(deps, code) };
  }
};
