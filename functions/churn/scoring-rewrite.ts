import type { SeenScore } from './score-store.js';

/** Below this move of P(alive) a stored score still stands (with the rest of the rule below). */
export const PALIVE_TOLERANCE = 0.02;
/** A stored score is rewritten at least this often, so its other figures are never older. */
export const MAX_STORED_SCORE_AGE_MS = 7 * 86_400_000;
/** The dashboard's P(alive) histogram has ten bins (`HISTOGRAM_BINS`); a stored score stays in its bin. */
export const PALIVE_BINS = 10;

const binOf = (pAlive: number) => Math.min(PALIVE_BINS - 1, Math.floor(pAlive * PALIVE_BINS));

/**
 * Whether the score stored earlier still stands for tonight's, so the write can be skipped: same model
 * version and segment, P(alive) within the tolerance and in the same histogram bin, and not older than
 * a week. Segment and bin unchanged keep `Customer Scored`, the dashboard and win-back audiences exact.
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
    binOf(seen.pAlive) === binOf(fresh.pAlive) &&
    ageMs >= 0 &&
    ageMs < MAX_STORED_SCORE_AGE_MS
  );
};
