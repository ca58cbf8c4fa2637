import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { settle } from '../budget/ledger.js';
import { dayKey } from '../budget/periods.js';
import { toMilli } from '../budget/scopes.js';
import type { OrderPlaced } from '../events/shop-events.js';
import { incrementCampaignMetrics } from '../metrics/campaign-metrics.js';
import type { Bus } from '../ports/bus.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { isConditionFailure } from '../store/dynamo.js';
import type { TableNames } from '../store/tables.js';
import { formatCouponCode, parseCouponCode } from './coupon-code.js';
import { couponMovementKey, expiryScheduleName, type StoredCoupon } from './coupon-item.js';
import { freeLiveSlot, getCoupon } from './coupon-store.js';
import { transitionCoupon } from './coupon-transition.js';
import { discountForOrder, grossMarginOf } from './offer-value.js';
import { claimCodeAttempt, giveBackCodeAttempt } from './wrong-code-limit.js';

export interface RedeemDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'coupons' | 'budgets' | 'control'>;
  bus: Bus;
  scheduler: Scheduler;
  clock: Clock;
  /** Budget days of the coupon metrics are cut in this zone (settings.timeZone); UTC when unknown. */
  timeZone?: string;
}

export const rejectReasons = [
  'rate_limited',
  'malformed',
  'check_failed',
  'unknown_code',
  'wrong_customer',
  'already_redeemed',
  'expired',
  'not_live',
  'below_min_spend',
  'currency_mismatch',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** Reasons that say the code was a guess rather than this customer's real code. */
const WRONG_GUESSES: ReadonlySet<RejectReason> = new Set([
  'malformed',
  'check_failed',
  'unknown_code',
  'wrong_customer',
]);

export interface RedemptionOutcome {
  orderId: string;
  customerId: string;
  /** What the customer typed, trimmed. */
  input: string;
  /** As printed, when the input was a well-formed code. */
  code?: string;
  campaignId?: string;
  status: 'redeemed' | 'rejected';
  reason?: RejectReason;
  /** Minor units taken off the order. */
  discount?: number;
  at: string;
}

const outcomeKey = (orderId: string, input: string) => ({
  pk: `redemption#${orderId}`,
  sk: input.toUpperCase(),
});

const subtotalOf = (order: Pick<OrderPlaced, 'items' | 'total'>): number => {
  const fromItems = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  return fromItems > 0 ? fromItems : order.total;
};

const record = async (deps: RedeemDeps, outcome: RedemptionOutcome): Promise<RedemptionOutcome> => {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tables.coupons,
        Item: { ...outcomeKey(outcome.orderId, outcome.input), ...outcome },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return outcome;
};

/** Why a coupon could not move from live to redeemed for this order. */
const rejectionOf = (coupon: StoredCoupon, order: OrderPlaced, subtotal: number): RejectReason => {
  if (coupon.state === 'redeemed') return 'already_redeemed';
  if (coupon.state === 'expired' || coupon.validUntilMs <= Date.parse(order.placedAt)) return 'expired';
  if (coupon.state !== 'live') return 'not_live';
  if (subtotal < coupon.minSpend) return 'below_min_spend';
  return 'not_live';
};

/**
 * Redeems the coupon codes of an `Order Placed`: each code must exist, belong to the customer,
 * be live at `placedAt` and meet its minimum spend, and redeems exactly once even when orders
 * race. The actual discount settles in every budget scope and the rest of the reservation is
 * released. A rejected code is recorded with its reason, never thrown. Idempotent on the orderId.
 */
export const redeemCouponsForOrder = async (
  deps: RedeemDeps,
  order: OrderPlaced,
): Promise<RedemptionOutcome[]> => {
  const inputs = [...new Set(order.couponCodes.map((code) => code.trim()).filter((code) => code.length > 0))];
  const outcomes: RedemptionOutcome[] = [];
  for (const input of inputs) outcomes.push(await redeemOne(deps, order, input));
  return outcomes;
};

const redeemOne = async (deps: RedeemDeps, order: OrderPlaced, input: string): Promise<RedemptionOutcome> => {
  const earlier = await deps.db.send(
    new GetCommand({
      TableName: deps.tables.coupons,
      Key: outcomeKey(order.orderId, input),
      ConsistentRead: true,
    }),
  );
  if (earlier.Item) {
    const { pk: _pk, sk: _sk, ...stored } = earlier.Item;
    return stored as RedemptionOutcome;
  }

  const at = deps.clock.now();
  const base = { orderId: order.orderId, customerId: order.customerId, input, at: at.toISOString() };
  const reject = async (reason: RejectReason, extra: Partial<RedemptionOutcome> = {}) => {
    if (!WRONG_GUESSES.has(reason) && reason !== 'rate_limited')
      await giveBackCodeAttempt(deps, order.customerId, at);
    return record(deps, { ...base, ...extra, status: 'rejected', reason });
  };

  if (!(await claimCodeAttempt(deps, order.customerId, at)))
    return record(deps, { ...base, status: 'rejected', reason: 'rate_limited' });
  const parsed = parseCouponCode(input);
  if (!parsed.ok) return reject(parsed.reason);
  const code = formatCouponCode(parsed.code);
  const coupon = await getCoupon(deps, parsed.code);
  if (!coupon) return reject('unknown_code', { code });
  if (coupon.customerId !== order.customerId) return reject('wrong_customer', { code });
  const known = { code, campaignId: coupon.campaignId };
  if (coupon.value.currency !== order.currency) return reject('currency_mismatch', known);

  const subtotal = subtotalOf(order);
  const discount = discountForOrder(coupon.value, {
    subtotal,
    grossMargin: grossMarginOf(order.items, order.margin),
  });
  const transition = await transitionCoupon(deps, coupon.code, {
    from: 'live',
    to: 'redeemed',
    set: { orderId: order.orderId, redeemedAt: order.placedAt, discount },
    condition: {
      expression: 'customerId = :customer AND validUntilMs > :placedAt AND minSpend <= :subtotal',
      values: {
        ':customer': order.customerId,
        ':placedAt': Date.parse(order.placedAt),
        ':subtotal': subtotal,
      },
    },
  });
  const current = transition.moved ? undefined : transition.current;
  const replay = current?.state === 'redeemed' && current.orderId === order.orderId;
  if (!transition.moved && !replay)
    return reject(current ? rejectionOf(current, order, subtotal) : 'unknown_code', known);

  const settledDiscount = replay ? (current?.discount ?? discount) : discount;
  // On a replay these finish what a crashed delivery started; each is idempotent.
  await settle(deps, { movementKey: couponMovementKey(coupon.code), amount: toMilli(settledDiscount) });
  await freeLiveSlot(deps, coupon);
  await deps.scheduler.cancel(expiryScheduleName(coupon.code));
  await giveBackCodeAttempt(deps, order.customerId, at);
  if (transition.moved) {
    await deps.bus.publish([
      {
        detailType: 'Coupon Redeemed',
        detail: {
          code,
          campaignId: coupon.campaignId,
          customerId: order.customerId,
          orderId: order.orderId,
          discount: settledDiscount,
          maxDiscount: coupon.value.maxDiscount,
          currency: coupon.value.currency,
          placedAt: order.placedAt,
        },
      },
    ]);
    await incrementCampaignMetrics(
      deps.db,
      deps.tables,
      coupon.campaignId,
      dayKey(at, deps.timeZone ?? 'UTC'),
      {
        couponsRedeemed: 1,
        couponDiscount: settledDiscount,
      },
    );
  }
  return record(deps, { ...base, ...known, status: 'redeemed', discount: settledDiscount });
};
