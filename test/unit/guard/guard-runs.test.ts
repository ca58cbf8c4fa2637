import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { createGuardRuns, guardEvent } from '../../../local/guard-runs.js';

const start = new Date('2025-03-08T00:00:00Z');
const minutes = (count: number) => new Date(start.getTime() + count * 60_000);

describe('the local guard runs during virtual-clock advances', () => {
  it('runs at most once per 5 virtual minutes, and runs each time after that', async () => {
    const clock = new VirtualClock(start);
    const runs: string[] = [];
    const guard = createGuardRuns({ clock, run: async (at) => void runs.push(at.toISOString()) });

    for (const minute of [1, 2, 5, 6, 7, 11, 60, 61]) {
      clock.set(minutes(minute));
      await guard.afterAdvance();
    }

    expect(runs).toEqual([minutes(1), minutes(6), minutes(11), minutes(60)].map((at) => at.toISOString()));
  });

  it('sends the guard a scheduled event for the run instant', () => {
    expect(guardEvent(start)).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      time: start.toISOString(),
    });
  });
});
