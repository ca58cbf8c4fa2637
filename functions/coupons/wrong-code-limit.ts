import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { CouponStoreDeps } from './coupon-store.js';

/** At most this many wrong codes per customer per clock hour; then codes are refused unread. */
export const WRONG_CODES_PER_HOUR = 10;

const attemptsKey = (customerId: string, at: Date) => ({
  pk: `codeattempts#${customerId}`,
  sk: at.toISOString().slice(0, 13),
});

/**
 * Claims one attempt of the hour before a code is looked up, so concurrent guesses cannot get
 * past the limit; an attempt that turns out to be a real code of this customer is given back.
 */
export const claimCodeAttempt = async (
  deps: CouponStoreDeps,
  customerId: string,
  at: Date,
): Promise<boolean> => {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tables.coupons,
        Key: attemptsKey(customerId, at),
        UpdateExpression: 'ADD attempts :one SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': WRONG_CODES_PER_HOUR,
          ':expiresAt': Math.floor(at.getTime() / 1000) + 2 * 3600,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

export const giveBackCodeAttempt = async (
  deps: CouponStoreDeps,
  customerId: string,
  at: Date,
): Promise<void> => {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tables.coupons,
        Key: attemptsKey(customerId, at),
        UpdateExpression: 'ADD attempts :minusOne',
        ConditionExpression: 'attempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};
