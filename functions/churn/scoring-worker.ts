import type { Deps } from '../shared/deps.js';
import { InvalidEventError } from '../shared/errors.js';
import { winBackEntryHook } from '../winback/winback-hook.js';
import { createModelStore } from './model-store.js';
import { createRunPictureStore } from './run-picture.js';
import { type ScoredHook, type SegmentSummary, scoreSegment } from './score-segment.js';
import { createScoreStore } from './score-store.js';
import { scoringJobSchema } from './scoring-run.js';
import { createStatsSource } from './stats-scan.js';

/** churn-worker: scores one parallel-scan segment (`{ segment, totalSegments, modelVersion, runId }`). */
export const createChurnWorkerHandler = (
  deps: Deps,
  afterScored: ScoredHook[] = [winBackEntryHook(deps)],
) => {
  const coreDeps = {
    stats: createStatsSource(deps),
    models: createModelStore(deps),
    scores: createScoreStore(deps),
    pictures: createRunPictureStore(deps),
    bus: deps.bus,
    afterScored,
    log: deps.log,
  };
  return async (event: unknown): Promise<SegmentSummary> => {
    const job = scoringJobSchema.safeParse(event);
    if (!job.success) {
      const issue = job.error.issues[0];
      throw new InvalidEventError(`churn-worker job: ${issue?.path.join('.') || 'event'}: ${issue?.message}`);
    }
    return scoreSegment(coreDeps, job.data);
  };
};
