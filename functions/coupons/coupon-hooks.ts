import { ruleCacheFor } from '../guard/guard.js';
import type { OrderRecordedHook } from '../ingest/hooks.js';
import type { Deps } from '../shared/deps.js';
import { redeemCouponsForOrder } from './redeem-coupons.js';

/** Ingestion hook: redeems the coupon codes of every recorded order (idempotent on the orderId). */
export const couponsOnOrderRecorded = (deps: Deps): OrderRecordedHook => {
  const rules = ruleCacheFor(deps);
  return async (order) => {
    if (order.couponCodes.length === 0) return;
    const timeZone = await rules.active().then(
      (active) => active.rules.settings.timeZone,
      () => 'UTC',
    );
    const outcomes = await redeemCouponsForOrder({ ...deps, timeZone }, order);
    for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) {
      deps.log.info('coupon code rejected', { orderId: order.orderId, reason: outcome.reason });
    }
  };
};
