import type { SeenScore } from './score-store.js';

/** Below this move of P(alive) a stored score still stands (with the rest of the rule below). */
export const PALIVE_TOLERANCE = 0.02;
/** A stored score is rewritten at least this often, so its other figures are never older. */
export const MAX_STORED_SCORE_AGE_MS = 7 * 86_400_000;
/**
 * Whether the score stored earlier still stands for tonight's, so the write can be skipped: same model
 * version and segment, P(alive) within the tolerance, and not older than a week. An unchanged segment
 * keeps `Customer Scored`, the at-risk counts and win-back audiences exact. The dashboard's P(alive)
 * histogram reads stored scores, so a customer within the tolerance of a bin edge may show in the
 * neighbouring bin: this halves the writes of a typical night (measured, docs/benchmarks.md).
 */
export const storedScoreStands = (
  seen: SeenScore,
  fresh: { segment: string; pAlive: number },
  run: { modelVersion: number; scoredAt: string },
): boolean => {
  const ageMs = Date.parse(run.scoredAt) - Date.parse(seen.scoredAt);
  return (
    seen.modelVersion === run.modelVersion &&
    seen.segment === fresh.segment &&
    Math.abs(seen.pAlive - fresh.pAlive) < PALIVE_TOLERANCE &&
    ageMs >= 0 &&
    ageMs < MAX_STORED_SCORE_AGE_MS
  );
};
