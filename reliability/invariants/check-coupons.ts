import { COUPON_SK } from '../../functions/coupons/coupon-item.js';
import { ORDER_SK } from '../../functions/ingest/order.js';
import { Invariant, type InvariantResult, type Item, type TablesSnapshot } from './invariant.js';

const countBy = (items: Item[], keyOf: (item: Item) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
};

/**
 * One coupon per (campaign, customer, cart or period), one live code per customer and campaign,
 * and every redemption by the coupon's own customer for at most its maximum discount.
 */
export const checkCoupons = (snapshot: Pick<TablesSnapshot, 'coupons' | 'orders'>): InvariantResult[] => {
  const onePerKey = new Invariant('one coupon per (campaign, customer, cart or period)');
  const oneLive = new Invariant('one live coupon per (campaign, customer)');
  const bound = new Invariant('a coupon is redeemed once, by its customer, within its maximum');

  const coupons = snapshot.coupons.filter((item) => item.sk === COUPON_SK);
  const issued = coupons.filter((coupon) => coupon.state !== 'aborted');
  for (const [issueKey, count] of countBy(issued, (coupon) => String(coupon.issueKey))) {
    onePerKey.check(count <= 1, () => `issue key ${issueKey} has ${count} coupons`);
  }
  const live = coupons.filter((coupon) => coupon.state === 'live');
  for (const [holder, count] of countBy(
    live,
    (coupon) => `${String(coupon.campaignId)}#${String(coupon.customerId)}`,
  )) {
    oneLive.check(count <= 1, () => `${holder} holds ${count} live coupons`);
  }
  const orders = new Map(
    snapshot.orders.filter((item) => item.sk === ORDER_SK).map((order) => [String(order.orderId), order]),
  );
  for (const coupon of coupons.filter((item) => item.state === 'redeemed')) {
    const order = orders.get(String(coupon.orderId));
    const maxDiscount = (coupon.value as { maxDiscount: number }).maxDiscount;
    bound.check(
      order !== undefined &&
        order.customerId === coupon.customerId &&
        Number(coupon.discount) >= 0 &&
        Number(coupon.discount) <= maxDiscount,
      () =>
        `coupon ${String(coupon.code)} was redeemed by order ${String(coupon.orderId)} for ${String(coupon.discount)}`,
    );
  }
  return [onePerKey, oneLive, bound].map((invariant) => invariant.result);
};

/** Coupons by state, for the report. */
export const couponStates = (snapshot: Pick<TablesSnapshot, 'coupons'>): Record<string, number> =>
  Object.fromEntries(
    countBy(
      snapshot.coupons.filter((item) => item.sk === COUPON_SK),
      (coupon) => String(coupon.state),
    ),
  );
