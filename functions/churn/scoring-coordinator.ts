import type { Deps } from '../shared/deps.js';
import { InvalidEventError } from '../shared/errors.js';
import { createModelStore } from './model-store.js';
import { type InvokeWorker, runNightlyScoring } from './nightly-scoring.js';
import { DEFAULT_TOTAL_SEGMENTS, scheduledRunSchema } from './scoring-run.js';
import { createChurnWorkerHandler } from './scoring-worker.js';
import { createStatsSource } from './stats-scan.js';

export interface CoordinatorOptions {
  /** Default: run the worker in this process (the local runtime). Lambda passes an async invoke. */
  invokeWorker?: InvokeWorker;
  totalSegments?: number;
}

/** In-process fan-out: the segments run side by side, each as the worker function would. */
const inProcessWorkers = (deps: Deps): InvokeWorker => {
  const worker = createChurnWorkerHandler(deps);
  return async (job) => {
    await worker(job);
  };
};

/** churn-coordinator: woken by the nightly scheduled rule; the run is named by the schedule's `time`. */
export const createChurnCoordinatorHandler = (deps: Deps, options: CoordinatorOptions = {}) => {
  const coreDeps = {
    models: createModelStore(deps),
    stats: createStatsSource(deps),
    invokeWorker: options.invokeWorker ?? inProcessWorkers(deps),
    log: deps.log,
  };
  const totalSegments = options.totalSegments ?? DEFAULT_TOTAL_SEGMENTS;
  return async (event: unknown) => {
    const run = scheduledRunSchema.safeParse(event);
    if (!run.success)
      throw new InvalidEventError('churn-coordinator: time: must be the ISO instant of the scheduled run');
    return runNightlyScoring(coreDeps, { runId: run.data.time, totalSegments });
  };
};
