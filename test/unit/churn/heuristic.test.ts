import { describe, expect, it } from 'vitest';
import {
  heuristicPurchasesIfAlive,
  heuristicReason,
  heuristicRisk,
} from '../../../functions/churn/heuristic.js';

describe('heuristicReason', () => {
  it('applies below 500 customers or below 180 days of history', () => {
    expect(heuristicReason({ customers: 499, historyDays: 400 })).toBe('fewer than 500 customers (499)');
    expect(heuristicReason({ customers: 5000, historyDays: 179 })).toBe(
      'fewer than 180 days of history (179)',
    );
    expect(heuristicReason({ customers: 500, historyDays: 180 })).toBeUndefined();
  });
});

describe('heuristicRisk', () => {
  it('uses a 60-day floor for customers who buy often or only once', () => {
    expect(heuristicRisk(60, 10)).toMatchObject({ thresholdDays: 60, atRisk: false });
    expect(heuristicRisk(61, 10)).toMatchObject({ thresholdDays: 60, atRisk: true });
    expect(heuristicRisk(61, null)).toMatchObject({ thresholdDays: 60, atRisk: true });
  });

  it('waits twice the customer own mean gap when that is longer', () => {
    expect(heuristicRisk(150, 80)).toMatchObject({ thresholdDays: 160, atRisk: false });
    expect(heuristicRisk(161, 80)).toMatchObject({ thresholdDays: 160, atRisk: true });
  });

  it('gives a score that crosses 0.5 exactly at the threshold', () => {
    expect(heuristicRisk(0, 40).pAlive).toBe(1);
    expect(heuristicRisk(80, 40).pAlive).toBe(0.5);
    expect(heuristicRisk(160, 40).pAlive).toBe(0.25);
  });

  it('expects purchases at the customer own pace, or every 30 days without a gap yet', () => {
    expect(heuristicPurchasesIfAlive(45, 90)).toBe(2);
    expect(heuristicPurchasesIfAlive(null, 90)).toBe(3);
  });
});
