import type { z } from 'zod';
import { instant } from '../events/primitives.js';
import { type OrderPlaced, orderPlacedSchema } from '../events/shop-events.js';

export const ORDER_SK = 'order';
export const STATS_SK = 'stats';

/** The `orders` item pk=orderId, sk='order', written once per orderId. */
export const storedOrderSchema = orderPlacedSchema.extend({ recordedAt: instant });
export type StoredOrder = z.infer<typeof storedOrderSchema>;

export const storedOrderOf = (detail: OrderPlaced, now: Date): StoredOrder => ({
  ...detail,
  recordedAt: now.toISOString(),
});
