import { instant, minorUnits } from '../events/primitives.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { DAYS_PER_UNIT, dayOfInstant, type TimeUnit } from './calendar-day.js';
import type { CustomerRfm } from './rfm.js';

/** What the customer table keeps per customer for churn scoring; purchase days are UTC calendar days. */
const statsObject = lazy(() =>
  z.object({
    firstOrderAt: instant,
    lastOrderAt: instant,
    orders: z.int().check(z.positive()),
    /** Distinct days with an order: several orders on one day are one purchase. */
    purchaseDays: z.int().check(z.positive()),
    totalSpent: minorUnits,
    /** Mean days between purchase days; null until there are two. */
    meanGapDays: z.nullable(z.number().check(z.nonnegative())),
  }),
);
export const customerStatsSchema = z.lazy(statsObject);
export type CustomerStats = z.infer<typeof customerStatsSchema>;
/** The attribute names of the stats, for a projection. */
export const customerStatsFields = lazy(() => Object.keys(statsObject().shape));

export interface OrderForStats {
  placedAt: string;
  total: number;
}

/**
 * The stats after one more order. The caller makes this idempotent per orderId. An order that arrives
 * late, dated strictly between the first and last purchase day, counts as a new purchase day unless
 * every day in that span already is one: the stats do not keep the set of days.
 */
export function applyOrderToStats(stats: CustomerStats | undefined, order: OrderForStats): CustomerStats {
  if (stats === undefined) {
    return {
      firstOrderAt: order.placedAt,
      lastOrderAt: order.placedAt,
      orders: 1,
      purchaseDays: 1,
      totalSpent: order.total,
      meanGapDays: null,
    };
  }
  const day = dayOfInstant(order.placedAt);
  const firstDay = dayOfInstant(stats.firstOrderAt);
  const lastDay = dayOfInstant(stats.lastOrderAt);
  const spanIsFull = stats.purchaseDays >= lastDay - firstDay + 1;
  const knownDay = day === firstDay || day === lastDay || (day > firstDay && day < lastDay && spanIsFull);
  const purchaseDays = stats.purchaseDays + (knownDay ? 0 : 1);
  const placed = Date.parse(order.placedAt);
  const firstOrderAt = placed < Date.parse(stats.firstOrderAt) ? order.placedAt : stats.firstOrderAt;
  const lastOrderAt = placed > Date.parse(stats.lastOrderAt) ? order.placedAt : stats.lastOrderAt;
  const span = dayOfInstant(lastOrderAt) - dayOfInstant(firstOrderAt);
  return {
    firstOrderAt,
    lastOrderAt,
    orders: stats.orders + 1,
    purchaseDays,
    totalSpent: stats.totalSpent + order.total,
    meanGapDays: purchaseDays > 1 ? span / (purchaseDays - 1) : null,
  };
}

/**
 * BG/NBD inputs as of `now`. The table keeps no first-day spend, so `monetary` is the mean over all
 * purchase days rather than over repeat days only (a slight pull towards the first order's size).
 */
export function rfmOfStats(
  stats: CustomerStats,
  now: string,
  timeUnit: TimeUnit,
): Omit<CustomerRfm, 'customerId'> {
  const unit = DAYS_PER_UNIT[timeUnit];
  const firstDay = dayOfInstant(stats.firstOrderAt);
  const lastDay = dayOfInstant(stats.lastOrderAt);
  const nowDay = Math.max(dayOfInstant(now), lastDay);
  return {
    x: stats.purchaseDays - 1,
    tx: (lastDay - firstDay) / unit,
    T: (nowDay - firstDay) / unit,
    monetary: stats.totalSpent / stats.purchaseDays,
  };
}

export function daysSinceLastOrder(stats: CustomerStats, now: string): number {
  return Math.max(0, dayOfInstant(now) - dayOfInstant(stats.lastOrderAt));
}
