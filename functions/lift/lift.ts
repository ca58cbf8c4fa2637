import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { newcombeDifference } from './newcombe.js';

const count = lazy(() => z.int().check(z.nonnegative()));

/** What one arm of a campaign did: customers assigned, how many ordered, what they paid (minor units). */
export const armCountsSchema = z.lazy(() =>
  z.object({
    customers: count(),
    converters: count(),
    revenue: count(),
  }),
);
export type ArmCounts = z.infer<typeof armCountsSchema>;

export const liftInputSchema = z.lazy(() =>
  z.object({
    treatment: armCountsSchema,
    holdout: armCountsSchema,
    /** What the campaign cost: coupons settled or reserved plus send cost, minor units. */
    spend: count(),
  }),
);
export type LiftInput = z.infer<typeof liftInputSchema>;

export const liftVerdicts = ['positive', 'negative', 'not_yet_significant', 'insufficient_data'] as const;
export type LiftVerdict = (typeof liftVerdicts)[number];

export const liftSchema = z.lazy(() => {
  const armSchema = z.extend(armCountsSchema.def.getter(), { conversionRate: z.nullable(z.number()) });
  return z.object({
    treatment: armSchema,
    holdout: armSchema,
    /** Treatment rate minus holdout rate, a fraction (0.02 = two percentage points). */
    difference: z.nullable(z.number()),
    interval: z.nullable(
      z.object({
        lower: z.number(),
        upper: z.number(),
        level: z.literal(0.95),
        method: z.literal('newcombe-wilson'),
      }),
    ),
    significant: z.boolean(),
    verdict: z.enum(liftVerdicts),
    /** Orders the campaign caused among the treatment group: difference x treatment customers. */
    incrementalConversions: z.nullable(z.number()),
    /** Revenue above what the treatment group would have spent at the holdout's rate, minor units. */
    incrementalRevenue: z.nullable(z.int()),
    spend: count(),
    /** Incremental revenue per unit of spend; null while nothing was spent. */
    incrementalRoi: z.nullable(z.number()),
  });
});
export type Lift = z.infer<typeof liftSchema>;

const rateOf = ({ customers, converters }: ArmCounts) => (customers > 0 ? converters / customers : null);

const checkArm = (name: string, arm: ArmCounts) => {
  if (arm.converters > arm.customers) {
    throw new RangeError(`${name}: converters (${arm.converters}) exceed customers (${arm.customers})`);
  }
};

/**
 * Measured lift of one campaign against its holdout, with a 95% Newcombe interval on the
 * difference in conversion rates. "Significant" means the interval excludes zero.
 */
export function computeLift(input: LiftInput): Lift {
  const { treatment, holdout, spend } = liftInputSchema.parse(input);
  checkArm('treatment', treatment);
  checkArm('holdout', holdout);
  const arms = {
    treatment: { ...treatment, conversionRate: rateOf(treatment) },
    holdout: { ...holdout, conversionRate: rateOf(holdout) },
  };
  if (treatment.customers === 0 || holdout.customers === 0) {
    return {
      ...arms,
      difference: null,
      interval: null,
      significant: false,
      verdict: 'insufficient_data',
      incrementalConversions: null,
      incrementalRevenue: null,
      spend,
      incrementalRoi: null,
    };
  }
  const { difference, lower, upper } = newcombeDifference(
    { successes: treatment.converters, trials: treatment.customers },
    { successes: holdout.converters, trials: holdout.customers },
  );
  const verdict: LiftVerdict = lower > 0 ? 'positive' : upper < 0 ? 'negative' : 'not_yet_significant';
  const incrementalRevenue = Math.round(
    treatment.revenue - (holdout.revenue * treatment.customers) / holdout.customers,
  );
  return {
    ...arms,
    difference,
    interval: { lower, upper, level: 0.95, method: 'newcombe-wilson' },
    significant: verdict !== 'not_yet_significant',
    verdict,
    incrementalConversions: difference * treatment.customers,
    incrementalRevenue,
    spend,
    incrementalRoi: spend > 0 ? incrementalRevenue / spend : null,
  };
}
