import type { Clock } from '../shared/clock.js';
import type { Deps } from '../shared/deps.js';
import { type CartWriteOutcome, type StoredCart, storedCartOf } from './cart.js';
import { type CartStore, createCartStore } from './cart-store.js';
import { createDeadLetterStore } from './dead-letters.js';
import { type CartChangedHook, ingestHooks } from './hooks.js';
import { type ParsedShopEvent, parseShopEvent } from './parse-event.js';
import { type EventHandler, withDeadLetter } from './with-dead-letter.js';

const cartDetailTypes = ['Cart Updated', 'Checkout Started'] as const;

export interface CartEventDeps {
  carts: CartStore;
  clock: Clock;
  onCartChanged: CartChangedHook[];
}

export const recordCart = async (
  deps: CartEventDeps,
  event: ParsedShopEvent<(typeof cartDetailTypes)[number]>,
): Promise<{ outcome: CartWriteOutcome; cart: StoredCart }> => {
  const cart = storedCartOf(event.detail, event.detailType, deps.clock.now());
  const outcome = await deps.carts.putIfNewer(cart);
  if (outcome !== 'stale') {
    for (const hook of deps.onCartChanged) await hook(cart);
  }
  return { outcome, cart };
};

export const createCartEventsHandler = (deps: Deps, hooks = ingestHooks(deps)): EventHandler => {
  const carts = createCartStore(deps);
  const coreDeps: CartEventDeps = { carts, clock: deps.clock, onCartChanged: hooks.cartChanged };
  return withDeadLetter(
    'cart-events',
    { ...deps, deadLetters: createDeadLetterStore(deps) },
    async (event) => {
      const { outcome, cart } = await recordCart(coreDeps, parseShopEvent(event, cartDetailTypes));
      deps.log.info('cart event recorded', { cartId: cart.cartId, version: cart.version, outcome });
    },
  );
};
