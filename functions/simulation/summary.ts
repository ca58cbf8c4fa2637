import type { Lift } from '../lift/lift.js';
import type { ShopTally } from './shop.js';

/**
 * What a run produced. Deterministic by design: no wall-clock times, no message ids or coupon
 * codes (those come from a CSPRNG), so two runs with one seed compare equal as JSON.
 */
export interface SimulationSummary {
  config: {
    customers: number;
    days: number;
    seed: number;
    start: string;
    currency: string;
    upliftReminder: number;
    upliftCoupon: number;
    abandonRate: number;
    naturalReturn: { probability: number; meanHours: number };
  };
  shop: Omit<ShopTally, 'recoveredByDay'> & {
    customers: number;
    optedIn: number;
    locales: Record<string, number>;
  };
  messages: { total: number; perDay: number[] };
  coupons: { issued: number; redeemed: number };
  campaigns: Array<{
    id: string;
    type: string;
    state: string;
    reason: string | null;
    sent: number;
    conversions: number;
    revenue: number;
    spend: number;
    budget: Array<{ scope: string; cap: number | null; reserved: number; settled: number }>;
    lift: unknown;
  }>;
  /** Cart recall lift from the simulation's ground truth (see measured-lift.ts), beside what nudge reports. */
  measuredLift: { campaignId: string; lift: Lift };
  series: {
    /** Per campaign every few virtual hours: spend so far and the binding scope's use against its cap. */
    spend: Array<{ hour: number; campaignId: string; spend: number; used: number; cap: number | null }>;
    recoveredByDay: ShopTally['recoveredByDay'];
  };
}
