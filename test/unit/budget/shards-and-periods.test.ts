import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayKey,
  monthElapsedThroughToday,
  monthKey,
  recentDayKeys,
} from '../../../functions/budget/periods.js';
import { scopesForSpend } from '../../../functions/budget/scopes.js';
import { shardOrder, splitCap } from '../../../functions/budget/shards.js';
import { ruleSetWith } from '../../integration/budget/rule-set-fixture.js';

describe('budget shards', () => {
  it('splits a cap into shards that differ by at most one and add up to exactly the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 64 }), (cap, shards) => {
        const caps = splitCap(cap, shards);
        expect(caps.reduce((sum, shardCap) => sum + shardCap, 0)).toBe(cap);
        expect(Math.max(...caps) - Math.min(...caps)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('tries every shard once, starting at a random one', () => {
    expect(shardOrder(4, () => 0.6)).toEqual([2, 3, 0, 1]);
    expect(shardOrder(1, () => 0.99)).toEqual([0]);
  });
});

describe('budget periods', () => {
  it('cuts days and months in the shop time zone', () => {
    const lateEvening = new Date('2025-03-31T20:30:00Z');

    expect(dayKey(lateEvening, 'UTC')).toBe('2025-03-31');
    expect(dayKey(lateEvening, 'Asia/Shanghai')).toBe('2025-04-01');
    expect(monthKey(lateEvening, 'Asia/Shanghai')).toBe('2025-04');
  });

  it('lists the last days oldest first, across a month end', () => {
    expect(recentDayKeys(new Date('2025-03-02T12:00:00Z'), 'UTC', 3)).toEqual([
      '2025-02-28',
      '2025-03-01',
      '2025-03-02',
    ]);
  });

  it('counts the current day as elapsed when pacing a month', () => {
    expect(monthElapsedThroughToday(new Date('2025-04-15T01:00:00Z'), 'UTC')).toBe(0.5);
  });
});

describe('budget scopes of a spend', () => {
  it('counts a coupon against the campaign day, month and total and the global caps, narrowest first', () => {
    const ruleSet = ruleSetWith({
      settings: { timeZone: 'Asia/Shanghai', budget: { total: 1_000_000, monthly: 100_000, shards: 4 } },
      campaigns: [{ id: 'recall', budget: { daily: 5_000, total: 50_000, shards: 2 } }],
    });

    const scopes = scopesForSpend(ruleSet, ruleSet.campaigns[0]!, 'coupon', new Date('2025-03-31T20:00:00Z'));

    expect(scopes).toEqual([
      { key: 'campaign:recall:day:2025-04-01', cap: 5_000_000, shards: 2 },
      { key: 'campaign:recall:month:2025-04', cap: undefined, shards: 2 },
      { key: 'campaign:recall:total', cap: 50_000_000, shards: 2 },
      { key: 'global:month:2025-04', cap: 100_000_000, shards: 4 },
      { key: 'global:total', cap: 1_000_000_000, shards: 4 },
    ]);
  });

  it('counts an email against the channel month only when the channel has a cap', () => {
    const capped = ruleSetWith({ settings: { channels: { email: { budget: { monthly: 1000 } } } } });
    const uncapped = ruleSetWith();
    const at = new Date('2025-03-14T00:00:00Z');

    expect(scopesForSpend(capped, capped.campaigns[0]!, 'email', at).map((scope) => scope.key)).toContain(
      'channel:email:month:2025-03',
    );
    expect(
      scopesForSpend(capped, capped.campaigns[0]!, 'coupon', at).map((scope) => scope.key),
    ).not.toContain('channel:email:month:2025-03');
    expect(scopesForSpend(uncapped, uncapped.campaigns[0]!, 'email', at).map((scope) => scope.key)).toEqual([
      'campaign:recall:day:2025-03-14',
      'campaign:recall:month:2025-03',
    ]);
  });
});
