import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CART_SK } from '../ingest/cart.js';
import type { StoredOrder } from '../ingest/order.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { Deps } from '../shared/deps.js';
import type { ActiveRules } from './on-cart-changed.js';
import { markCartOrdered } from './order-marker.js';
import { recallScheduleName } from './recall-schedule.js';

export interface OrderRecordedDeps extends Pick<Deps, 'db' | 'tables' | 'log'> {
  rules: ActiveRules;
  scheduler: Scheduler;
}

/**
 * Ends the reminders of the ordered cart: marks it ordered (the fire-time check reads the mark)
 * and cancels its pending schedules. Cancelling is best effort; the check alone is enough.
 */
export const endRemindersForOrder = async (deps: OrderRecordedDeps, order: StoredOrder): Promise<void> => {
  await markCartOrdered(deps, order);
  if (!order.cartId) return;
  const [cart, active] = await Promise.all([
    deps.db.send(new GetCommand({ TableName: deps.tables.carts, Key: { pk: order.cartId, sk: CART_SK } })),
    deps.rules.active(),
  ]);
  const version = cart.Item?.version as string | undefined;
  if (!version || !active) return;
  const names = active.ruleSet.campaigns
    .filter((campaign) => campaign.type === 'cart_recall')
    .flatMap((campaign) =>
      campaign.steps.map((_, index) =>
        recallScheduleName(campaign.id, { cartId: order.cartId!, version }, index + 1),
      ),
    );
  const results = await Promise.allSettled(names.map((name) => deps.scheduler.cancel(name)));
  const failed = results.filter((result) => result.status === 'rejected').length;
  if (failed > 0)
    deps.log.warn('some reminder schedules were not cancelled', { orderId: order.orderId, failed });
};
