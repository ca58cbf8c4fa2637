import type { SeenScore } from './score-store.js';

/**
 * Whether the score stored earlier still stands for tonight's, so the write can be skipped: the same
 * segment, and not newer than the run. The segment is all that win-back audiences, `Customer Scored`
 * and the at-risk counts follow, so they stay exactly tonight's; P(alive) and the other figures are
 * not stored (score-store.ts), so neither their nightly drift nor a weekly refit that leaves the
 * segment where it was costs a write. The stored `modelVersion` is that of the run that last wrote.
 */
export const storedScoreStands = (
  seen: SeenScore,
  fresh: { segment: string },
  run: { scoredAt: string },
): boolean => seen.segment === fresh.segment && seen.scoredAt <= run.scoredAt;
