import { describe, expect, it } from 'vitest';
import { createRuleCache, NoActiveRulesError } from '../../../functions/rules/rule-cache.js';
import type { ActivePointer } from '../../../functions/rules/rule-store.js';
import { ruleSetForScheduledMessage } from '../../../functions/rules/scheduled-version.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { exampleRuleSet } from './example-rules.js';

const fakeStore = () => {
  const versions = new Map<number, RuleSet>();
  let active: ActivePointer | undefined;
  const reads = { active: 0, versions: 0 };
  return {
    reads,
    publish(version: number, ruleSet: RuleSet) {
      versions.set(version, ruleSet);
      active = { version, hash: `h${version}` };
    },
    async readActive() {
      reads.active++;
      return active;
    },
    async getVersion(version: number) {
      reads.versions++;
      const ruleSet = versions.get(version);
      if (!ruleSet) throw new Error(`no version ${version}`);
      return ruleSet;
    },
  };
};

const withCampaign = (
  ruleSet: RuleSet,
  id: string,
  change: Partial<RuleSet['campaigns'][number]> | 'remove',
) => ({
  ...ruleSet,
  campaigns:
    change === 'remove'
      ? ruleSet.campaigns.filter((campaign) => campaign.id !== id)
      : ruleSet.campaigns.map((campaign) => (campaign.id === id ? { ...campaign, ...change } : campaign)),
});

describe('createRuleCache', () => {
  it('serves a newly published version within 5 seconds', async () => {
    const rules = await exampleRuleSet();
    const store = fakeStore();
    const clock = new VirtualClock(new Date('2025-03-01T10:00:00Z'));
    const cache = createRuleCache({ store, clock, maxAgeMs: 5000 });
    store.publish(1, rules);
    expect((await cache.active()).version).toBe(1);

    store.publish(2, withCampaign(rules, 'win-back', { enabled: false }));
    clock.set(new Date('2025-03-01T10:00:04.999Z'));
    const stillCached = await cache.active();
    clock.set(new Date('2025-03-01T10:00:05Z'));
    const reloaded = await cache.active();

    expect(stillCached.version).toBe(1);
    expect(reloaded.version).toBe(2);
    expect(reloaded.rules.campaigns.find((campaign) => campaign.id === 'win-back')?.enabled).toBe(false);
  });

  it('reads the active pointer at most once per 5 seconds and each version only once', async () => {
    const store = fakeStore();
    const clock = new VirtualClock(new Date('2025-03-01T10:00:00Z'));
    const cache = createRuleCache({ store, clock });
    store.publish(1, await exampleRuleSet());

    for (let second = 0; second < 12; second++) {
      await cache.active();
      clock.set(new Date(clock.now().getTime() + 1000));
    }

    expect(store.reads).toEqual({ active: 3, versions: 1 });
  });

  it('fails with a clear error when nothing has been published', async () => {
    const cache = createRuleCache({ store: fakeStore(), clock: new VirtualClock(new Date()) });

    await expect(cache.active()).rejects.toThrow(NoActiveRulesError);
  });
});

describe('ruleSetForScheduledMessage', () => {
  const setup = async () => {
    const rules = await exampleRuleSet();
    const store = fakeStore();
    const clock = new VirtualClock(new Date('2025-03-01T10:00:00Z'));
    const cache = createRuleCache({ store, clock, maxAgeMs: 0 });
    store.publish(1, rules);
    return { rules, store, cache };
  };

  it('keeps the version a message started with when a later version changes its campaign', async () => {
    const { rules, store, cache } = await setup();
    store.publish(2, withCampaign(rules, 'cart-recall', { holdoutPercent: 20 }));

    const result = await ruleSetForScheduledMessage(cache, 1, 'cart-recall');

    expect(result).toMatchObject({
      status: 'run',
      version: 1,
      campaign: { id: 'cart-recall', holdoutPercent: 10 },
    });
  });

  it('stops a scheduled message when the active version disables its campaign', async () => {
    const { rules, store, cache } = await setup();
    store.publish(2, withCampaign(rules, 'cart-recall', { enabled: false }));

    const result = await ruleSetForScheduledMessage(cache, 1, 'cart-recall');

    expect(result).toEqual({ status: 'campaign_disabled', reason: 'disabled', activeVersion: 2 });
  });

  it('stops a scheduled message when the active version removes its campaign', async () => {
    const { rules, store, cache } = await setup();
    store.publish(2, withCampaign(rules, 'win-back', 'remove'));

    const result = await ruleSetForScheduledMessage(cache, 1, 'win-back');

    expect(result).toEqual({ status: 'campaign_disabled', reason: 'removed', activeVersion: 2 });
  });
});
