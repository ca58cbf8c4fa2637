import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoOfDay, parseIsoDay } from '../../../functions/churn/calendar-day.js';
import { parseCdnow } from '../../../functions/churn/cdnow.js';
import {
  applyOrderToStats,
  type CustomerStats,
  rfmOfStats,
} from '../../../functions/churn/customer-stats.js';
import { cutoffsOf, prepareScoringModel } from '../../../functions/churn/prepare-scoring-model.js';
import { summariseRfm } from '../../../functions/churn/rfm.js';
import { riskBandOf, scoreCustomer, valueTierOf } from '../../../functions/churn/score.js';
import { type ScoringModel, scoringModelSchema } from '../../../functions/churn/scoring-model.js';
import { CDNOW_SAMPLE } from '../../support/cdnow.js';

const now = '2024-06-30T03:00:00Z';
const cutoffs = { mid: 2000, high: 8000 };
const stats = (overrides: Partial<CustomerStats>): CustomerStats => ({
  firstOrderAt: '2024-01-01T10:00:00Z',
  lastOrderAt: '2024-06-01T10:00:00Z',
  orders: 6,
  purchaseDays: 6,
  totalSpent: 30_000,
  meanGapDays: 30,
  ...overrides,
});

const heuristicModel: ScoringModel = {
  method: 'heuristic',
  reason: 'fewer than 500 customers (120)',
  fittedAt: now,
  customers: 120,
  valueCutoffs: cutoffs,
};
const bgNbdModel: ScoringModel = {
  method: 'bgnbd',
  timeUnit: 'week',
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  logLikelihood: -9582.4,
  spend: { p: 6.25, q: 3.74, v: 1544 },
  fittedAt: now,
  customers: 2357,
  valueCutoffs: cutoffs,
};

describe('scoreCustomer with the heuristic', () => {
  it('flags a customer silent for longer than twice their own gap and says the heuristic decided', () => {
    const score = scoreCustomer(
      heuristicModel,
      stats({ lastOrderAt: '2024-03-22T10:00:00Z', meanGapDays: 20 }),
      now,
    );
    expect(score).toMatchObject({ method: 'heuristic', atRisk: true, riskBand: 'medium' });
    expect(score.pAlive).toBeCloseTo(2 ** (-100 / 60), 12);
  });

  it('keeps a customer within their usual rhythm out of risk', () => {
    const score = scoreCustomer(heuristicModel, stats({}), now);
    expect(score).toMatchObject({ method: 'heuristic', atRisk: false, riskBand: 'low' });
    expect(score.expectedPurchases90d).toBeCloseTo(score.pAlive * 3, 12);
    expect(score.expectedValue).toBe(Math.round(score.pAlive * 3 * 5000));
  });
});

describe('scoreCustomer with BG/NBD', () => {
  it('puts a frequent buyer who went silent at high risk', () => {
    const score = scoreCustomer(
      bgNbdModel,
      stats({ lastOrderAt: '2024-02-01T10:00:00Z', meanGapDays: 6 }),
      now,
    );
    expect(score.method).toBe('bgnbd');
    expect(score.pAlive).toBeLessThan(0.25);
    expect(score).toMatchObject({ atRisk: true, riskBand: 'high' });
  });

  const oneTimeBuyer = (lastOrderAt: string) =>
    stats({
      firstOrderAt: lastOrderAt,
      lastOrderAt,
      orders: 1,
      purchaseDays: 1,
      totalSpent: 5000,
      meanGapDays: null,
    });

  it('keeps a recent one-time buyer, whom BG/NBD holds certainly alive, out of risk', () => {
    const score = scoreCustomer(bgNbdModel, oneTimeBuyer('2024-05-15T12:00:00Z'), now);
    expect(score).toMatchObject({ pAlive: 1, atRisk: false, riskBand: 'low' });
    expect(score.reason).toMatch(/^one-time buyer/);
  });

  it('flags a one-time buyer silent for more than 60 days although BG/NBD holds them alive', () => {
    const medium = scoreCustomer(bgNbdModel, oneTimeBuyer('2024-04-01T12:00:00Z'), now);
    const high = scoreCustomer(bgNbdModel, oneTimeBuyer('2024-01-01T12:00:00Z'), now);

    expect(medium).toMatchObject({ method: 'bgnbd', pAlive: 1, atRisk: true, riskBand: 'medium' });
    expect(medium.reason).toBe(
      'one-time buyer: BG/NBD holds P(alive) at 1, so the heuristic decides: 90 days since the only purchase day, at risk after 60',
    );
    expect(high).toMatchObject({ pAlive: 1, atRisk: true, riskBand: 'high' });
  });

  it('says which P(alive) decided for a repeat buyer', () => {
    const score = scoreCustomer(
      bgNbdModel,
      stats({ lastOrderAt: '2024-02-01T10:00:00Z', meanGapDays: 6 }),
      now,
    );
    expect(score.reason).toMatch(/^BG\/NBD P\(alive\) 0\.\d{3} is below 0\.5$/);
  });

  it('returns money as whole minor units that split value if retained into expected and at risk', () => {
    const score = scoreCustomer(bgNbdModel, stats({ lastOrderAt: '2024-04-10T10:00:00Z' }), now);
    expect(Number.isInteger(score.expectedValue)).toBe(true);
    expect(Number.isInteger(score.valueAtRisk)).toBe(true);
    expect(score.expectedValue).toBeGreaterThan(0);
    expect(score.valueAtRisk).toBeGreaterThan(0);
    const spendPerPurchase = (6.25 * (1544 + 5 * 5000)) / (6.25 * 5 + 3.74 - 1);
    const retained = (score.expectedPurchases90d / score.pAlive) * spendPerPurchase;
    expect(score.expectedValue + score.valueAtRisk).toBeCloseTo(retained, -1);
  });
});

