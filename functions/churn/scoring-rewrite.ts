import type { SeenScore } from './score-store.js';

/**
 * Whether the score stored earlier still stands for tonight's, so the write can be skipped: same model
 * version and segment, and not newer than the run. The segment is all that win-back audiences,
 * `Customer Scored` and the at-risk counts follow, so they stay exactly tonight's; P(alive) and the
 * other figures are not stored (score-store.ts), so their nightly drift costs no write.
 */
export const storedScoreStands = (
  seen: SeenScore,
  fresh: { segment: string },
  run: { modelVersion: number; scoredAt: string },
): boolean =>
  seen.modelVersion === run.modelVersion && seen.segment === fresh.segment && seen.scoredAt <= run.scoredAt;
