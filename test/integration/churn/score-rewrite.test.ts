import { describe, expect, it } from 'vitest';
import { createModelStore } from '../../../functions/churn/model-store.js';
import { runNightlyScoring } from '../../../functions/churn/nightly-scoring.js';
import { addToPicture, createRunPictureStore, emptyPicture } from '../../../functions/churn/run-picture.js';
import { type SegmentSummary, scoreSegment } from '../../../functions/churn/score-segment.js';
import { createScoreStore, type StoredScore } from '../../../functions/churn/score-store.js';
import { createStatsSource } from '../../../functions/churn/stats-scan.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { churnDeps, statsFor, statsItem } from './churn-deps.js';

const night = (date: string) => `${date}T03:00:00.000Z`;

/** Nightly runs on one segment whose scan reads `pageSize` items per page; records what the hook got. */
const nightlyRuns = async (context: Awaited<ReturnType<typeof churnDeps>>, pageSize?: number) => {
  const { deps } = context;
  const hooked: StoredScore[] = [];
  const summaries: SegmentSummary[] = [];
  const run = async (runId: string) => {
    const result = await runNightlyScoring(
      {
        models: createModelStore(deps),
        stats: createStatsSource(deps),
        invokeWorker: async (job) => {
          const summary = await scoreSegment(
            {
              stats: createStatsSource(deps, { pageSize }),
              models: createModelStore(deps),
              scores: createScoreStore(deps),
              pictures: createRunPictureStore(deps),
              bus: deps.bus,
              afterScored: [async (score) => void hooked.push(score)],
              log: new MemoryLog(),
            },
            job,
          );
          summaries.push(summary);
        },
        log: new MemoryLog(),
      },
      { runId, totalSegments: 1 },
    );
    return { ...result, summary: summaries.at(-1) as SegmentSummary };
  };
  return { run, hooked };
};

const steadyCustomers = async (context: Awaited<ReturnType<typeof churnDeps>>, count: number) => {
  const asOf = night('2025-03-05');
  await context.putCustomerItems(
    Array.from({ length: count }, (_, index) => {
      const customerId = `cus_${String(index).padStart(3, '0')}`;
      return [
        { pk: customerId, sk: 'profile', customerId, updatedAt: asOf },
        statsItem(
          customerId,
          statsFor(asOf, { firstDaysAgo: 100, lastDaysAgo: 5, purchaseDays: 4, totalSpent: 8_000 }),
        ),
      ];
    }).flat(),
  );
};

describe('skipping score writes that change nothing material', () => {
  it('leaves a stored score that still stands, yet hands win-back entry the score of tonight', async () => {
    const context = await churnDeps();
    await steadyCustomers(context, 12);
    const { run, hooked } = await nightlyRuns(context);

    const first = await run(night('2025-03-05'));
    hooked.splice(0);
    const second = await run(night('2025-03-06'));

    expect(first.summary).toMatchObject({ scored: 12, written: 12, segmentChanged: 12 });
    expect(second.summary).toMatchObject({ scored: 12, written: 0, segmentChanged: 0 });
    expect(context.published).toHaveLength(12);
    expect((await context.scores()).every((item) => item.scoredAt === night('2025-03-05'))).toBe(true);
    expect(hooked).toHaveLength(12);
    expect(hooked[0]).toMatchObject({ runId: night('2025-03-06'), scoredAt: night('2025-03-06') });
  });

  it('finds each stored score next to its stats even when every item is a page of its own', async () => {
    const context = await churnDeps();
    await steadyCustomers(context, 5);
    const { run } = await nightlyRuns(context, 1);

    await run(night('2025-03-05'));
    const retried = await run(night('2025-03-05'));

    expect(retried.summary).toMatchObject({ scored: 5, written: 0, segmentChanged: 5 });
    expect(context.published.map((event) => event.detail.customerId).sort()).toEqual([
      'cus_000',
      'cus_000',
      'cus_001',
      'cus_001',
      'cus_002',
      'cus_002',
      'cus_003',
      'cus_003',
      'cus_004',
      'cus_004',
    ]);
  });

  it("writes nothing while only P(alive) drifts, and tonight's P(alive) still reaches the run picture", async () => {
    const context = await churnDeps();
    await steadyCustomers(context, 3);
    const { run, hooked } = await nightlyRuns(context);

    await run(night('2025-03-05'));
    const before = await context.scores();
    const firstNight = hooked.splice(0);
    const sixDaysOn = await run(night('2025-03-11'));
    const tonight = emptyPicture();
    for (const score of hooked) addToPicture(tonight, score);

    expect(sixDaysOn.summary).toMatchObject({ scored: 3, written: 0, segmentChanged: 0 });
    expect(await context.scores()).toEqual(before);
    expect(before[0]).not.toHaveProperty('pAlive');
    expect(hooked[0]!.pAlive).toBeLessThan(firstNight[0]!.pAlive);
    expect(await createRunPictureStore(context.deps).latest()).toEqual({
      runId: night('2025-03-11'),
      modelVersion: 1,
      segments: 1,
      ...tonight,
    });
  });

  it('writes nothing on the night of a weekly refit that leaves every segment where it was', async () => {
    const context = await churnDeps();
    await steadyCustomers(context, 3);
    const { run } = await nightlyRuns(context);

    await run(night('2025-03-05'));
    const before = await context.scores();
    const refitNight = await run(night('2025-03-13'));

    expect(refitNight).toMatchObject({ refitted: true, model: { version: 2 } });
    expect(refitNight.summary).toMatchObject({ scored: 3, written: 0, segmentChanged: 0 });
    expect(await context.scores()).toEqual(before);
  });
});

