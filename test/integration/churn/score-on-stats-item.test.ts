import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ChurnScore } from '../../../functions/churn/score.js';
import { createScoreStore } from '../../../functions/churn/score-store.js';
import { type CustomerStatsRow, createStatsSource } from '../../../functions/churn/stats-scan.js';
import { createOrderStore } from '../../../functions/ingest/order-store.js';
import { churnDeps, statsFor } from './churn-deps.js';

const night = (date: string) => `${date}T03:00:00.000Z`;
const runOf = (runId: string) => ({ modelVersion: 1, runId, scoredAt: runId });
const score: ChurnScore = {
  method: 'heuristic',
  pAlive: 0.3,
  atRisk: true,
  expectedPurchases90d: 0.4,
  expectedValue: 1_200,
  valueAtRisk: 2_800,
  riskBand: 'medium',
  valueTier: 'high',
  reason: 'heuristic: 75 days since the last order, threshold 60',
};
const asOf = night('2025-03-05');
const steadyStats = statsFor(asOf, {
  firstDaysAgo: 200,
  lastDaysAgo: 75,
  purchaseDays: 2,
  totalSpent: 9_000,
});

const scannedRows = async (context: Awaited<ReturnType<typeof churnDeps>>) => {
  const rows: CustomerStatsRow[] = [];
  for await (const page of createStatsSource(context.deps).segment({ segment: 0, totalSegments: 1 })) {
    rows.push(...page);
  }
  return rows.sort((a, b) => a.customerId.localeCompare(b.customerId));
};

describe('the churn score on the customer stats item', () => {
  it('keeps the stored score when an order updates the stats, and the stats when a score is written', async () => {
    const context = await churnDeps();
    const orders = createOrderStore(context.deps);
    const scores = createScoreStore(context.deps);
    const order = (orderId: string, placedAt: string) => ({
      orderId,
      customerId: 'cus_1',
      currency: 'EUR',
      total: 4_500,
      placedAt,
      items: [{ sku: 'TEA', name: 'Tea', unitPrice: 4_500, quantity: 1 }],
      couponCodes: [],
      recordedAt: placedAt,
    });
    await orders.recordWithStats(order('ord_1', '2025-01-10T10:00:00.000Z'));

    await scores.store('cus_1', score, runOf(asOf), null);
    await orders.recordWithStats(order('ord_2', '2025-03-06T10:00:00.000Z'));
    const stored = await context.deps.db.send(
      new GetCommand({ TableName: context.deps.tables.customers, Key: { pk: 'cus_1', sk: 'stats' } }),
    );

    expect(stored.Item).toMatchObject({
      customerId: 'cus_1',
      orders: 2,
      totalSpent: 9_000,
      version: 2,
      score: {
        segment: 'high/medium',
        modelVersion: 1,
        scoredAt: asOf,
        changedInRun: asOf,
      },
    });
  });

  it('keeps on the stats item only the score fields the nightly scan compares, not P(alive) or the other figures', async () => {
    const context = await churnDeps();
    await context.putStats('cus_1', steadyStats);

    await createScoreStore(context.deps).store('cus_1', score, runOf(asOf), null);
    const stored = await context.deps.db.send(
      new GetCommand({ TableName: context.deps.tables.customers, Key: { pk: 'cus_1', sk: 'stats' } }),
    );

    expect(Object.keys(stored.Item?.score ?? {}).sort()).toEqual([
      'changedInRun',
      'modelVersion',
      'scoredAt',
      'segment',
    ]);
  });

  it('scans one row per customer with stats, its stored score beside them, and nothing else the customer has', async () => {
    const context = await churnDeps();
    await context.putStats('cus_scored', steadyStats);
    await context.putStats('cus_new', steadyStats);
    await createScoreStore(context.deps).store('cus_scored', score, runOf(asOf), null);
    await context.putItem('customers', {
      pk: 'cus_scored',
      sk: 'profile',
      customerId: 'cus_scored',
      updatedAt: asOf,
    });
    await context.putItem('customers', {
      pk: 'cus_browser',
      sk: 'profile',
      customerId: 'cus_browser',
      updatedAt: asOf,
    });
    await context.putItem('customers', { pk: 'cus_new', sk: 'suppression', reason: 'complaint', at: asOf });
    // A score item of the earlier layout: no longer read.
    await context.putItem('customers', {
      pk: 'cus_new',
      sk: 'score',
      customerId: 'cus_new',
      segment: 'low/low',
    });

    const rows = await scannedRows(context);

    expect(rows.map((row) => row.customerId)).toEqual(['cus_new', 'cus_scored']);
    expect(rows[0]).toEqual({ customerId: 'cus_new', stats: steadyStats, seen: null });
    expect(rows[1]?.seen).toEqual({
      segment: 'high/medium',
      modelVersion: 1,
      scoredAt: asOf,
      changedInRun: asOf,
    });
  });

  it('stores no score for a customer without a stats item', async () => {
    const context = await churnDeps();

    const outcome = await createScoreStore(context.deps).store('cus_gone', score, runOf(asOf), null);

    expect(outcome).toEqual({ stored: false });
    expect(await context.scores()).toEqual([]);
  });

  it('updates the stored score in place, keeping when it last moved, when no scan result is given and the segment holds', async () => {
    const context = await churnDeps();
    await context.putStats('cus_1', steadyStats);
    const store = createScoreStore(context.deps);
    await store.store('cus_1', score, runOf(asOf), null);

    const outcome = await store.store('cus_1', { ...score, pAlive: 0.28 }, runOf(night('2025-03-06')));

    expect(outcome).toMatchObject({
      stored: true,
      written: true,
      segmentChanged: false,
      score: { customerId: 'cus_1', pAlive: 0.28, changedInRun: asOf },
    });
    expect(await context.scores()).toMatchObject([
      { customerId: 'cus_1', scoredAt: night('2025-03-06'), changedInRun: asOf },
    ]);
  });

  it('stores a first score when no scan result is given, and reports the customer as moved', async () => {
    const context = await churnDeps();
    await context.putStats('cus_1', steadyStats);

    const outcome = await createScoreStore(context.deps).store('cus_1', score, runOf(asOf));

    expect(outcome).toMatchObject({ stored: true, written: true, segmentChanged: true });
    expect(await context.scores()).toMatchObject([
      { customerId: 'cus_1', segment: 'high/medium', changedInRun: asOf },
    ]);
  });

  it('replaces a stored score that no longer reads, and reports the customer as moved', async () => {
    const context = await churnDeps();
    await context.putItem('customers', {
      pk: 'cus_1',
      sk: 'stats',
      customerId: 'cus_1',
      ...steadyStats,
      version: 2,
      updatedAt: asOf,
      score: { segment: 7 },
    });
    const rows = await scannedRows(context);

    const outcome = await createScoreStore(context.deps).store('cus_1', score, runOf(asOf), rows[0]?.seen);

    expect(rows[0]?.seen).toBeUndefined();
    expect(outcome).toMatchObject({ stored: true, written: true, segmentChanged: true });
    expect(await context.scores()).toMatchObject([
      { customerId: 'cus_1', segment: 'high/medium', changedInRun: asOf },
    ]);
  });
});
