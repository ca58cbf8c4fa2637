import * as z from 'zod';

const probability = z.number().min(0).max(1);

/** Everything that shapes a simulated shop; the same config and seed give the same run. */
export const simulationConfigSchema = z.object({
  customers: z.number().int().min(1).max(200_000),
  days: z.number().int().min(1).max(365),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  /** Virtual start instant; the run is in virtual time from here. */
  start: z.iso.datetime({ offset: true }).default('2025-03-03T00:00:00.000Z'),
  /** Days of order history before the start, so churn scoring has something to fit. */
  historyDays: z.number().int().min(0).max(730).default(90),
  currency: z.string().length(3).default('USD'),
  /** BG/NBD per week (Fader, Hardie & Lee's CDNOW fit), for cart sessions; alpha is scaled below. */
  process: z
    .object({
      r: z.number().positive().default(0.24),
      alpha: z.number().positive().default(4.4),
      a: z.number().positive().default(0.79),
      b: z.number().positive().default(2.43),
      /** CDNOW counts purchases of a CD shop; carts start far more often than purchases complete. */
      sessionsPerPurchase: z.number().positive().default(6),
    })
    .prefault({}),
  /** Baymard Institute's average documented cart abandonment rate, 70.2%. */
  abandonRate: probability.default(0.7),
  /** Chance that an abandoned cart comes back on its own, and the mean wait when it does (hours). */
  naturalReturn: z
    .object({ probability: probability.default(0.12), meanHours: z.number().positive().default(24) })
    .prefault({}),
  /** Extra chance to buy after a reminder, and on top of it when the email carries a coupon. */
  upliftReminder: probability.default(0.05),
  upliftCoupon: probability.default(0.05),
  /** Mean hours from reading a reminder to buying, when it persuades. */
  reactionMeanHours: z.number().positive().default(2),
  /** Chance that a customer who holds a coupon uses it when buying anyway. */
  couponUseWhenBuying: probability.default(0.8),
  unsubscribeRate: probability.default(0.002),
  /** Virtual hours per clock step. */
  stepHours: z.number().int().min(1).max(24).default(1),
});
export type SimulationConfig = z.infer<typeof simulationConfigSchema>;
export type SimulationConfigInput = z.input<typeof simulationConfigSchema>;

export const HOUR_MS = 3_600_000;
