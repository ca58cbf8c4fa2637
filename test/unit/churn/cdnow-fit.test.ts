import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, fitBgNbd } from '../../../functions/churn/bgnbd.js';
import { parseIsoDay } from '../../../functions/churn/calendar-day.js';
import { parseCdnow } from '../../../functions/churn/cdnow.js';
import { fitGammaGamma } from '../../../functions/churn/gamma-gamma.js';
import { buildHoldoutReport } from '../../../functions/churn/holdout-report.js';
import { summariseRfm } from '../../../functions/churn/rfm.js';
import { CDNOW_SAMPLE } from '../../support/cdnow.js';

const transactions = parseCdnow(readFileSync(CDNOW_SAMPLE, 'utf8'));
const calibrationEnd = parseIsoDay('1997-09-30')!;
const holdoutEnd = parseIsoDay('1998-06-30')!;
const customers = summariseRfm(transactions, { calibrationEnd, timeUnit: 'week' });

describe('BG/NBD on the CDNOW 1/10 sample (weekly, calibration to 1997-09-30)', () => {
  const fit = fitBgNbd(customers);

  it('sees the 2,357 customers of the literature', () => {
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.x > 0)).toHaveLength(946);
  });

  it('converges to the parameters Fader, Hardie & Lee (2005) publish', () => {
    expect(fit.converged).toBe(true);
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const [name, value] of Object.entries(published)) {
      expect(fit.params[name as keyof typeof published] / value).toBeCloseTo(1, 2);
    }
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
  });

  it('is a maximum: nudging any parameter lowers the likelihood', () => {
    const total = (params: typeof fit.params) =>
      customers.reduce((s, c) => s + bgNbdLogLikelihood(params, c), 0);
    expect(total(fit.params)).toBeCloseTo(fit.logLikelihood, 6);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        expect(total({ ...fit.params, [name]: fit.params[name] * factor })).toBeLessThan(fit.logLikelihood);
      }
    }
  });
});

describe('Gamma-Gamma on the CDNOW sample', () => {
  it('recovers the published spend parameters p = 6.25, q = 3.74, v = 15.44 dollars', () => {
    const fit = fitGammaGamma(customers);
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.v / 100).toBeCloseTo(15.44, 1);
  });
});

describe('holdout report on the CDNOW sample (holdout to 1998-06-30)', () => {
  const report = buildHoldoutReport(transactions, { calibrationEnd, holdoutEnd, timeUnit: 'week' });

  it('predicts the holdout repeat purchases to within 15% in total', () => {
    expect(report.holdoutLength).toBe(39);
    expect(report.total.actual).toBe(1882);
    expect(Math.abs(report.total.predicted / report.total.actual - 1)).toBeLessThan(0.15);
    expect(report.byFrequency.map((row) => row.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(report.byFrequency.reduce((sum, row) => sum + row.customers, 0)).toBe(2357);
  });

  it('ranks who buys again better with the model than with recency alone', () => {
    expect(report.auc.all.expectedPurchases).toBeGreaterThan(report.auc.all.recency);
    expect(report.auc.repeatCustomers.expectedPurchases).toBeGreaterThan(report.auc.repeatCustomers.recency);
  });

  it('shows P(alive) losing to recency, since it calls every one-time buyer certainly alive', () => {
    expect(report.auc.all.pAlive).toBeLessThan(0.5);
    expect(report.winner).toBe('recency');
  });
});
