import * as z from 'zod';
import { localeTag } from '../../events/primitives.js';
import { lazy } from '../../shared/lazy.js';
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
    template: slug().meta({ description: 'Template id: a folder under rules/templates/.' }),
    offer: slug()
      .optional()
      .meta({ description: 'Offer id: a file under rules/offers/. Leave out for no coupon.' }),
    staleAfter: isoDuration({
      min: 'PT1H',
      max: 'P30D',
      description: 'Drop this email if quiet hours or the frequency cap would delay it by more than this.',
    }).optional(),
  });

  const audienceSchema = z
    .strictObject({
      locales: z.array(localeTag()).optional().meta({ description: 'Only customers with these languages.' }),
      countries: z
        .array(countryCode())
        .optional()
        .meta({ description: 'Only customers in these countries.' }),
      tiers: z
        .array(text('A shop customer tier.'))
        .optional()
        .meta({ description: 'Only these shop tiers.' }),
      valueTiers: z
        .array(z.enum(valueTiers, { error: 'must be one of low, mid, high' }))
        .optional()
        .meta({ description: 'Only customers of these value tiers.' }),
      riskBands: z
        .array(z.enum(riskBands, { error: 'must be one of low, medium, high' }))
        .optional()
        .meta({ description: 'Only customers in these churn-risk bands.' }),
      minSubtotal: money('Only carts worth at least this.').optional(),
    })
    .meta({ description: 'Who may enter; leave out for everyone.' });

  const campaignBudgetSchema = z.strictObject({
    total: money('Most this campaign may ever spend.').optional(),
    daily: money('Most this campaign may spend per day (in settings.timeZone).').optional(),
    monthly: money('Most this campaign may spend per calendar month.').optional(),
    shards: wholeCount('Split each cap over this many items for busy campaigns.', {
      min: 1,
      max: 64,
    }).optional(),
  });

  const roiFloorSchema = z.strictObject({
    ratio: z
      .number({ error: 'must be a number such as 1.5' })
      .positive('must be more than 0')
      .max(1000, 'must be at most 1000')
      .default(1.5)
      .meta({ description: 'Attributed revenue per unit of spend below which the campaign pauses itself.' }),
    minSpend: money('Judge the ratio only once spend in the window exceeds this.'),
    window: isoDuration({
      min: 'P1D',
      max: 'P90D',
      description: 'Rolling window the ratio is measured over.',
    }).default('P7D'),
  });

  const campaignFields = {
    name: text('A label for people; shown on the dashboard.'),
    type: z.enum(campaignTypes, { error: 'must be cart_recall or win_back' }),
    enabled: z
      .boolean({ error: 'must be true or false' })
      .meta({ description: 'false stops new and scheduled emails.' }),
    core: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .meta({ description: 'Core campaigns keep running when monthly pacing pauses the others.' }),
    holdoutPercent: z
      .number({ error: 'must be a number between 0 and 50' })
      .min(0, 'must not be negative')
      .max(50, 'must be at most 50: more than half the customers held out leaves too few to reach')
      .default(10)
      .meta({ description: 'Percent of eligible customers who get nothing, to measure the lift. 0 to 50.' }),
    audience: audienceSchema.optional(),
    steps: z
      .array(stepSchema)
      .min(1, 'needs at least one step')
      .max(MAX_STEPS, `may have at most ${MAX_STEPS} steps`),
    reentryCooldown: isoDuration({
      max: 'P365D',
      description: 'A customer may enter this campaign again only after this long.',
    }).default('P7D'),
    budget: campaignBudgetSchema.optional(),
    roiFloor: roiFloorSchema.optional(),
  };

  return {
    step: stepSchema,
    audience: audienceSchema,
    campaignBudget: campaignBudgetSchema,
    roiFloor: roiFloorSchema,
    /** A campaign as stored in a RuleSet: `id` is the file name under rules/campaigns/. */
    campaign: z.strictObject({ id: slug(), ...campaignFields }),
    /** A campaign as a marketer writes it in rules/campaigns/<id>.json. */
    campaignFile: z.strictObject({ $schema: z.string().optional(), ...campaignFields }),
  };
});
type CampaignSchemas = ReturnType<typeof campaignSchemas>;

export type Campaign = z.infer<CampaignSchemas['campaign']>;
export type CampaignType = Campaign['type'];
export type Step = z.infer<CampaignSchemas['step']>;
export type Audience = z.infer<CampaignSchemas['audience']>;
export type CampaignBudget = z.infer<CampaignSchemas['campaignBudget']>;
export type RoiFloor = z.infer<CampaignSchemas['roiFloor']>;
