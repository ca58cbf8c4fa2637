import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

export const NUDGE_SOURCE = 'nudge';

/** Events nudge publishes about itself, on the same bus, for the shop's own analytics. */
export const nudgeDetailTypes = [
  'Message Sent',
  'Message Skipped',
  'Coupon Issued',
  'Coupon Redeemed',
  'Campaign Paused',
  'Campaign Resumed',
  'Budget Threshold Reached',
  'Customer Scored',
] as const;
export type NudgeDetailType = (typeof nudgeDetailTypes)[number];

export const nudgeEventSchema = lazy(() =>
  z.object({
    detailType: z.enum(nudgeDetailTypes),
    detail: z.record(z.string(), z.unknown()),
  }),
);
export type NudgeEvent = z.infer<ReturnType<typeof nudgeEventSchema>>;
