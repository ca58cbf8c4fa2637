import { describe, expect, it } from 'vitest';
import type { SeenScore } from '../../../functions/churn/score-store.js';
import { storedScoreStands } from '../../../functions/churn/scoring-rewrite.js';

const stored: SeenScore = {
  segment: 'high/low',
  modelVersion: 3,
  scoredAt: '2025-03-05T03:00:00.000Z',
  changedInRun: '2025-03-01T03:00:00.000Z',
};
const tonight = { scoredAt: '2025-03-06T03:00:00.000Z' };

describe('whether a stored score still stands for tonight', () => {
  it('stands when the segment is the same', () => {
    expect(storedScoreStands(stored, { segment: 'high/low' }, tonight)).toBe(true);
  });

  it('falls when the segment moved', () => {
    expect(storedScoreStands(stored, { segment: 'high/medium' }, tonight)).toBe(false);
  });

  it('stands after a refit that left the segment where it was', () => {
    const refitted = { modelVersion: 4, runId: tonight.scoredAt, ...tonight };

    expect(storedScoreStands(stored, { segment: 'high/low' }, refitted)).toBe(true);
  });

  it('still stands weeks later while nothing it holds has changed', () => {
    expect(
      storedScoreStands(
        stored,
        { segment: 'high/low' },
        { ...tonight, scoredAt: '2025-04-20T03:00:00.000Z' },
      ),
    ).toBe(true);
  });

  it('falls when the stored score is newer than the run', () => {
    expect(
      storedScoreStands(
        stored,
        { segment: 'high/low' },
        { ...tonight, scoredAt: '2025-03-04T03:00:00.000Z' },
      ),
    ).toBe(false);
  });
});
