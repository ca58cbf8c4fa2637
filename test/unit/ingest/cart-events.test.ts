import { describe, expect, it } from 'vitest';
import type { CartUpdated } from '../../../functions/events/shop-events.js';
import { cartWriteOutcome, type StoredCart } from '../../../functions/ingest/cart.js';
import { recordCart } from '../../../functions/ingest/cart-events.js';
import type { CartStore } from '../../../functions/ingest/cart-store.js';
import type { ParsedShopEvent } from '../../../functions/ingest/parse-event.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import cartFixture from '../../events/cart-updated.json' with { type: 'json' };

class FakeCartStore implements CartStore {
  stored?: StoredCart;
  async putIfNewer(cart: StoredCart) {
    const outcome = cartWriteOutcome(this.stored?.versionMs, cart.versionMs);
    if (outcome === 'applied') this.stored = cart;
    return outcome;
  }
}

const cartEvent = (updatedAt: string, subtotal = 30100): ParsedShopEvent<'Cart Updated'> => ({
  envelope: { ...cartFixture, version: '0' },
  detailType: 'Cart Updated',
  detail: { ...(cartFixture.detail as CartUpdated), updatedAt, subtotal },
});

const setup = () => {
  const carts = new FakeCartStore();
  const changed: string[] = [];
  const deps = {
    carts,
    clock: new VirtualClock(new Date('2025-03-01T09:00:05Z')),
    onCartChanged: [async (cart: StoredCart) => void changed.push(cart.version)],
  };
  return { carts, changed, deps };
};

describe('cartWriteOutcome', () => {
  it('applies a first or strictly newer version, sees a redelivery as current, and an older one as stale', () => {
    expect(cartWriteOutcome(undefined, 5)).toBe('applied');
    expect(cartWriteOutcome(4, 5)).toBe('applied');
    expect(cartWriteOutcome(5, 5)).toBe('current');
    expect(cartWriteOutcome(6, 5)).toBe('stale');
  });
});

describe('recordCart', () => {
  it('stores the cart with its updatedAt as version and tells the cart-changed hooks', async () => {
    const { carts, changed, deps } = setup();

    const { outcome } = await recordCart(deps, cartEvent('2025-03-01T09:00:00.000Z'));

    expect(outcome).toBe('applied');
    expect(carts.stored).toMatchObject({ version: '2025-03-01T09:00:00.000Z', stage: 'Cart Updated' });
    expect(changed).toEqual(['2025-03-01T09:00:00.000Z']);
  });

  it('never lets an older cart that arrives late replace a newer one, nor wake the hooks', async () => {
    const { carts, changed, deps } = setup();
    await recordCart(deps, cartEvent('2025-03-01T09:10:00.000Z', 99_00));

    const { outcome } = await recordCart(deps, cartEvent('2025-03-01T09:00:00.000Z', 12_00));

    expect(outcome).toBe('stale');
    expect(carts.stored?.subtotal).toBe(99_00);
    expect(changed).toEqual(['2025-03-01T09:10:00.000Z']);
  });

  it('tells the hooks again on a redelivery of the stored version, in case the first run crashed after the write', async () => {
    const { changed, deps } = setup();
    await recordCart(deps, cartEvent('2025-03-01T09:00:00.000Z'));

    const { outcome } = await recordCart(deps, cartEvent('2025-03-01T09:00:00.000Z'));

    expect(outcome).toBe('current');
    expect(changed).toHaveLength(2);
  });
});
