import { describe, expect, it } from 'vitest';
import { createModelStore } from '../../../functions/churn/model-store.js';
import { type InvokeWorker, runNightlyScoring } from '../../../functions/churn/nightly-scoring.js';
import { createRunPictureStore } from '../../../functions/churn/run-picture.js';
import { scoreSegment } from '../../../functions/churn/score-segment.js';
import { createScoreStore, type StoredScore } from '../../../functions/churn/score-store.js';
import type { ScoringJob } from '../../../functions/churn/scoring-run.js';
import { createStatsSource } from '../../../functions/churn/stats-scan.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { churnDeps, statsFor, statsItem } from './churn-deps.js';

const night = (date: string) => `${date}T03:00:00.000Z`;

/** The coordinator with in-process workers, each reading 7 items per page so segments paginate. */
const scoringRun = async (context: Awaited<ReturnType<typeof churnDeps>>) => {
  const { deps } = context;
  const scoredBy: Array<{ customerId: string; job: ScoringJob; score: StoredScore }> = [];
  const workerDeps = (job: ScoringJob) => ({
    stats: createStatsSource(deps, { pageSize: 7 }),
    models: createModelStore(deps),
    scores: createScoreStore(deps),
    pictures: createRunPictureStore(deps),
    bus: deps.bus,
    afterScored: [
      async (score: StoredScore) => void scoredBy.push({ customerId: score.customerId, job, score }),
    ],
    log: new MemoryLog(),
  });
  const invokeWorker: InvokeWorker = async (job) => {
    await scoreSegment(workerDeps(job), job);
  };
  const coordinatorDeps = {
    models: createModelStore(deps),
    stats: createStatsSource(deps),
    invokeWorker,
    log: new MemoryLog(),
  };
  return {
    scoredBy,
    run: (runId: string, totalSegments = 4) => runNightlyScoring(coordinatorDeps, { runId, totalSegments }),
  };
};

describe('nightly churn scoring against DynamoDB', () => {
  it('scores every customer exactly once across 4 parallel-scan segments', async () => {
    const context = await churnDeps();
    const asOf = night('2025-03-05');
    const ids = Array.from({ length: 48 }, (_, index) => `cus_${String(index).padStart(3, '0')}`);
    await context.putCustomerItems(
      ids.flatMap((customerId, index) => [
        statsItem(
          customerId,
          statsFor(asOf, {
            firstDaysAgo: 200,
            lastDaysAgo: index * 2,
            purchaseDays: 1 + (index % 5),
            totalSpent: 1000 + index * 100,
          }),
        ),
        { pk: customerId, sk: 'profile', customerId, updatedAt: asOf },
      ]),
    );
    const { scoredBy, run } = await scoringRun(context);

    const result = await run(asOf, 4);

    const scored = scoredBy.map((entry) => entry.customerId).sort();
    expect(scored).toEqual(ids);
    expect(new Set(scoredBy.map((entry) => entry.job.segment))).toEqual(new Set([0, 1, 2, 3]));
    const stored = await context.scores();
    expect(stored).toHaveLength(48);
    expect(stored[0]).toMatchObject({ modelVersion: result.model.version, scoredAt: asOf });
    const events = scoredBy.map((entry) => entry.score);
    expect(events.every((score) => score.method === 'heuristic')).toBe(true);
    expect(events.every((score) => score.segment === `${score.valueTier}/${score.riskBand}`)).toBe(true);
  });

  it('sends Customer Scored only for customers whose segment changed', async () => {
    const context = await churnDeps();
    const first = night('2025-03-05');
    await context.putStats(
      'cus_steady',
      statsFor(first, { firstDaysAgo: 120, lastDaysAgo: 2, purchaseDays: 6, totalSpent: 60_000 }),
    );
    await context.putStats(
      'cus_fading',
      statsFor(first, { firstDaysAgo: 150, lastDaysAgo: 59, purchaseDays: 1, totalSpent: 3_000 }),
    );
    const { run } = await scoringRun(context);

    await run(first);
    const afterFirst = context.published.splice(0);
    await run(night('2025-03-06'));
    const afterSecond = context.published.splice(0);
    await run(night('2025-03-07'));
    const afterThird = context.published.splice(0);

    expect(afterFirst.map((event) => event.detail.customerId).sort()).toEqual(['cus_fading', 'cus_steady']);
    expect(afterSecond).toEqual([]);
    expect(afterThird).toHaveLength(1);
    expect(afterThird[0]).toMatchObject({
      detailType: 'Customer Scored',
      detail: { customerId: 'cus_fading', previousSegment: 'low/low', segment: 'low/medium', atRisk: true },
    });
  });

  it('re-sends the event when the run that moved a customer is retried', async () => {
    const context = await churnDeps();
    const asOf = night('2025-03-05');
    await context.putStats(
      'cus_a',
      statsFor(asOf, { firstDaysAgo: 100, lastDaysAgo: 90, purchaseDays: 1, totalSpent: 3_000 }),
    );
    const { run } = await scoringRun(context);

    await run(asOf);
    await run(asOf);

    expect(context.published.map((event) => event.detail.customerId)).toEqual(['cus_a', 'cus_a']);
  });

  it('refits the model and stores it as a new version once the stored one is more than 7 days old', async () => {
    const context = await churnDeps();
    await context.putStats(
      'cus_a',
      statsFor(night('2025-03-01'), { firstDaysAgo: 30, lastDaysAgo: 3, purchaseDays: 3, totalSpent: 9_000 }),
    );
    const { run } = await scoringRun(context);

    const monday = await run(night('2025-03-03'));
    const thursday = await run(night('2025-03-06'));
    const nextWeek = await run(night('2025-03-11'));

    expect([monday.refitted, thursday.refitted, nextWeek.refitted]).toEqual([true, false, true]);
    expect([monday.model.version, thursday.model.version, nextWeek.model.version]).toEqual([1, 1, 2]);
    const versions = await context.modelVersions();
    expect(versions.map((item) => item.sk)).toEqual(['v#000001', 'v#000002']);
    expect(versions[0]).toMatchObject({
      method: 'heuristic',
      reason: 'no model stored yet',
      fittedAt: night('2025-03-03'),
    });
    expect(versions[1]).toMatchObject({
      fittedAt: night('2025-03-11'),
      reason: `version 1 was fitted ${night('2025-03-03')}, more than 7 days ago`,
      model: { method: 'heuristic', reason: 'fewer than 500 customers (1)' },
    });
  });
});
