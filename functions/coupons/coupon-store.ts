import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { TableNames } from '../store/tables.js';
import {
  COUPON_SK,
  couponPk,
  LIVE_SK,
  livePk,
  type StoredCoupon,
  storedCouponSchema,
} from './coupon-item.js';

export interface CouponStoreDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'coupons'>;
}

export const getItem = async (
  deps: CouponStoreDeps,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> =>
  (await deps.db.send(new GetCommand({ TableName: deps.tables.coupons, Key: key, ConsistentRead: true })))
    .Item;

export const getCoupon = async (deps: CouponStoreDeps, code: string): Promise<StoredCoupon | undefined> => {
  const item = await getItem(deps, { pk: couponPk(code), sk: COUPON_SK });
  return item ? storedCouponSchema.parse(item) : undefined;
};

/** Frees the customer's live slot for this campaign, if it still names this code. */
export const freeLiveSlot = async (deps: CouponStoreDeps, coupon: StoredCoupon): Promise<void> => {
  try {
    await deps.db.send(
      new DeleteCommand({
        TableName: deps.tables.coupons,
        Key: { pk: livePk(coupon.campaignId, coupon.customerId), sk: LIVE_SK },
        ConditionExpression: 'code = :code',
        ExpressionAttributeValues: { ':code': coupon.code },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};
