import { describe, expect, it } from 'vitest';
import { createBoundedPool } from '../../../functions/churn/scoring-pool.js';
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
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('runs every task of every batch with no more than the limit in flight, and waits for all on drain', async () => {
    const pool = createBoundedPool(8);
    let inFlight = 0;
    let busiest = 0;
    const done: number[] = [];
    const task = (item: number) => async () => {
      inFlight += 1;
      busiest = Math.max(busiest, inFlight);
      await pause(item % 3);
      done.push(item);
      inFlight -= 1;
    };

    for (const batch of [0, 1, 2, 3, 4]) {
      for (let item = batch * 10; item < batch * 10 + 10; item += 1) await pool.run(task(item));
    }
    await pool.drain();

    expect(busiest).toBe(8);
    expect(inFlight).toBe(0);
    expect([...done].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });

  it('starts nothing after a task failed, and reports that failure', async () => {
    const pool = createBoundedPool(2);
    const started: number[] = [];
    const failure = new Error('write refused');

    const running = (async () => {
      for (let item = 0; item < 10; item += 1) {
        await pool.run(async () => {
          started.push(item);
          await pause(1);
          if (item === 1) throw failure;
        });
      }
    })();

    await expect(running).rejects.toBe(failure);
    await expect(pool.drain()).rejects.toBe(failure);
    expect(started.length).toBeLessThan(10);
  });
});
