import { attributionOnOrderRecorded } from '../attribution/attribution-hook.js';
import { couponsOnOrderRecorded } from '../coupons/coupon-hooks.js';
import { recallOnCartChanged, recallOnOrderRecorded } from '../recall/recall-hooks.js';
import type { Deps } from '../shared/deps.js';
import type { StoredCart } from './cart.js';
import type { StoredOrder } from './order.js';

/**
 * Called for the stored version of a cart, also on a redelivery of that same version (a crash may
 * have come between the write and the hook), never for an older one. Must be idempotent.
 */
export type CartChangedHook = (cart: StoredCart) => Promise<void>;

/**
 * Called on every delivery of an order, `firstTime` or not, for the same reason. Must be
 * idempotent on the orderId.
 */
export type OrderRecordedHook = (order: StoredOrder, outcome: { firstTime: boolean }) => Promise<void>;

export interface IngestHooks {
  cartChanged: CartChangedHook[];
  /** Run in this order; a throw stops the rest and the event is retried. */
  orderRecorded: OrderRecordedHook[];
}

/** Where other areas plug into ingestion: one line each. */
export const ingestHooks = (deps: Deps): IngestHooks => ({
  cartChanged: [recallOnCartChanged(deps)],
  orderRecorded: [
    couponsOnOrderRecorded(deps),
    recallOnOrderRecorded(deps),
    attributionOnOrderRecorded(deps),
  ],
});