describe('bands and tiers', () => {
  it('cuts risk at P(alive) 0.5 and 0.25', () => {
    expect([0.9, 0.5, 0.49, 0.25, 0.2].map(riskBandOf)).toEqual(['low', 'low', 'medium', 'medium', 'high']);
  });

  it('cuts value strictly above the cutoffs', () => {
    expect([2000, 2001, 8000, 8001].map((v) => valueTierOf(v, cutoffs))).toEqual([
      'low',
      'mid',
      'mid',
      'high',
    ]);
  });

  it('places the cutoffs at the 50th and 80th percentiles', () => {
    expect(cutoffsOf(Array.from({ length: 11 }, (_, i) => i * 100))).toEqual({ mid: 500, high: 800 });
  });
});

describe('prepareScoringModel', () => {
  it('chooses the heuristic for a small shop and says why', () => {
    const model = prepareScoringModel([stats({}), stats({ totalSpent: 100 })], now);
    expect(model).toMatchObject({
      method: 'heuristic',
      reason: 'fewer than 500 customers (2)',
      customers: 2,
    });
  });

  it('fits BG/NBD to a customer table built order by order from CDNOW and cuts tiers 50/30/20', () => {
    const transactions = parseCdnow(readFileSync(CDNOW_SAMPLE, 'utf8'));
    const calibrationEnd = parseIsoDay('1997-09-30')!;
    const table = new Map<string, CustomerStats>();
    for (const { customerId, day, amount } of transactions) {
      if (day > calibrationEnd) continue;
      table.set(
        customerId,
        applyOrderToStats(table.get(customerId), { placedAt: `${isoOfDay(day)}T12:00:00Z`, total: amount }),
      );
    }
    const asOf = '1997-09-30T23:00:00Z';
    const model = scoringModelSchema.parse(
      JSON.parse(JSON.stringify(prepareScoringModel([...table.values()], asOf))),
    );

    const direct = summariseRfm(transactions, { calibrationEnd, timeUnit: 'week' });
    const fromStats = rfmOfStats(table.get('00004')!, asOf, 'week');
    const fromTransactions = direct.find((c) => c.customerId === '00004')!;
    expect([fromStats.x, fromStats.tx, fromStats.T]).toEqual([
      fromTransactions.x,
      fromTransactions.tx,
      fromTransactions.T,
    ]);

    if (model.method !== 'bgnbd') throw new Error(`expected bgnbd, got ${model.method}`);
    expect(model.params.r).toBeCloseTo(0.243, 2);
    expect(model.spend).not.toBeNull();
    const tiers = [...table.values()].map((s) => scoreCustomer(model, s, asOf).valueTier);
    const share = (tier: string) => tiers.filter((t) => t === tier).length / tiers.length;
    expect(share('high')).toBeGreaterThan(0.15);
    expect(share('high')).toBeLessThan(0.21);
    expect(share('low')).toBeGreaterThan(0.45);
  });
});
