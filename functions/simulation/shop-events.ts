import { SHOP_SOURCE, type ShopDetailType } from '../events/shop-events.js';

/** One PutEvents entry as a shop sends it. */
export interface ShopEvent {
  Source: typeof SHOP_SOURCE;
  DetailType: ShopDetailType;
  Detail: string;
  /** Kept beside the entry so batches can avoid two events of one customer in one call. */
  customerId: string;
  /** When it happened, epoch ms; sent as the entry's Time. */
  at: number;
}

export const toShopEvent = (
  detailType: ShopDetailType,
  at: number,
  detail: { customerId: string } & Record<string, unknown>,
): ShopEvent => ({
  Source: SHOP_SOURCE,
  DetailType: detailType,
  Detail: JSON.stringify(detail),
  customerId: detail.customerId,
  at,
});

/**
 * Splits events into PutEvents calls of at most 10 entries (EventBridge's limit), never two of
 * one customer in one call, so a cart and its order cannot race inside a batch.
 */
export function batchesOf(events: readonly ShopEvent[], size = 10): ShopEvent[][] {
  const batches: ShopEvent[][] = [];
  let current: ShopEvent[] = [];
  let customers = new Set<string>();
  for (const event of events) {
    if (current.length === size || customers.has(event.customerId)) {
      batches.push(current);
      current = [];
      customers = new Set();
    }
    current.push(event);
    customers.add(event.customerId);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
