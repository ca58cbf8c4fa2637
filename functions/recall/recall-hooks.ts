import type { CartChangedHook, OrderRecordedHook } from '../ingest/hooks.js';
import { activeRulesFrom, ruleCacheFor } from '../send/step-adapters.js';
import type { Deps } from '../shared/deps.js';
import { scheduleFirstReminders } from './on-cart-changed.js';
import { endRemindersForOrder } from './on-order-recorded.js';

/** Ingestion's seam: a newer cart version schedules its first reminders. */
export const recallOnCartChanged = (deps: Deps): CartChangedHook => {
  const rules = activeRulesFrom(ruleCacheFor(deps));
  return async (cart) => {
    await scheduleFirstReminders({ rules, scheduler: deps.scheduler, log: deps.log }, cart);
  };
};

/** Ingestion's seam: an order ends the reminders of its cart. */
export const recallOnOrderRecorded = (deps: Deps): OrderRecordedHook => {
  const rules = activeRulesFrom(ruleCacheFor(deps));
  return async (order) => {
    await endRemindersForOrder({ ...deps, rules }, order);
  };
};
