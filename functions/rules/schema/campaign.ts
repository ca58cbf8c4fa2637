import { localeTag } from '../../events/primitives.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { isoDuration } from './duration.js';
import { money, wholeCount } from './numbers.js';
import { riskBands, valueTiers } from './offer.js';
import { countryCode, slug, text } from './primitives.js';

export const campaignTypes = ['cart_recall', 'win_back'] as const;

/** At most 3 emails per campaign run (DESIGN.md section 1). */
export const MAX_STEPS = 3;

export const campaignSchemas = lazy(() => {
  const stepSchema = z.strictObject({
    delay: isoDuration({
      max: 'P90D',
      description:
        'Wait after the last cart change (cart recall) or after entry (win-back) before this email.',
    }),
    template: slug().check(z.meta({ description: 'Template id: a folder under rules/templates/.' })),
    offer: z
      .optional(slug())
      .check(z.meta({ description: 'Offer id: a file under rules/offers/. Leave out for no coupon.' })),
    staleAfter: z.optional(
      isoDuration({
        min: 'PT1H',
        max: 'P30D',
        description: 'Drop this email if quiet hours or the frequency cap would delay it by more than this.',
      }),
    ),
  });

  const audienceSchema = z
    .strictObject({
      locales: z
        .optional(z.array(localeTag()))
        .check(z.meta({ description: 'Only customers with these languages.' })),
      countries: z
        .optional(z.array(countryCode()))
        .check(z.meta({ description: 'Only customers in these countries.' })),
      tiers: z
        .optional(z.array(text('A shop customer tier.')))
        .check(z.meta({ description: 'Only these shop tiers.' })),
      valueTiers: z
        .optional(z.array(z.enum(valueTiers, { error: 'must be one of low, mid, high' })))
        .check(z.meta({ description: 'Only customers of these value tiers.' })),
      riskBands: z
        .optional(z.array(z.enum(riskBands, { error: 'must be one of low, medium, high' })))
        .check(z.meta({ description: 'Only customers in these churn-risk bands.' })),
      minSubtotal: z.optional(money('Only carts worth at least this.')),
    })
    .check(z.meta({ description: 'Who may enter; leave out for everyone.' }));

  const campaignBudgetSchema = z.strictObject({
    total: z.optional(money('Most this campaign may ever spend.')),
    daily: z.optional(money('Most this campaign may spend per day (in settings.timeZone).')),
    monthly: z.optional(money('Most this campaign may spend per calendar month.')),
    shards: z.optional(
      wholeCount('Split each cap over this many items for busy campaigns.', { min: 1, max: 64 }),
    ),
  });

  const roiFloorSchema = z.strictObject({
    ratio: z
      ._default(
        z
          .number({ error: 'must be a number such as 1.5' })
          .check(z.positive('must be more than 0'), z.lte(1000, 'must be at most 1000')),
        1.5,
      )
      .check(
        z.meta({
          description: 'Attributed revenue per unit of spend below which the campaign pauses itself.',
        }),
      ),
    minSpend: money('Judge the ratio only once spend in the window exceeds this.'),
    window: z._default(
      isoDuration({
        min: 'P1D',
        max: 'P90D',
        description: 'Rolling window the ratio is measured over.',
      }),
      'P7D',
    ),
  });

  const campaignFields = {
    name: text('A label for people; shown on the dashboard.'),
    type: z.enum(campaignTypes, { error: 'must be cart_recall or win_back' }),
    enabled: z
      .boolean({ error: 'must be true or false' })
      .check(z.meta({ description: 'false stops new and scheduled emails.' })),
    core: z
      ._default(z.boolean({ error: 'must be true or false' }), false)
      .check(z.meta({ description: 'Core campaigns keep running when monthly pacing pauses the others.' })),
    holdoutPercent: z
      ._default(
        z
          .number({ error: 'must be a number between 0 and 50' })
          .check(
            z.gte(0, 'must not be negative'),
            z.lte(50, 'must be at most 50: more than half the customers held out leaves too few to reach'),
          ),
        10,
      )
      .check(
        z.meta({
          description: 'Percent of eligible customers who get nothing, to measure the lift. 0 to 50.',
        }),
      ),
    audience: z.optional(audienceSchema),
    steps: z
      .array(stepSchema)
      .check(
        z.minLength(1, 'needs at least one step'),
        z.maxLength(MAX_STEPS, `may have at most ${MAX_STEPS} steps`),
      ),
    reentryCooldown: z._default(
      isoDuration({
        max: 'P365D',
        description: 'A customer may enter this campaign again only after this long.',
      }),
      'P7D',
    ),
    budget: z.optional(campaignBudgetSchema),
    roiFloor: z.optional(roiFloorSchema),
  };

  return {
    step: stepSchema,
    audience: audienceSchema,
    campaignBudget: campaignBudgetSchema,
    roiFloor: roiFloorSchema,
    /** A campaign as stored in a RuleSet: `id` is the file name under rules/campaigns/. */
    campaign: z.strictObject({ id: slug(), ...campaignFields }),
    /** A campaign as a marketer writes it in rules/campaigns/<id>.json. */
    campaignFile: z.strictObject({ $schema: z.optional(z.string()), ...campaignFields }),
  };
});
type CampaignSchemas = ReturnType<typeof campaignSchemas>;

export type Campaign = z.infer<CampaignSchemas['campaign']>;
export type CampaignType = Campaign['type'];
export type Step = z.infer<CampaignSchemas['step']>;
export type Audience = z.infer<CampaignSchemas['audience']>;
export type CampaignBudget = z.infer<CampaignSchemas['campaignBudget']>;
export type RoiFloor = z.infer<CampaignSchemas['roiFloor']>;
