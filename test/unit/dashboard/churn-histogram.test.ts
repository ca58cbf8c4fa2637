import { describe, expect, it } from 'vitest';
import { churnHistogram } from '../../../functions/admin/churn-histogram.js';

describe('churn histogram', () => {
  it('counts customers per P(alive) bin and the value tier their segment begins with, with 1.0 in the top bin', () => {
    const items = [
      { pk: 'customer#a', sk: 'score', pAlive: 0.05, segment: 'high/high' },
      { pk: 'customer#b', sk: 'score', pAlive: 0.55, segment: 'high/low' },
      { pk: 'customer#c', sk: 'score', pAlive: 1, segment: 'low/low' },
      { pk: 'customer#d', sk: 'score', score: { pAlive: 0.45, segment: 'mid/medium' } },
    ];

    const histogram = churnHistogram(items);

    expect(histogram.customers).toBe(4);
    expect(histogram.atRisk).toBe(2);
    expect(histogram.tiers.high).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(histogram.tiers.mid[4]).toBe(1);
    expect(histogram.tiers.low[9]).toBe(1);
    expect(histogram.bins[3]).toBeCloseTo(0.3, 12);
  });

  it('skips items without a readable score and says how many', () => {
    const histogram = churnHistogram([
      { pk: 'customer#x', sk: 'score', pAlive: 'high' },
      { pk: 'customer#y', sk: 'score', pAlive: 0.5, segment: 'premium/low' },
      null,
    ]);

    expect(histogram.customers).toBe(0);
    expect(histogram.unreadable).toBe(3);
  });
});
