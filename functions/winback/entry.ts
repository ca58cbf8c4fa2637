import { instant } from '../events/primitives.js';
import { riskBands, valueTiers } from '../rules/schema/index.js';
import * as z from '../shared/zod.js';

/**
 * One customer's entry into one win-back campaign: the `customers` item pk=customerId,
 * sk='winback#<campaignId>', holding the latest entry. `entryId` is (campaign, period), the
 * business key every step's send-once claim and the coupon build on.
 */
export const winBackEntrySchema = z.lazy(() =>
  z.object({
    customerId: z.string().check(z.minLength(1)),
    campaignId: z.string().check(z.minLength(1)),
    /** `<campaignId>#<period>`. */
    entryId: z.string().check(z.minLength(1)),
    /** UTC day of the scoring run that admitted the customer, `YYYY-MM-DD`. */
    period: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    /** The scoring run's instant: every step's delay counts from here. */
    enteredAt: instant,
    ruleVersion: z.int().check(z.nonnegative()),
    valueTier: z.enum(valueTiers),
    riskBand: z.enum(riskBands),
    /** Orders on record at entry; any later order ends the journey. */
    ordersAtEntry: z.int().check(z.nonnegative()),
    modelVersion: z.int().check(z.positive()),
  }),
);
export type WinBackEntry = z.infer<typeof winBackEntrySchema>;

export const entrySortKey = (campaignId: string): string => `winback#${campaignId}`;

export const entryIdOf = (campaignId: string, period: string): string => `${campaignId}#${period}`;

/** The send-once subject of a win-back journey: one per (campaign, customer, period). */
export const winBackSubjectKey = (period: string): string => `winback#${period}`;

export const periodOf = (runAt: string): string => new Date(runAt).toISOString().slice(0, 10);
