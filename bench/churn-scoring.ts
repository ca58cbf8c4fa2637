import { BatchWriteCommand, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { type BgNbdParams, pAlive } from '../functions/churn/bgnbd.js';
import { type CustomerStats, rfmOfStats } from '../functions/churn/customer-stats.js';
import { createModelStore } from '../functions/churn/model-store.js';
import { cutoffsOf } from '../functions/churn/prepare-scoring-model.js';
import { assessCustomer, valueIfRetained } from '../functions/churn/score.js';
import type { SegmentSummary } from '../functions/churn/score-segment.js';
import { type ScoringModel, scoringModelSchema } from '../functions/churn/scoring-model.js';
import { createChurnWorkerHandler } from '../functions/churn/scoring-worker.js';
import { statsScanInput } from '../functions/churn/stats-scan.js';
import { STATS_SK, statsFieldsOf } from '../functions/ingest/order.js';
import { VirtualClock } from '../functions/shared/clock.js';
import type { Deps } from '../functions/shared/deps.js';
import { type BenchDynamo, freshBenchTables, silentLog } from './bench-dynamo.js';
import { median, perSecond, runPool } from './pool.js';
import { type BenchResult, ratioOf, round } from './result.js';

export interface ChurnScoringOptions {
  endpoint: string;
  customers: number;
  segments: number;
  inProcessScores: number;
}

const RUN_ID = '2025-03-05T03:00:00.000Z';
const DAY_MS = 86_400_000;
/** Nightly runs, one day apart from RUN_ID. */
const runIdOf = (night: number) => new Date(Date.parse(RUN_ID) + night * DAY_MS).toISOString();
/** Nights measured after the first, each between two raw scans. */
const MEASURED_NIGHTS = 5;
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

type ScanPage = (segment: number, startKey: Record<string, unknown> | undefined) => ScanCommandInput;

/** Reads every page of a parallel scan, its segments side by side, and does nothing else; returns items read. */
const rawParallelScan = async ({ db }: BenchDynamo, segments: number, request: ScanPage): Promise<number> => {
  const counts = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let read = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand(request(segment, startKey)));
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

interface Timed<T> {
  ms: number;
  result: T;
}

const timed = async <T>(work: () => Promise<T>): Promise<Timed<T>> => {
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

  // The baseline sends the worker's own Scan request (same index, projection and segments) and only
  // counts what comes back; the whole table, profiles included, is scanned too, for the notes.
  const segments = options.segments;
  const rawIndexScan = () =>
    timed(() =>
      rawParallelScan(bench, segments, (segment, startKey) =>
        statsScanInput(bench.tables, { segment, totalSegments: segments }, startKey),
      ),
    );
  const rawTableScan = () =>
    timed(() =>
      rawParallelScan(bench, segments, (segment, startKey) => ({
        TableName: bench.tables.customers,
        Segment: segment,
        TotalSegments: segments,
        ExclusiveStartKey: startKey,
      })),
    );
  const worker = createChurnWorkerHandler(deps, []);
  const night = (runId: string) =>
    timed(() =>
      Promise.all(
        Array.from({ length: segments }, (_, segment) =>
          worker({ segment, totalSegments: segments, modelVersion: model.version, runId }),
        ),
      ),
    );
  // The first night creates every score (one write each); the measured nights find them stored, as
  // every later night does. Rounds alternate a raw scan and a night's scoring of the same items, and
  // the medians are compared. The whole-table scans, for the notes only, run outside the rounds:
  // interleaved, the night after such a scan now and then ran at half speed.
  const firstNight = await night(runIdOf(0));
  const table: Timed<number>[] = [await rawTableScan()];
  const index: Timed<number>[] = [];
  const nights: Timed<SegmentSummary[]>[] = [];
  for (let round = 1; round <= MEASURED_NIGHTS; round += 1) {
    index.push(await rawIndexScan());
    nights.push(await night(runIdOf(round)));
  }
  index.push(await rawIndexScan());
  table.push(await rawTableScan());
  bench.db.destroy();

  const points = stats.map((entry) => rfmOfStats(entry, RUN_ID, 'week'));
  const inProcess = await timed(async () => {
    let sum = 0;
    for (let index = 0; index < options.inProcessScores; index += 1) {
      sum += pAlive(cdnowParams, points[index % points.length]!);
    }
    return sum;
  });

  const total = (runs: Timed<number>[]) => runs.reduce((sum, run) => sum + run.result, 0);
  const scanRates = (runs: Timed<number>[]) => runs.map((run) => perSecond(run.result, run.ms));
  /** One night's figure summed over its segments. */
  const countOf = (run: Timed<SegmentSummary[]>, field: keyof SegmentSummary) =>
    run.result.reduce((sum, summary) => sum + summary[field], 0);
  const byNight = (field: keyof SegmentSummary) => nights.map((run) => countOf(run, field));
  const sumOf = (field: keyof SegmentSummary) => byNight(field).reduce((sum, count) => sum + count, 0);
  const nightRates = nights.map((run) => perSecond(countOf(run, 'scored'), run.ms));
  const value = median(nightRates);
  const baseline = median(scanRates(index));
  const tableRate = median(scanRates(table));
  return {
    name: 'churn-scoring',
    value: round(value, 1),
    unit: 'customers scored/s (parallel scan, score, conditional write)',
    baseline: round(baseline, 1),
    ratio: ratioOf(value, baseline),
    notes: {
      target: 'ratio >= 0.5',
      customers: options.customers,
      measuredNights: MEASURED_NIGHTS,
      scoredByNight: byNight('scored'),
      rewritten: sumOf('written'),
      atRisk: sumOf('atRisk'),
      segments: options.segments,
      measuredNight:
        'the nights after the first, one day apart: scores exist, most stand as stored; those that moved get one conditional UpdateItem each',
      firstNightCustomersPerSecond: round(perSecond(countOf(firstNight, 'scored'), firstNight.ms), 1),
      model: 'BG/NBD with CDNOW parameters (the weekly fit is not part of the nightly run)',
      itemsPerCustomer:
        'a profile item and a stats item; scoring adds the score to the stats item, which alone is in the index it scans',
      baselineOperation:
        "raw parallel Scan of the statsByCustomer index with the worker's own request (statsScanInput: same projection and segments), items counted and nothing else, before and after each measured night",
      baselineItemsScanned: total(index),
      statistic: 'value and baseline are medians over the rounds; every round is listed',
      baselineItemsPerSecondByScan: scanRates(index).map((rate) => round(rate, 1)),
      customersScoredPerSecondByNight: nightRates.map((rate) => round(rate, 1)),
      rewrittenByNight: byNight('written'),
      segmentChangedByNight: byNight('segmentChanged'),
      wholeTableScan: {
        meaning:
          'raw parallel Scan of the whole customers table (profile and stats items, no projection), before and after the rounds: the baseline until 2026-12-06',
        itemsPerSecond: round(tableRate, 1),
        itemsPerSecondByScan: scanRates(table).map((rate) => round(rate, 1)),
        itemsScanned: total(table),
        ratio: ratioOf(value, tableRate),
      },
      inProcessPAlivePerSecond: round(perSecond(options.inProcessScores, inProcess.ms), 0),
      inProcessNote: 'pAlive() from functions/churn/bgnbd.ts with CDNOW parameters, no I/O',
      scoringPath:
        'createChurnWorkerHandler(deps, []) per segment: Scan pages of the statsByCustomer index (stats and stored score), scoreCustomer, one conditional UpdateItem per score that moved',
    },
  };
};
