import type { Campaign, Offer, RuleSet } from '../../../functions/rules/schema/index.js';
import { campaignSchema, offerSchema, settingsSchema } from '../../../functions/rules/schema/index.js';

/** A parsed rule set (every default applied) with the fields the budget and coupon code read. */
export const ruleSetWith = (
  overrides: {
    settings?: Record<string, unknown>;
    campaigns?: Array<Record<string, unknown>>;
    offers?: Array<Record<string, unknown>>;
  } = {},
): RuleSet => {
  const settings = settingsSchema.parse({
    sender: { name: 'Test Shop', email: 'shop@example.com' },
    postalAddress: '1 Example Street, Springfield',
    currency: 'USD',
    timeZone: 'UTC',
    ...overrides.settings,
  });
  const campaigns: Campaign[] = (overrides.campaigns ?? [{}]).map((campaign) =>
    campaignSchema.parse({
      id: 'recall',
      name: 'Cart recall',
      type: 'cart_recall',
      enabled: true,
      steps: [{ delay: 'PT4H', template: 'reminder' }],
      ...campaign,
    }),
  );
  const offers: Record<string, Offer> = Object.fromEntries(
    (overrides.offers ?? []).map((offer) => {
      const parsed = offerSchema.parse(offer);
      return [parsed.id, parsed];
    }),
  );
  return { settings, campaigns, offers, templates: {} };
};

export const amountOff = (amount: number, extra: Record<string, unknown> = {}): Offer =>
  offerSchema.parse({ id: `amount-${amount}`, kind: 'amount_off', amount, ...extra });
