import { instant } from '../events/primitives.js';
import * as z from '../shared/zod.js';

/** What the coordinator hands each worker: one parallel-scan segment of one nightly run. */
export const scoringJobSchema = z.lazy(() =>
  z
    .object({
      segment: z.int().check(z.nonnegative()),
      totalSegments: z.int().check(z.positive(), z.lte(1_000_000)),
      modelVersion: z.int().check(z.positive()),
      /** The scheduled instant of the run (the schedule's `time`): retries of one run share it. */
      runId: instant,
    })
    .check(
      z.refine((job) => job.segment < job.totalSegments, {
        message: 'segment must be below totalSegments',
        path: ['segment'],
      }),
    ),
);
export type ScoringJob = z.infer<typeof scoringJobSchema>;

/** The EventBridge scheduled event that starts a run; only its `time` matters. */
export const scheduledRunSchema = z.lazy(() => z.object({ time: instant }));

/** Parallel-scan segments per run; each is one worker invocation. */
export const DEFAULT_TOTAL_SEGMENTS = 4;

/** A fitted model older than this is refitted before the run scores anyone. */
export const REFIT_AFTER_MS = 7 * 86_400_000;
