import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../../functions/churn/scoring-pool.js';
import { readChurnSegments, segmentsForCustomers } from '../../../functions/churn/scoring-segments.js';

describe('how many scan segments a nightly run uses', () => {
  it('uses 4 for a small shop, one per 40,000 customers for a large one, and at most 500', () => {
    expect([0, 160_000, 160_001, 10_000_000, 50_000_000].map(segmentsForCustomers)).toEqual([
      4, 4, 5, 250, 500,
    ]);
  });

  it('takes a fixed count from CHURN_SEGMENTS, and none when it is not set', () => {
    expect(readChurnSegments({ CHURN_SEGMENTS: '64' })).toBe(64);
    expect(readChurnSegments({})).toBeUndefined();
  });

  it('refuses a CHURN_SEGMENTS that is not a positive whole number, naming it', () => {
    expect(() => readChurnSegments({ CHURN_SEGMENTS: '0' })).toThrow('CHURN_SEGMENTS');
    expect(() => readChurnSegments({ CHURN_SEGMENTS: 'many' })).toThrow('CHURN_SEGMENTS');
  });
});

describe('bounded concurrency for score writes', () => {
  it('runs every item with no more than the limit in flight', async () => {
    let inFlight = 0;
    let busiest = 0;
    const done: number[] = [];

    await forEachBounded(
      Array.from({ length: 50 }, (_, index) => index),
      8,
      async (item) => {
        inFlight += 1;
        busiest = Math.max(busiest, inFlight);
        await new Promise((resolve) => setTimeout(resolve, item % 3));
        done.push(item);
        inFlight -= 1;
      },
    );

    expect(busiest).toBe(8);
    expect([...done].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });
});
