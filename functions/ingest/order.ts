import type { CustomerStats } from '../churn/customer-stats.js';
import { instant } from '../events/primitives.js';
import { type OrderPlaced, orderPlacedSchema } from '../events/shop-events.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

export const ORDER_SK = 'order';
export const STATS_SK = 'stats';

/** The `orders` item pk=orderId, sk='order', written once per orderId. */
export const storedOrderSchema = lazy(() =>
  z.extend(orderPlacedSchema.def.getter(), { recordedAt: instant }),
);
export type StoredOrder = z.infer<ReturnType<typeof storedOrderSchema>>;

export const storedOrderOf = (detail: OrderPlaced, now: Date): StoredOrder => ({
  ...detail,
  recordedAt: now.toISOString(),
});

/**
 * The stats fields of the `customers` item pk=customerId, sk='stats', as order ingest sets them.
 * `customerId` and `firstOrderAt` put the item in the sparse `statsByCustomer` index that nightly
 * churn scoring scans; the stored churn score sits on the same item, under `score`, and is not set here.
 */
export const statsFieldsOf = (
  customerId: string,
  stats: CustomerStats,
  { version, updatedAt }: { version: number; updatedAt: string },
) => ({ customerId, ...stats, version, updatedAt });
