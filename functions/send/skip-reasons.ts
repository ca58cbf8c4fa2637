import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

/** Why a step did not send, in the order the gates are checked. */
export const skipReasons = [
  'cart_changed',
  'cart_empty',
  'ordered',
  'unknown_customer',
  'unsubscribed',
  'no_consent',
  'suppressed',
  'campaign_disabled',
  'global_switch_off',
  'channel_switch_off',
  'campaign_switch_off',
  'holdout',
  'stale',
  'cooldown',
  'budget_exhausted',
  'send_failed',
] as const;
export const skipReasonSchema = lazy(() => z.enum(skipReasons));
export type SkipReason = z.infer<ReturnType<typeof skipReasonSchema>>;

export const deferReasons = ['frequency_cap', 'quiet_hours'] as const;
export type DeferReason = (typeof deferReasons)[number];

/**
 * Reasons after which the customer's journey through this campaign is over: no later step is scheduled.
 * The others (a paused switch, an empty budget, a stale or failed step) skip only this step.
 */
const endsTheFlow = new Set<SkipReason>([
  'cart_changed',
  'cart_empty',
  'ordered',
  'unknown_customer',
  'unsubscribed',
  'no_consent',
  'suppressed',
  'campaign_disabled',
  'holdout',
  'cooldown',
]);

export const skipEndsTheFlow = (reason: SkipReason): boolean => endsTheFlow.has(reason);
