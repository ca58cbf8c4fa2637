import type { Clock } from '../shared/clock.js';
import type { Deps } from '../shared/deps.js';
import { createDeadLetterStore } from './dead-letters.js';
import { ingestHooks, type OrderRecordedHook } from './hooks.js';
import { type StoredOrder, storedOrderOf } from './order.js';
import { createOrderStore, type OrderStore } from './order-store.js';
import { type ParsedShopEvent, parseShopEvent } from './parse-event.js';
import { type EventHandler, withDeadLetter } from './with-dead-letter.js';

export interface OrderEventDeps {
  orders: OrderStore;
  clock: Clock;
  afterOrderRecorded: OrderRecordedHook[];
}

export const recordOrder = async (
  deps: OrderEventDeps,
  event: ParsedShopEvent<'Order Placed'>,
): Promise<{ firstTime: boolean; order: StoredOrder }> => {
  const order = storedOrderOf(event.detail, deps.clock.now());
  const { firstTime } = await deps.orders.recordWithStats(order);
  // Hooks run on redeliveries too: the first delivery may have crashed after the write.
  for (const hook of deps.afterOrderRecorded) await hook(order, { firstTime });
  return { firstTime, order };
};

export const createOrderEventsHandler = (deps: Deps, hooks = ingestHooks(deps)): EventHandler => {
  const coreDeps: OrderEventDeps = {
    orders: createOrderStore(deps),
    clock: deps.clock,
    afterOrderRecorded: hooks.orderRecorded,
  };
  return withDeadLetter(
    'order-events',
    { ...deps, deadLetters: createDeadLetterStore(deps) },
    async (event) => {
      const { firstTime, order } = await recordOrder(
        coreDeps,
        parseShopEvent(event, ['Order Placed'] as const),
      );
      deps.log.info('order event recorded', { orderId: order.orderId, firstTime });
    },
  );
};