describe('the score store given what a scan saw', () => {
  const score = {
    method: 'heuristic' as const,
    pAlive: 0.9,
    atRisk: false,
    expectedPurchases90d: 1,
    expectedValue: 2_000,
    valueAtRisk: 200,
    riskBand: 'low' as const,
    valueTier: 'mid' as const,
    reason: 'heuristic',
  };
  const runOf = (runId: string) => ({ modelVersion: 1, runId, scoredAt: runId });
  /** A customer with a stats item, the item their score is stored on. */
  const customerWithStats = async () => {
    const context = await churnDeps();
    await context.putStats(
      'cus_1',
      statsFor(night('2025-03-01'), {
        firstDaysAgo: 90,
        lastDaysAgo: 10,
        purchaseDays: 3,
        totalSpent: 6_000,
      }),
    );
    return context;
  };

  it('writes after reading when the scan missed a score another writer stored, and sees no change', async () => {
    const { deps, scores } = await customerWithStats();
    const store = createScoreStore(deps);
    await store.store('cus_1', score, runOf(night('2025-03-05')), null);

    const outcome = await store.store('cus_1', { ...score, pAlive: 0.8 }, runOf(night('2025-03-06')), null);

    expect(outcome).toMatchObject({ stored: true, written: true, segmentChanged: false });
    expect(await scores()).toMatchObject([
      { scoredAt: night('2025-03-06'), changedInRun: night('2025-03-05') },
    ]);
  });

  it('reports the move once when the scan saw an outdated segment', async () => {
    const { deps, scores } = await customerWithStats();
    const store = createScoreStore(deps);
    await store.store('cus_1', score, runOf(night('2025-03-05')), null);
    const outdated = {
      segment: 'low/low',
      modelVersion: 1,
      scoredAt: night('2025-03-01'),
      changedInRun: night('2025-03-01'),
    };

    const outcome = await store.store(
      'cus_1',
      { ...score, riskBand: 'medium', pAlive: 0.4 },
      runOf(night('2025-03-06')),
      outdated,
    );

    expect(outcome).toMatchObject({
      stored: true,
      written: true,
      segmentChanged: true,
      score: { segment: 'mid/medium', previousSegment: 'mid/low' },
    });
    expect(await scores()).toMatchObject([{ segment: 'mid/medium', previousSegment: 'mid/low' }]);
  });

  it('writes nothing for an older run once a newer score is stored', async () => {
    const { deps, scores } = await customerWithStats();
    const store = createScoreStore(deps);
    await store.store('cus_1', score, runOf(night('2025-03-06')), null);
    const [seen] = await scores();

    const outcome = await store.store('cus_1', { ...score, pAlive: 0.1 }, runOf(night('2025-03-05')), {
      segment: seen?.segment,
      modelVersion: seen?.modelVersion,
      scoredAt: seen?.scoredAt,
      changedInRun: seen?.changedInRun,
    });

    expect(outcome).toEqual({ stored: false });
    expect(await scores()).toMatchObject([{ segment: 'mid/low', scoredAt: night('2025-03-06') }]);
  });
});

describe('sizing the nightly run', () => {
  it('uses 4 segments for a small shop when no count is fixed', async () => {
    const context = await churnDeps();
    await steadyCustomers(context, 3);
    const jobs: number[] = [];

    const result = await runNightlyScoring(
      {
        models: createModelStore(context.deps),
        stats: createStatsSource(context.deps),
        invokeWorker: async (job) => void jobs.push(job.totalSegments),
        log: new MemoryLog(),
      },
      { runId: night('2025-03-05') },
    );

    expect(result.totalSegments).toBe(4);
    expect(jobs).toEqual([4, 4, 4, 4]);
  });
});
