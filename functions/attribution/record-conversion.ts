import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dayKey } from '../budget/periods.js';
import { parseCouponCode } from '../coupons/coupon-code.js';
import { getCoupon } from '../coupons/coupon-store.js';
import type { StoredOrder } from '../ingest/order.js';
import { incrementCampaignMetrics } from '../metrics/campaign-metrics.js';
import { claimLiftConversion } from '../metrics/lift-counters.js';
import { durationToMs, type RuleSet } from '../rules/schema/index.js';
import { createMessageStore } from '../send/message-store.js';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { type Attribution, attributeOrder } from './attribute.js';

export interface AttributionDeps extends Pick<Deps, 'db' | 'tables'> {
  rules: { active(): Promise<{ ruleSet: RuleSet } | undefined> };
}

const conversionKey = (order: StoredOrder) => ({ pk: order.customerId, sk: `conversion#${order.orderId}` });

/** Campaigns whose coupon this very order redeemed (the coupons hook runs first). */
const redeemedCampaigns = async (deps: AttributionDeps, order: StoredOrder): Promise<string[]> => {
  const campaigns: string[] = [];
  for (const input of order.couponCodes) {
    const parsed = parseCouponCode(input);
    if (!parsed.ok) continue;
    const coupon = await getCoupon(deps, parsed.code);
    if (coupon?.customerId === order.customerId && coupon.orderId === order.orderId)
      campaigns.push(coupon.campaignId);
  }
  return campaigns;
};

/**
 * Attributes the order once (a conversion record, pk=customerId, sk=conversion#<orderId>, claimed
 * with a conditional write) and adds it to the campaign's conversions and revenue, treatment or holdout,
 * and to the lifetime lift counters of the group the customer entered.
 */
export const recordConversion = async (
  deps: AttributionDeps,
  order: StoredOrder,
): Promise<Attribution | undefined> => {
  const active = await deps.rules.active();
  if (!active) return undefined;
  const existing = await deps.db.send(
    new GetCommand({ TableName: deps.tables.messages, Key: conversionKey(order), ConsistentRead: true }),
  );
  if (existing.Item?.counted) return undefined;
  const windowMs = durationToMs(active.ruleSet.settings.attributionWindow) ?? 5 * 86_400_000;
  const placedAt = new Date(order.placedAt);
  const attribution =
    (existing.Item?.attribution as Attribution | undefined) ??
    attributeOrder({
      placedAt,
      couponCampaigns: await redeemedCampaigns(deps, order),
      history: await createMessageStore(deps).history(
        order.customerId,
        new Date(placedAt.getTime() - windowMs),
      ),
      windowMs,
    });
  if (!attribution) return undefined;
  if (!existing.Item) {
    try {
      await deps.db.send(
        new PutCommand({
          TableName: deps.tables.messages,
          Item: {
            ...conversionKey(order),
            attribution,
            total: order.total,
            placedAt: order.placedAt,
            counted: false,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
  // Claimed per order and per customer on its own, so it is safe to repeat before `counted` is set.
  await claimLiftConversion(deps, {
    campaignId: attribution.campaignId,
    customerId: order.customerId,
    orderId: order.orderId,
    total: order.total,
  });
  const holdout = attribution.group === 'holdout';
  await incrementCampaignMetrics(
    deps.db,
    deps.tables,
    attribution.campaignId,
    dayKey(placedAt, active.ruleSet.settings.timeZone),
    holdout
      ? { holdoutConversions: 1, holdoutRevenue: order.total }
      : { conversions: 1, revenue: order.total },
  );
  // A crash between the increment and this mark would count the order twice on redelivery; rare and visible.
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tables.messages,
      Key: conversionKey(order),
      UpdateExpression: 'SET counted = :true',
      ExpressionAttributeValues: { ':true': true },
    }),
  );
  return attribution;
};
