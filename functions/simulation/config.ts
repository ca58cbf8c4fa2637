import * as z from '../shared/zod.js';

const probability = z.number().check(z.gte(0), z.lte(1));
const positive = () => z.number().check(z.positive());

/** Everything that shapes a simulated shop; the same config and seed give the same run. */
export const simulationConfigSchema = z.object({
  customers: z.int().check(z.gte(1), z.lte(200_000)),
  days: z.int().check(z.gte(1), z.lte(365)),
  seed: z.int().check(z.gte(0), z.lte(2 ** 32 - 1)),
  /** Virtual start instant; the run is in virtual time from here. */
  start: z._default(z.iso.datetime({ offset: true }), '2025-03-03T00:00:00.000Z'),
  /** Days of order history before the start, so churn scoring has something to fit. */
  historyDays: z._default(z.int().check(z.gte(0), z.lte(730)), 90),
  currency: z._default(z.string().check(z.length(3)), 'USD'),
  /** BG/NBD per week (Fader, Hardie & Lee's CDNOW fit), for cart sessions; alpha is scaled below. */
  process: z.prefault(
    z.object({
      r: z._default(positive(), 0.24),
      alpha: z._default(positive(), 4.4),
      a: z._default(positive(), 0.79),
      b: z._default(positive(), 2.43),
      /** CDNOW counts purchases of a CD shop; carts start far more often than purchases complete. */
      sessionsPerPurchase: z._default(positive(), 6),
    }),
    {},
  ),
  /** Baymard Institute's average documented cart abandonment rate, 70.2%. */
  abandonRate: z._default(probability, 0.7),
  /** Chance that an abandoned cart comes back on its own, and the mean wait when it does (hours). */
  naturalReturn: z.prefault(
    z.object({ probability: z._default(probability, 0.12), meanHours: z._default(positive(), 24) }),
    {},
  ),
  /** Extra chance to buy after a reminder, and on top of it when the email carries a coupon. */
  upliftReminder: z._default(probability, 0.05),
  upliftCoupon: z._default(probability, 0.05),
  /** Mean hours from reading a reminder to buying, when it persuades. */
  reactionMeanHours: z._default(positive(), 2),
  /** Chance that a customer who holds a coupon uses it when buying anyway. */
  couponUseWhenBuying: z._default(probability, 0.8),
  unsubscribeRate: z._default(probability, 0.002),
  /** Virtual hours per clock step. */
  stepHours: z._default(z.int().check(z.gte(1), z.lte(24)), 1),
});
export type SimulationConfig = z.infer<typeof simulationConfigSchema>;
export type SimulationConfigInput = z.input<typeof simulationConfigSchema>;

export const HOUR_MS = 3_600_000;
