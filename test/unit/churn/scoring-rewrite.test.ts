import { describe, expect, it } from 'vitest';
import type { SeenScore } from '../../../functions/churn/score-store.js';
import { storedScoreStands } from '../../../functions/churn/scoring-rewrite.js';

const stored: SeenScore = {
  segment: 'high/low',
  pAlive: 0.715,
  modelVersion: 3,
  scoredAt: '2025-03-05T03:00:00.000Z',
  changedInRun: '2025-03-01T03:00:00.000Z',
};
const tonight = { modelVersion: 3, scoredAt: '2025-03-06T03:00:00.000Z' };

describe('whether a stored score still stands for tonight', () => {
  it('stands when the segment is the same and P(alive) barely moved within its bin', () => {
    expect(storedScoreStands(stored, { segment: 'high/low', pAlive: 0.705 }, tonight)).toBe(true);
  });

  it('falls when the segment moved', () => {
    expect(storedScoreStands(stored, { segment: 'high/medium', pAlive: 0.715 }, tonight)).toBe(false);
  });

  it('falls when P(alive) moved by the tolerance or more', () => {
    expect(storedScoreStands(stored, { segment: 'high/low', pAlive: 0.735 }, tonight)).toBe(false);
  });

  it("stands when P(alive) moves across one of the dashboard's bin edges by less than the tolerance", () => {
    const nearEdge = { ...stored, pAlive: 0.701 };

    expect(storedScoreStands(nearEdge, { segment: 'high/low', pAlive: 0.699 }, tonight)).toBe(true);
  });

  it('falls when the score was computed by another model version', () => {
    expect(
      storedScoreStands(stored, { segment: 'high/low', pAlive: 0.715 }, { ...tonight, modelVersion: 4 }),
    ).toBe(false);
  });

  it('falls once the stored score is seven days old, and stands the day before', () => {
    const fresh = { segment: 'high/low', pAlive: 0.715 };

    expect(storedScoreStands(stored, fresh, { ...tonight, scoredAt: '2025-03-11T03:00:00.000Z' })).toBe(true);
    expect(storedScoreStands(stored, fresh, { ...tonight, scoredAt: '2025-03-12T03:00:00.000Z' })).toBe(
      false,
    );
  });

  it('falls when the stored score is newer than the run', () => {
    expect(
      storedScoreStands(
        stored,
        { segment: 'high/low', pAlive: 0.715 },
        { ...tonight, scoredAt: '2025-03-04T03:00:00.000Z' },
      ),
    ).toBe(false);
  });
});
