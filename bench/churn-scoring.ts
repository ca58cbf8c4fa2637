import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type BgNbdParams, pAlive } from '../functions/churn/bgnbd.js';
import { type CustomerStats, rfmOfStats } from '../functions/churn/customer-stats.js';
import { createModelStore } from '../functions/churn/model-store.js';
import { cutoffsOf } from '../functions/churn/prepare-scoring-model.js';
import { assessCustomer, valueIfRetained } from '../functions/churn/score.js';
import { type ScoringModel, scoringModelSchema } from '../functions/churn/scoring-model.js';
import { createChurnWorkerHandler } from '../functions/churn/scoring-worker.js';
import { STATS_SK, statsFieldsOf } from '../functions/ingest/order.js';
import { VirtualClock } from '../functions/shared/clock.js';
import type { Deps } from '../functions/shared/deps.js';
import { type BenchDynamo, freshBenchTables, silentLog } from './bench-dynamo.js';
import { perSecond, runPool } from './pool.js';
import { type BenchResult, ratioOf, round } from './result.js';

export interface ChurnScoringOptions {
  endpoint: string;
  customers: number;
  segments: number;
  inProcessScores: number;
}

const RUN_ID = '2025-03-05T03:00:00.000Z';
const NEXT_RUN_ID = '2025-03-06T03:00:00.000Z';
const DAY_MS = 86_400_000;
// CDNOW's published BG/NBD fit (Fader, Hardie and Lee 2005), for the pure in-process rate.
const cdnowParams: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** A small deterministic PRNG (mulberry32), so every run scores the same population. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** Two years of a shop: first orders spread over the period, a few repeat days, some long gone. */
const population = (count: number): CustomerStats[] => {
  const random = seeded(20250305);
  const now = Date.parse(RUN_ID);
  return Array.from({ length: count }, () => {
    const firstDaysAgo = 30 + Math.floor(random() * 700);
    const purchaseDays = 1 + Math.floor(random() ** 2 * 8);
    const lastDaysAgo = purchaseDays === 1 ? firstDaysAgo : Math.floor(random() * firstDaysAgo);
    return {
      firstOrderAt: new Date(now - firstDaysAgo * DAY_MS).toISOString(),
      lastOrderAt: new Date(now - lastDaysAgo * DAY_MS).toISOString(),
      orders: purchaseDays,
      purchaseDays,
      totalSpent: purchaseDays * (2_000 + Math.floor(random() * 10_000)),
      meanGapDays: purchaseDays > 1 ? (firstDaysAgo - lastDaysAgo) / (purchaseDays - 1) : null,
    };
  });
};

/**
 * Each customer as the table keeps them: a profile item and a purchase-stats item, the latter with the
 * fields order ingest sets (so it is in the `statsByCustomer` index the worker scans).
 */
const loadCustomers = async ({ db, tables }: BenchDynamo, stats: CustomerStats[]) => {
  const items = stats.flatMap((entry, index) => {
    const customerId = `cus_${String(index).padStart(7, '0')}`;
    return [
      { pk: customerId, sk: 'profile', customerId, email: `${customerId}@example.com`, updatedAt: RUN_ID },
      {
        pk: customerId,
        sk: STATS_SK,
        ...statsFieldsOf(customerId, entry, { version: entry.orders, updatedAt: entry.lastOrderAt }),
      },
    ];
  });
  await runPool(Math.ceil(items.length / 25), 8, async (batch) => {
    let pending: Array<Record<string, unknown>> | undefined = items
      .slice(batch * 25, batch * 25 + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (pending && pending.length > 0) {
      const written = await db.send(new BatchWriteCommand({ RequestItems: { [tables.customers]: pending } }));
      pending = written.UnprocessedItems?.[tables.customers] as typeof pending;
    }
  });
};

/** Every item of the table, read with a parallel scan of `segments` segments; returns items read. */
const rawParallelScan = async ({ db, tables }: BenchDynamo, segments: number): Promise<number> => {
  const counts = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let read = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: tables.customers,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: startKey,
          }),
        );
        read += page.Items?.length ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return read;
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
};

/**
 * A BG/NBD model with CDNOW's parameters and this population's value tiers. Fitting is not what is
 * measured here (it runs once a week, before the fan-out), so the benchmark does not wait for it.
 */
