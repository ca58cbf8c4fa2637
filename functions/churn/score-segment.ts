import type { Bus } from '../ports/bus.js';
import type { Log } from '../shared/logger.js';
import { customerScored } from './customer-scored.js';
import type { CustomerStats } from './customer-stats.js';
import type { ModelStore } from './model-store.js';
import { addToPicture, emptyPicture, type RunPictureStore } from './run-picture.js';
import { scoreCustomer } from './score.js';
import type { ScoreStore, StoredScore } from './score-store.js';
import { createBoundedPool } from './scoring-pool.js';
import type { ScoringJob } from './scoring-run.js';
import type { CustomerStatsRow, StatsSource } from './stats-scan.js';

/** Runs after a customer's score is stored (win-back entry); must be idempotent per run. */
export type ScoredHook = (score: StoredScore, stats: CustomerStats) => Promise<void>;

export interface ScoreSegmentDeps {
  stats: StatsSource;
  models: Pick<ModelStore, 'get'>;
  scores: ScoreStore;
  pictures: Pick<RunPictureStore, 'save'>;
  bus: Bus;
  afterScored: ScoredHook[];
  log: Log;
}

export interface SegmentSummary {
  scored: number;
  /** Scores written; the others still stood as stored (see scoring-rewrite.ts). */
  written: number;
  segmentChanged: number;
  atRisk: number;
}

/** Writes in flight per segment: enough to hide a write's round trip, few enough for one partition. */
export const CONCURRENT_WRITES = 32;

export class ModelVersionMissingError extends Error {
  override name = 'ModelVersionMissingError';
}

/**
 * Scores every customer of one parallel-scan segment against one stored model version, and stores
 * what the segment looked like tonight for the dashboard (run-picture.ts).
 */
export const scoreSegment = async (deps: ScoreSegmentDeps, job: ScoringJob): Promise<SegmentSummary> => {
  const stored = await deps.models.get(job.modelVersion);
  if (!stored) throw new ModelVersionMissingError(`churn model version ${job.modelVersion} is not stored`);
  const run = { modelVersion: job.modelVersion, runId: job.runId, scoredAt: job.runId };
  const summary: SegmentSummary = { scored: 0, written: 0, segmentChanged: 0, atRisk: 0 };
  const picture = emptyPicture();
  const changed: StoredScore[] = [];
  const scoreOne = async ({ customerId, stats, seen }: CustomerStatsRow) => {
    const score = scoreCustomer(stored.model, stats, job.runId);
    const outcome = await deps.scores.store(customerId, score, run, seen);
    if (!outcome.stored) return;
    summary.scored += 1;
    addToPicture(picture, score);
    if (outcome.written) summary.written += 1;
    if (outcome.score.atRisk) summary.atRisk += 1;
    if (outcome.segmentChanged) changed.push(outcome.score);
    for (const hook of deps.afterScored) await hook(outcome.score, stats);
  };
  const publishChanged = async () => {
    if (changed.length === 0) return;
    const events = changed.splice(0).map(customerScored);
    summary.segmentChanged += events.length;
    await deps.bus.publish(events);
  };
  // Customers are independent. Writes from one page may still run while the next page is scored: the
  // scan does not wait on them, it only stops while CONCURRENT_WRITES are in flight.
  const writes = createBoundedPool(CONCURRENT_WRITES);
  try {
    for await (const rows of deps.stats.segment(job)) {
      for (const row of rows) await writes.run(() => scoreOne(row));
      await publishChanged();
    }
  } finally {
    await writes.drain();
  }
  await publishChanged();
  // Last, so a picture is stored only for a segment scored to the end.
  await deps.pictures.save(job, picture);
  deps.log.info('churn segment scored', { ...summary, segment: job.segment, runId: job.runId });
  return summary;
};
