import { readEnv } from '../shared/env.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { DEFAULT_TOTAL_SEGMENTS } from './scoring-run.js';

/**
 * One segment per this many customers, so a segment is scored within the worker's timeout even on a
 * night that rewrites every score (a refit): about 250 segments for 10 million (docs/capacity.md).
 */
export const CUSTOMERS_PER_SEGMENT = 40_000;
/** Half of an account's default Lambda concurrency (1,000), so the run never starves the other functions. */
export const MAX_DEFAULT_SEGMENTS = 500;

/** Segments for a shop of this many customers: at least 4, one more per 40,000, at most 500. */
export const segmentsForCustomers = (customers: number): number =>
  Math.min(
    MAX_DEFAULT_SEGMENTS,
    Math.max(DEFAULT_TOTAL_SEGMENTS, Math.ceil(customers / CUSTOMERS_PER_SEGMENT)),
  );

const churnSegmentsEnvSchema = lazy(() =>
  z.object({
    CHURN_SEGMENTS: z.optional(z.coerce.number().check(z.int(), z.positive(), z.lte(1_000_000))),
  }),
);

/** `CHURN_SEGMENTS`, a fixed number of segments per run; undefined (the default) sizes each run by its model. */
export const readChurnSegments = (env: NodeJS.ProcessEnv = process.env): number | undefined =>
  readEnv(churnSegmentsEnvSchema(), env).CHURN_SEGMENTS;
