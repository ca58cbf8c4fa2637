import { describe, expect, it } from 'vitest';
import { describeChanges, summarizeChanges } from '../../../functions/rules/change-summary.js';
import { exampleRuleSet } from './example-rules.js';

describe('summarizeChanges', () => {
  it('lists campaigns, offers and templates added, removed or changed, and changed settings', async () => {
    const before = await exampleRuleSet();
    const after = structuredClone(before);
    after.campaigns = after.campaigns
      .filter((campaign) => campaign.id !== 'win-back')
      .map((campaign) => (campaign.id === 'cart-recall' ? { ...campaign, holdoutPercent: 5 } : campaign));
    after.offers.extra = { ...after.offers['free-shipping']!, id: 'extra' };
    after.settings.frequencyCap.maxPer7Days = 3;

    const summary = summarizeChanges(before, after);

    expect(summary).toEqual({
      firstVersion: false,
      campaigns: { added: [], removed: ['win-back'], changed: ['cart-recall'] },
      offers: { added: ['extra'], removed: [], changed: [] },
      templates: { added: [], removed: [], changed: [] },
      settings: ['frequencyCap'],
    });
    expect(describeChanges(summary)).toBe(
      'campaigns: -win-back ~cart-recall; offers: +extra; settings: frequencyCap',
    );
  });

  it('calls the first version what it is', async () => {
    expect(describeChanges(summarizeChanges(undefined, await exampleRuleSet()))).toBe('first version');
  });
});
