import * as z from '../shared/zod.js';

/** What a one-time schedule carries to the function it wakes. */
export const scheduledJobSchema = z.object({
  kind: z.enum(['campaign-step', 'coupon-expiry']),
  payload: z.record(z.string(), z.unknown()),
});
export type ScheduledJob = z.infer<typeof scheduledJobSchema>;

export interface Scheduler {
  /** Idempotent on `name`: scheduling the same name twice keeps one schedule. */
  scheduleAt(name: string, at: Date, job: ScheduledJob): Promise<void>;
  /** Best effort; a missing schedule is not an error. */
  cancel(name: string): Promise<void>;
}
