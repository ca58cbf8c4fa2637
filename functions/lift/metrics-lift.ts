import { computeLift, type Lift } from './lift.js';

/** The campaign counters lift is measured from (see functions/metrics/campaign-metrics.ts). */
export interface LiftCounters {
  treatmentEntered: number;
  holdoutEntered: number;
  conversions: number;
  revenue: number;
  holdoutConversions: number;
  holdoutRevenue: number;
}

const whole = (value: number) => Math.max(0, Math.round(value));

/**
 * Lift from the campaign counters. The counters count orders, not distinct customers, so
 * converters are capped at the group size: a rate above 100% would only mean repeat orders.
 */
export function liftFromCounters(counters: LiftCounters, spend: number): Lift {
  const treatmentCustomers = whole(counters.treatmentEntered);
  const holdoutCustomers = whole(counters.holdoutEntered);
  return computeLift({
    treatment: {
      customers: treatmentCustomers,
      converters: Math.min(whole(counters.conversions), treatmentCustomers),
      revenue: whole(counters.revenue),
    },
    holdout: {
      customers: holdoutCustomers,
      converters: Math.min(whole(counters.holdoutConversions), holdoutCustomers),
      revenue: whole(counters.holdoutRevenue),
    },
    spend: whole(spend),
  });
}
