import type { StoredCart } from '../ingest/cart.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { RuleSet } from '../rules/schema/index.js';
import type { Log } from '../shared/logger.js';
import { scheduleRecallStep } from './recall-schedule.js';

export interface ActiveRules {
  active(): Promise<{ ruleSet: RuleSet; version: number } | undefined>;
}

export interface CartChangedDeps {
  rules: ActiveRules;
  scheduler: Scheduler;
  log: Log;
}

/**
 * Schedules step 1 of every enabled cart-recall campaign for this cart version. Older versions'
 * schedules are left to fire and stop themselves, which is safe even when a cancel is lost.
 */
export const scheduleFirstReminders = async (deps: CartChangedDeps, cart: StoredCart): Promise<number> => {
  if (cart.items.length === 0) return 0;
  const active = await deps.rules.active();
  if (!active) return 0;
  const campaigns = active.ruleSet.campaigns.filter(
    (campaign) =>
      campaign.type === 'cart_recall' &&
      campaign.enabled &&
      (campaign.audience?.minSubtotal === undefined || cart.subtotal >= campaign.audience.minSubtotal),
  );
  for (const campaign of campaigns)
    await scheduleRecallStep(deps.scheduler, campaign, cart, 1, active.version);
  deps.log.debug('cart reminders scheduled', { cartId: cart.cartId, campaigns: campaigns.length });
  return campaigns.length;
};
