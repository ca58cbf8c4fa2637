import type { LiftCounters } from '../metrics/lift-counters.js';
import { computeLift, type Lift } from './lift.js';

const whole = (value: number) => Math.max(0, Math.round(value));

/**
 * Lift from the campaign's lifetime counters of distinct customers and converters per group
 * (functions/metrics/lift-counters.ts). Converters are claimed only for customers who entered,
 * so the cap below never binds; it keeps a damaged counter from failing the whole overview.
 */
export function liftFromCounters(counters: LiftCounters, spend: number): Lift {
  const treatmentCustomers = whole(counters.treatmentCustomers);
  const holdoutCustomers = whole(counters.holdoutCustomers);
  return computeLift({
    treatment: {
      customers: treatmentCustomers,
      converters: Math.min(whole(counters.treatmentConverters), treatmentCustomers),
      revenue: whole(counters.treatmentRevenue),
    },
    holdout: {
      customers: holdoutCustomers,
      converters: Math.min(whole(counters.holdoutConverters), holdoutCustomers),
      revenue: whole(counters.holdoutRevenue),
    },
    spend: whole(spend),
  });
}
