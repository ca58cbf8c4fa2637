import { describe, expect, it } from 'vitest';
import type { StoredScore } from '../../../functions/churn/score-store.js';
import { campaignSchema, type RuleSet } from '../../../functions/rules/schema/index.js';
import { createCustomerReader } from '../../../functions/send/customer-reader.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { enterWinBack } from '../../../functions/winback/enter-winback.js';
import { createEntryStore } from '../../../functions/winback/entry-store.js';
import { churnDeps } from './churn-deps.js';

const campaign = campaignSchema.parse({
  id: 'win-back',
  name: 'Win-back',
  type: 'win_back',
  enabled: true,
  audience: { riskBands: ['medium', 'high'], locales: ['en'] },
  steps: [{ delay: 'P0D', template: 'win-back' }],
  reentryCooldown: 'P30D',
});

const scoreAt = (runId: string): StoredScore => ({
  customerId: 'cus_1',
  method: 'heuristic',
  pAlive: 0.4,
  atRisk: true,
  expectedPurchases90d: 1,
  expectedValue: 2000,
  valueAtRisk: 3000,
  riskBand: 'medium',
  valueTier: 'low',
  reason: 'heuristic',
  segment: 'low/medium',
  modelVersion: 1,
  scoredAt: runId,
  runId,
  changedInRun: runId,
});

const setUp = async () => {
  const context = await churnDeps();
  await context.putItem('customers', {
    pk: 'cus_1',
    sk: 'profile',
    customerId: 'cus_1',
    email: 'a@example.com',
    locale: 'en-GB',
    updatedAt: '2025-01-01T00:00:00Z',
  });
  const deps = {
    rules: { active: async () => ({ version: 2, ruleSet: { campaigns: [campaign] } as unknown as RuleSet }) },
    customers: createCustomerReader(context.deps),
    entries: createEntryStore(context.deps),
    scheduler: context.deps.scheduler,
    log: new MemoryLog(),
  };
  return { ...context, entryDeps: deps };
};

describe('win-back entry against DynamoDB', () => {
  it('admits a customer once per period however often the run is repeated, and not again within the cooldown', async () => {
    const { entryDeps, scheduled } = await setUp();

    const decisions = await Promise.all([
      enterWinBack(entryDeps, scoreAt('2025-03-05T03:00:00.000Z'), { orders: 2 }),
      enterWinBack(entryDeps, scoreAt('2025-03-05T03:00:00.000Z'), { orders: 2 }),
    ]);
    const tooSoon = await enterWinBack(entryDeps, scoreAt('2025-04-03T03:00:00.000Z'), { orders: 2 });
    const afterCooldown = await enterWinBack(entryDeps, scoreAt('2025-04-05T03:00:00.000Z'), { orders: 2 });

    expect(decisions.filter((decision) => decision.enter)).not.toHaveLength(0);
    expect(
      new Set(scheduled.filter((s) => s.at.toISOString().startsWith('2025-03-05')).map((s) => s.name)).size,
    ).toBe(1);
    expect(tooSoon).toEqual({ enter: false, reason: 'cooldown', campaignId: 'win-back' });
    expect(afterCooldown).toMatchObject({ enter: true, entryId: 'win-back#2025-04-05', replay: false });
    expect(scheduled.map((s) => s.job.payload.subjectKey)).toContain('winback#2025-04-05');
  });

  it('keeps out a customer whose profile is outside the audience', async () => {
    const { entryDeps, putItem } = await setUp();
    await putItem('customers', {
      pk: 'cus_1',
      sk: 'profile',
      customerId: 'cus_1',
      locale: 'zh-CN',
      updatedAt: '2025-01-01T00:00:00Z',
    });

    expect(await enterWinBack(entryDeps, scoreAt('2025-03-05T03:00:00.000Z'), { orders: 2 })).toEqual({
      enter: false,
      reason: 'no_matching_campaign',
    });
  });
});
