import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../functions/rules/schema/index.js';
import { audienceMatches } from '../../../functions/winback/audience.js';
import { decideEntry, type EntryFacts } from '../../../functions/winback/entry-decision.js';

const campaign = (id: string, fields: Record<string, unknown>) =>
  campaignSchema.parse({
    id,
    name: id,
    type: 'win_back',
    enabled: true,
    steps: [{ delay: 'P0D', template: 'win-back' }],
    reentryCooldown: 'P60D',
    ...fields,
  });

const vip = campaign('win-back-vip', {
  audience: { valueTiers: ['high'], riskBands: ['high'] },
  reentryCooldown: 'P90D',
});
const standard = campaign('win-back', {
  audience: { valueTiers: ['low', 'mid'], riskBands: ['medium', 'high'] },
});
const chinese = campaign('win-back-zh', { audience: { locales: ['zh'], riskBands: ['medium', 'high'] } });

const facts = (overrides: Partial<EntryFacts> = {}): EntryFacts => ({
  atRisk: true,
  candidate: { valueTier: 'high', riskBand: 'high', profile: { locale: 'en-US', country: 'US' } },
  campaigns: [vip, standard],
  previous: {},
  period: '2025-03-05',
  now: new Date('2025-03-05T03:00:00Z'),
  ...overrides,
});

describe('win-back entry decisions', () => {
  it('puts a high-value customer at high risk into the VIP campaign', () => {
    expect(decideEntry(facts())).toMatchObject({
      enter: true,
      campaign: { id: 'win-back-vip' },
      entryId: 'win-back-vip#2025-03-05',
      replay: false,
    });
  });

  it('puts a mid-value customer at medium risk into the standard campaign', () => {
    const decision = decideEntry(
      facts({ candidate: { valueTier: 'mid', riskBand: 'medium', profile: { locale: 'en-US' } } }),
    );
    expect(decision).toMatchObject({ enter: true, campaign: { id: 'win-back' } });
  });

  it('lets no one in who is not at risk, whatever their segment', () => {
    expect(decideEntry(facts({ atRisk: false }))).toEqual({ enter: false, reason: 'not_at_risk' });
  });

  it('lets a high-value customer at medium risk into neither campaign', () => {
    const decision = decideEntry(
      facts({ candidate: { valueTier: 'high', riskBand: 'medium', profile: {} } }),
    );
    expect(decision).toEqual({ enter: false, reason: 'no_matching_campaign' });
  });

  it('ignores disabled campaigns and campaigns of other types', () => {
    const disabled = { ...vip, enabled: false };
    const recall = { ...vip, id: 'cart', type: 'cart_recall' as const };
    expect(decideEntry(facts({ campaigns: [disabled, recall] }))).toMatchObject({
      reason: 'no_matching_campaign',
    });
  });

  it('needs a profile to match an audience', () => {
    const decision = decideEntry(facts({ candidate: { valueTier: 'high', riskBand: 'high' } }));
    expect(decision).toEqual({ enter: false, reason: 'no_profile' });
  });

  it('picks the first matching campaign in rule-set order when audiences overlap', () => {
    const candidate = { valueTier: 'low' as const, riskBand: 'high' as const, profile: { locale: 'zh-CN' } };
    expect(decideEntry(facts({ candidate, campaigns: [chinese, standard] }))).toMatchObject({
      campaign: { id: 'win-back-zh' },
    });
    expect(decideEntry(facts({ candidate, campaigns: [standard, chinese] }))).toMatchObject({
      campaign: { id: 'win-back' },
    });
  });

  it('keeps a customer out for the re-entry cooldown after their last entry', () => {
    const previous = {
      'win-back-vip': { entryId: 'win-back-vip#2024-12-10', enteredAt: '2024-12-10T03:00:00Z' },
    };
    expect(decideEntry(facts({ previous }))).toEqual({
      enter: false,
      reason: 'cooldown',
      campaignId: 'win-back-vip',
    });
  });

  it('lets a customer in again once the cooldown has passed', () => {
    const previous = {
      'win-back-vip': { entryId: 'win-back-vip#2024-12-04', enteredAt: '2024-12-04T03:00:00Z' },
    };
    expect(decideEntry(facts({ previous }))).toMatchObject({ enter: true, replay: false });
  });

  it('treats an entry of the same period as a replay of that entry, not a cooldown', () => {
    const previous = {
      'win-back-vip': { entryId: 'win-back-vip#2025-03-05', enteredAt: '2025-03-05T03:00:00Z' },
    };
    expect(decideEntry(facts({ previous }))).toMatchObject({ enter: true, replay: true });
  });
});

describe('win-back audiences', () => {
  const customer = {
    valueTier: 'mid' as const,
    riskBand: 'high' as const,
    locale: 'en-GB',
    country: 'gb',
    tier: 'gold',
  };

  it('matches language ranges, countries and shop tiers', () => {
    expect(audienceMatches({ locales: ['en'], countries: ['GB'], tiers: ['gold'] }, customer)).toBe(true);
    expect(audienceMatches({ locales: ['en-US'] }, customer)).toBe(false);
    expect(audienceMatches({ countries: ['US'] }, customer)).toBe(false);
    expect(audienceMatches({ tiers: ['silver'] }, customer)).toBe(false);
  });

  it('does not match a filtered field the customer lacks', () => {
    expect(audienceMatches({ locales: ['en'] }, { valueTier: 'mid', riskBand: 'high' })).toBe(false);
  });

  it('ignores the cart-only minimum subtotal', () => {
    expect(audienceMatches({ minSubtotal: 10_000 }, customer)).toBe(true);
  });
});