const benchModel = (stats: CustomerStats[]): ScoringModel => {
  const model = scoringModelSchema.parse({
    method: 'bgnbd',
    timeUnit: 'week',
    params: cdnowParams,
    logLikelihood: 0,
    spend: null,
    fittedAt: RUN_ID,
    customers: stats.length,
    valueCutoffs: { mid: 0, high: 0 },
  });
  const values = stats.map((entry) => valueIfRetained(assessCustomer(model, entry, RUN_ID)));
  return { ...model, valueCutoffs: cutoffsOf(values) };
};

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
};

/**
 * `churn-scoring`: the churn worker (functions/churn/scoring-worker.ts) scoring every customer, its
 * segments side by side as the coordinator fans them out, against a raw parallel scan of the same
 * table with the same number of segments. The win-back hook is left out: this measures scoring.
 */
export const churnScoring = async (options: ChurnScoringOptions): Promise<BenchResult> => {
  const bench = await freshBenchTables(options.endpoint, 'churn');
  const stats = population(options.customers);
  await loadCustomers(bench, stats);

  const deps: Deps = {
    db: bench.db,
    tables: bench.tables,
    clock: new VirtualClock(new Date(RUN_ID)),
    log: silentLog,
    mailer: { send: async () => Promise.reject(new Error('scoring sends no email')) },
    scheduler: { scheduleAt: async () => {}, cancel: async () => {} },
    bus: { publish: async () => {} },
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
  };
  const model = await createModelStore(deps).saveNext(benchModel(stats), 'benchmark');

  const before = await timed(() => rawParallelScan(bench, options.segments));
  const worker = createChurnWorkerHandler(deps, []);
  const night = (runId: string) =>
    timed(() =>
      Promise.all(
        Array.from({ length: options.segments }, (_, segment) =>
          worker({ segment, totalSegments: options.segments, modelVersion: model.version, runId }),
        ),
      ),
    );
  // The first night creates every score item (a read and a put each); later nights update in place.
  const firstNight = await night(RUN_ID);
  const scoring = await night(NEXT_RUN_ID);
  const after = await timed(() => rawParallelScan(bench, options.segments));
  bench.db.destroy();

  const points = stats.map((entry) => rfmOfStats(entry, RUN_ID, 'week'));
  const inProcess = await timed(async () => {
    let sum = 0;
    for (let index = 0; index < options.inProcessScores; index += 1) {
      sum += pAlive(cdnowParams, points[index % points.length]!);
    }
    return sum;
  });

  const scored = scoring.result.reduce((sum, summary) => sum + summary.scored, 0);
  const value = perSecond(scored, scoring.ms);
  const itemsScanned = before.result + after.result;
  const baseline = perSecond(itemsScanned, before.ms + after.ms);
  return {
    name: 'churn-scoring',
    value: round(value, 1),
    unit: 'customers scored/s (parallel scan, score, conditional write)',
    baseline: round(baseline, 1),
    ratio: ratioOf(value, baseline),
    notes: {
      target: 'ratio >= 0.5',
      customers: options.customers,
      scored,
      rewritten: scoring.result.reduce((sum, summary) => sum + summary.written, 0),
      atRisk: scoring.result.reduce((sum, summary) => sum + summary.atRisk, 0),
      segments: options.segments,
      measuredNight:
        'the second night: scores exist, most stand as stored; those that moved get one conditional UpdateItem each',
      firstNightCustomersPerSecond: round(
        perSecond(
          firstNight.result.reduce((sum, summary) => sum + summary.scored, 0),
          firstNight.ms,
        ),
        1,
      ),
      model: 'BG/NBD with CDNOW parameters (the weekly fit is not part of the nightly run)',
      itemsPerCustomer:
        'a profile item and a stats item; scoring adds the score to the stats item, which alone is in the index it scans',
      baselineItemsScanned: itemsScanned,
      baselineBeforeItemsPerSecond: round(perSecond(before.result, before.ms), 1),
      baselineAfterItemsPerSecond: round(perSecond(after.result, after.ms), 1),
      baselineOperation: 'raw parallel Scan of the customers table (all items), before and after scoring',
      inProcessPAlivePerSecond: round(perSecond(options.inProcessScores, inProcess.ms), 0),
      inProcessNote: 'pAlive() from functions/churn/bgnbd.ts with CDNOW parameters, no I/O',
      scoringPath:
        'createChurnWorkerHandler(deps, []) per segment: Scan pages of the statsByCustomer index (stats and stored score), scoreCustomer, one conditional UpdateItem per score that moved',
    },
  };
};
