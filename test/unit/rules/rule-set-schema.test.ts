import { describe, expect, it } from 'vitest';
import { ruleSetSchema } from '../../../functions/rules/schema/index.js';

const minimal = {
  settings: {
    sender: { name: 'Shop', email: 'shop@example.com' },
    postalAddress: '1 Main Street, Springfield',
    currency: 'USD',
  },
};

describe('ruleSetSchema', () => {
  it('fills every default of DESIGN.md section 1 so readers never see a missing setting', () => {
    const ruleSet = ruleSetSchema.parse(minimal);

    expect(ruleSet.settings).toMatchObject({
      defaultLocale: 'en',
      timeZone: 'UTC',
      frequencyCap: { minGap: 'PT16H', maxPer7Days: 5 },
      quietHours: { start: '21:00', end: '08:00' },
      attributionWindow: 'P5D',
      budget: {},
      channels: { email: { costPerThousand: 10 } },
      reputation: { bounceRate: 0.04, complaintRate: 0.0008, minSends: 500 },
      pacing: { aheadPercent: 10 },
      budgetAlerts: [80, 100],
    });
    expect(ruleSet).toMatchObject({ offers: {}, campaigns: [], templates: {} });
  });

  it('fills campaign and offer defaults: holdout 10%, cooldown 7 days, coupon valid 3 days, ROI floor 1.5 over 7 days', () => {
    const ruleSet = ruleSetSchema.parse({
      ...minimal,
      offers: { ship: { id: 'ship', kind: 'free_shipping', shippingCost: 800 } },
      campaigns: [
        {
          id: 'recall',
          name: 'Recall',
          type: 'cart_recall',
          enabled: true,
          steps: [{ delay: 'PT4H', template: 't', offer: 'ship' }],
          roiFloor: { minSpend: 1000 },
        },
      ],
      templates: {
        t: {
          en: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' },
          'zh-CN': { subject: '您好', html: '<p>您好</p>', text: '您好' },
        },
      },
    });

    expect(ruleSet.campaigns[0]).toMatchObject({
      core: false,
      holdoutPercent: 10,
      reentryCooldown: 'P7D',
      roiFloor: { ratio: 1.5, minSpend: 1000, window: 'P7D' },
    });
    expect(ruleSet.offers.ship).toMatchObject({ validFor: 'P3D' });
  });

  it('runs the cross-file checks when parsing a whole rule set directly', () => {
    const result = ruleSetSchema.safeParse({
      ...minimal,
      campaigns: [
        { id: 'x', name: 'X', type: 'win_back', enabled: true, steps: [{ delay: 'P0D', template: 'nope' }] },
      ],
    });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['campaigns', 0, 'steps', 0, 'template'] }),
    ]);
  });
});
