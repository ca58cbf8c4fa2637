import { describe, expect, it } from 'vitest';
import type { StoredScore } from '../../../functions/churn/score-store.js';
import type { ScheduledJob } from '../../../functions/ports/scheduler.js';
import { campaignSchema, type RuleSet } from '../../../functions/rules/schema/index.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { enterWinBack, type WinBackEntryDeps } from '../../../functions/winback/enter-winback.js';
import type { WinBackEntry } from '../../../functions/winback/entry.js';
import type { EntryStore } from '../../../functions/winback/entry-store.js';
import { checkWinBack } from '../../../functions/winback/winback-flow.js';
import { entryOfJob, winBackJob } from '../../../functions/winback/winback-schedule.js';

const campaign = campaignSchema.parse({
  id: 'win-back',
  name: 'Win-back',
  type: 'win_back',
  enabled: true,
  audience: { riskBands: ['medium', 'high'] },
  steps: [
    { delay: 'P0D', template: 'win-back', offer: 'win-back-amount-off' },
    { delay: 'P14D', template: 'win-back-last-call' },
  ],
  reentryCooldown: 'P60D',
});

const score = (overrides: Partial<StoredScore> = {}): StoredScore => ({
  customerId: 'cus_1',
  method: 'heuristic',
  pAlive: 0.3,
  atRisk: true,
  expectedPurchases90d: 0.5,
  expectedValue: 1500,
  valueAtRisk: 3500,
  riskBand: 'medium',
  valueTier: 'mid',
  reason: 'heuristic',
  segment: 'mid/medium',
  modelVersion: 3,
  scoredAt: '2025-03-05T03:00:00.000Z',
  runId: '2025-03-05T03:00:00.000Z',
  changedInRun: '2025-03-05T03:00:00.000Z',
  ...overrides,
});

/** An in-memory entry store with DynamoDB's conditional semantics. */
const memoryEntries = (): EntryStore & { items: Map<string, WinBackEntry> } => {
  const items = new Map<string, WinBackEntry>();
  return {
    items,
    async latest(customerId) {
      return Object.fromEntries(
        [...items.values()].filter((e) => e.customerId === customerId).map((e) => [e.campaignId, e]),
      );
    },
    async record(entry, seen) {
      const key = `${entry.customerId}#${entry.campaignId}`;
      if (items.get(key)?.entryId !== seen?.entryId) return false;
      items.set(key, entry);
      return true;
    },
  };
};

const entryDeps = () => {
  const scheduled: Array<{ name: string; at: Date; job: ScheduledJob }> = [];
  const entries = memoryEntries();
  const deps: WinBackEntryDeps = {
    rules: { active: async () => ({ version: 7, ruleSet: { campaigns: [campaign] } as unknown as RuleSet }) },
    customers: {
      read: async (customerId) => ({
        profile: {
          customerId,
          email: 'a@example.com',
          locale: 'en-US',
          unsubscribedCampaigns: [],
          updatedAt: '2025-01-01T00:00:00Z',
        },
        suppressed: false,
      }),
    },
    entries,
    scheduler: {
      scheduleAt: async (name, at, job) => void scheduled.push({ name, at, job }),
      cancel: async () => {},
    },
    log: new MemoryLog(),
  };
  return { deps, scheduled, entries };
};

describe('entering win-back after scoring', () => {
  it('records the entry and schedules step 1 with the tier and band the offer depends on', async () => {
    const { deps, scheduled, entries } = entryDeps();

    const decision = await enterWinBack(deps, score(), { orders: 4 });

    expect(decision).toMatchObject({ enter: true, entryId: 'win-back#2025-03-05' });
    expect([...entries.items.values()]).toEqual([
      expect.objectContaining({
        ordersAtEntry: 4,
        ruleVersion: 7,
        valueTier: 'mid',
        riskBand: 'medium',
        period: '2025-03-05',
      }),
    ]);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.at.toISOString()).toBe('2025-03-05T03:00:00.000Z');
    expect(scheduled[0]!.job.payload).toMatchObject({
      flow: 'win_back',
      campaignId: 'win-back',
      customerId: 'cus_1',
      subjectKey: 'winback#2025-03-05',
      step: 1,
      ruleVersion: 7,
    });
  });

  it('schedules the same step 1 again when the same run is retried, and nothing new the next night', async () => {
    const { deps, scheduled } = entryDeps();

    await enterWinBack(deps, score(), { orders: 4 });
    await enterWinBack(deps, score(), { orders: 4 });
    const nextNight = '2025-03-06T03:00:00.000Z';
    const later = await enterWinBack(deps, score({ runId: nextNight, scoredAt: nextNight }), { orders: 4 });

    expect(new Set(scheduled.map((entry) => entry.name)).size).toBe(1);
    expect(scheduled).toHaveLength(2);
    expect(later).toEqual({ enter: false, reason: 'cooldown', campaignId: 'win-back' });
  });
});

describe('the win-back journey', () => {
  const entry: WinBackEntry = {
    customerId: 'cus_1',
    campaignId: 'win-back',
    entryId: 'win-back#2025-03-05',
    period: '2025-03-05',
    enteredAt: '2025-03-05T03:00:00.000Z',
    ruleVersion: 7,
    valueTier: 'high',
    riskBand: 'high',
    ordersAtEntry: 4,
    modelVersion: 3,
  };

  it('times each step from entry and carries the entry through the job', () => {
    const job = winBackJob(campaign, entry, 2);
    expect(job.dueAt).toBe('2025-03-19T03:00:00.000Z');
    expect(entryOfJob(job)).toEqual(entry);
  });

  it('ends the journey on any order recorded since entry', () => {
    expect(checkWinBack(entry, 4)).toEqual({ ok: true });
    expect(checkWinBack(entry, 5)).toEqual({ ok: false, reason: 'ordered' });
  });
});
