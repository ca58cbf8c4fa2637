import type { Log } from '../shared/logger.js';
import type { ModelStore, StoredModel } from './model-store.js';
import { prepareScoringModel } from './prepare-scoring-model.js';
import { REFIT_AFTER_MS, type ScoringJob } from './scoring-run.js';
import { segmentsForCustomers } from './scoring-segments.js';
import { allStats, type StatsSource } from './stats-scan.js';

/** Starts one worker on one segment; in AWS an async Lambda invoke, locally a direct call. */
export type InvokeWorker = (job: ScoringJob) => Promise<void>;

export interface NightlyScoringDeps {
  models: Pick<ModelStore, 'latest' | 'saveNext'>;
  stats: StatsSource;
  invokeWorker: InvokeWorker;
  log: Log;
}

export interface NightlyRun {
  runId: string;
  /** Fixed segments; undefined sizes the run by the model's customer count. */
  totalSegments?: number;
}

/** Why the stored model must be refitted before scoring, or undefined when it is fresh enough. */
export const refitReason = (latest: StoredModel | undefined, now: Date): string | undefined => {
  if (!latest) return 'no model stored yet';
  const ageMs = now.getTime() - Date.parse(latest.fittedAt);
  return ageMs > REFIT_AFTER_MS
    ? `version ${latest.version} was fitted ${latest.fittedAt}, more than 7 days ago`
    : undefined;
};

/** Refits the model when it is missing or a week old, then hands every scan segment to a worker. */
export const runNightlyScoring = async (
  deps: NightlyScoringDeps,
  run: NightlyRun,
): Promise<{ model: StoredModel; refitted: boolean; totalSegments: number }> => {
  const runAt = new Date(run.runId);
  const segmentsFor = (fitted: StoredModel | undefined) =>
    run.totalSegments ?? segmentsForCustomers(fitted?.model.customers ?? 0);
  let model = await deps.models.latest();
  const reason = refitReason(model, runAt);
  if (reason !== undefined) {
    const customers = await allStats(deps.stats, segmentsFor(model));
    model = await deps.models.saveNext(prepareScoringModel(customers, run.runId), reason);
    deps.log.info('churn model refitted', {
      version: model.version,
      method: model.method,
      reason,
      customers: customers.length,
    });
  }
  const stored = model as StoredModel;
  const totalSegments = segmentsFor(stored);
  await Promise.all(
    Array.from({ length: totalSegments }, (_, segment) =>
      deps.invokeWorker({
        segment,
        totalSegments,
        modelVersion: stored.version,
        runId: run.runId,
      }),
    ),
  );
  deps.log.info('churn scoring fanned out', {
    runId: run.runId,
    modelVersion: stored.version,
    segments: totalSegments,
  });
  return { model: stored, refitted: reason !== undefined, totalSegments };
};
