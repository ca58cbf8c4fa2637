import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { isoDuration } from './duration.js';
import { money, percent, positiveMoney, ratio } from './numbers.js';
import { slug, text } from './primitives.js';

export const valueTiers = ['low', 'mid', 'high'] as const;
export const riskBands = ['low', 'medium', 'high'] as const;
export const offerKinds = ['percent_off', 'amount_off', 'spend_threshold', 'free_shipping'] as const;

export const offerSchemas = lazy(() => {
  const adjustWhenSchema = z
    .strictObject({
      valueTier: z.optional(z.enum(valueTiers, { error: 'must be one of low, mid, high' })),
      riskBand: z.optional(z.enum(riskBands, { error: 'must be one of low, medium, high' })),
    })
    .check(
      z.refine(
        (when) => when.valueTier !== undefined || when.riskBand !== undefined,
        'needs a valueTier or a riskBand',
      ),
      z.meta({ description: 'Which customers this adjustment is for; all listed conditions must hold.' }),
    );

  const percentOffFields = {
    percent: percent('Discount on the cart subtotal.', { min: 1, max: 100 }),
    maxDiscount: positiveMoney('The largest discount one coupon can give; the budget reserves this much.'),
  };
  const amountOffFields = { amount: positiveMoney('Fixed discount.') };
  const spendThresholdFields = {
    save: positiveMoney('What the customer saves once the cart reaches the threshold.'),
    thresholdAbove: z
      .prefault(
        z
          .strictObject({
            minPercent: z._default(percent('Threshold at least this far above the cart subtotal.'), 20),
            maxPercent: z._default(percent('Threshold at most this far above the cart subtotal.'), 30),
          })
          .check(
            z.refine((band) => band.minPercent <= band.maxPercent, {
              message: 'minPercent must not be larger than maxPercent',
              path: ['minPercent'],
            }),
          ),
        {},
      )
      .check(z.meta({ description: '"Spend X": X is the cart subtotal plus a percent in this range.' })),
    roundTo: z.optional(positiveMoney('Round the threshold up to a multiple of this, e.g. 500 for 5.00.')),
  };
  const freeShippingFields = {
    shippingCost: positiveMoney(
      'The most one free-shipping coupon can cost you; the budget reserves this much.',
    ),
  };

  /** Per-tier or per-risk-band overrides of the kind's own fields (e.g. a bigger percent for high value). */
  const adjustList = <T extends Record<string, z.ZodMiniType>>(fields: T) =>
    z.optional(
      z
        .array(
          z.strictObject({
            when: adjustWhenSchema,
            ...(Object.fromEntries(
              Object.entries(fields).map(([key, schema]) => [key, z.optional(schema)]),
            ) as {
              [K in keyof T]: z.ZodMiniOptional<T[K]>;
            }),
          }),
        )
        .check(z.maxLength(20, 'may list at most 20 adjustments')),
    );

  const commonFields = {
    name: z.optional(text('A label for people; not shown to customers.')),
    validFor: z._default(
      isoDuration({
        min: 'PT1H',
        max: 'P90D',
        description: 'How long a coupon stays valid.',
      }),
      'P3D',
    ),
    marginFloor: z.optional(
      ratio('Never give a discount that leaves less gross margin than this (0.2 = 20%).'),
    ),
    minSpend: z.optional(money('Smallest cart subtotal the coupon applies to.')),
  };

  const variants = <T extends z.core.$ZodShape>(extra: T) =>
    [
      z.strictObject({
        ...extra,
        kind: z.literal('percent_off'),
        ...commonFields,
        ...percentOffFields,
        adjust: adjustList(percentOffFields),
      }),
      z.strictObject({
        ...extra,
        kind: z.literal('amount_off'),
        ...commonFields,
        ...amountOffFields,
        adjust: adjustList(amountOffFields),
      }),
      z.strictObject({
        ...extra,
        kind: z.literal('spend_threshold'),
        ...commonFields,
        ...spendThresholdFields,
        adjust: adjustList(spendThresholdFields),
      }),
      z.strictObject({
        ...extra,
        kind: z.literal('free_shipping'),
        ...commonFields,
        ...freeShippingFields,
        adjust: adjustList(freeShippingFields),
      }),
    ] as const;

  return {
    /** An offer as stored in a RuleSet: `id` is the file name under rules/offers/. */
    offer: z.discriminatedUnion('kind', variants({ id: slug() })),
    /** An offer as a marketer writes it in rules/offers/<id>.json. */
    offerFile: z.discriminatedUnion('kind', variants({ $schema: z.optional(z.string()) })),
  };
});

export type Offer = z.infer<ReturnType<typeof offerSchemas>['offer']>;
export type OfferKind = Offer['kind'];
export type PercentOffOffer = Extract<Offer, { kind: 'percent_off' }>;
export type AmountOffOffer = Extract<Offer, { kind: 'amount_off' }>;
export type SpendThresholdOffer = Extract<Offer, { kind: 'spend_threshold' }>;
export type FreeShippingOffer = Extract<Offer, { kind: 'free_shipping' }>;
export type ValueTier = (typeof valueTiers)[number];
export type RiskBand = (typeof riskBands)[number];
