import type { Deps } from '../shared/deps.js';
import { InvalidEventError } from '../shared/errors.js';
import { createModelStore } from './model-store.js';
import { type InvokeWorker, runNightlyScoring } from './nightly-scoring.js';
import { scheduledRunSchema } from './scoring-run.js';
import { readChurnSegments } from './scoring-segments.js';
import { createStatsSource } from './stats-scan.js';

export interface CoordinatorOptions {
  /**
   * Lambda passes an async invoke; the local runtime runs the worker in process (handlers/factories.ts).
   * Required, so the coordinator's bundle does not carry the worker, win-back and the rules.
   */
  invokeWorker: InvokeWorker;
  /** Default: `CHURN_SEGMENTS`, else sized by the model's customer count (`segmentsForCustomers`). */
  totalSegments?: number;
}

/** churn-coordinator: woken by the nightly scheduled rule; the run is named by the schedule's `time`. */
export const createChurnCoordinatorHandler = (deps: Deps, options: CoordinatorOptions) => {
  const coreDeps = {
    models: createModelStore(deps),
    stats: createStatsSource(deps),
    invokeWorker: options.invokeWorker,
    log: deps.log,
  };
  const totalSegments = options.totalSegments ?? readChurnSegments();
  return async (event: unknown) => {
    const run = scheduledRunSchema.safeParse(event);
    if (!run.success)
      throw new InvalidEventError('churn-coordinator: time: must be the ISO instant of the scheduled run');
    return runNightlyScoring(coreDeps, { runId: run.data.time, totalSegments });
  };
};
