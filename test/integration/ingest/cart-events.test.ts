import { describe, expect, it } from 'vitest';
import type { StoredCart } from '../../../functions/ingest/cart.js';
import { createCartEventsHandler } from '../../../functions/ingest/cart-events.js';
import cartFixture from '../../events/cart-updated.json' with { type: 'json' };
import { envelope, ingestDeps } from './ingest-deps.js';

const cart = (updatedAt: string, subtotal: number) => ({ ...cartFixture.detail, updatedAt, subtotal });

describe('cart events against DynamoDB', () => {
  it('never lets an older cart that arrives late overwrite a newer one', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createCartEventsHandler(deps, { cartChanged: [], orderRecorded: [] });

    await handle(envelope('Checkout Started', cart('2025-03-01T09:05:00Z', 42_00)));
    await handle(envelope('Cart Updated', cart('2025-03-01T09:00:00Z', 12_00)));

    const stored = await read('carts', 'cart_7f3k2', 'cart');
    expect(stored).toMatchObject({
      subtotal: 42_00,
      version: '2025-03-01T09:05:00Z',
      stage: 'Checkout Started',
    });
  });

  it('replaces the cart with a strictly newer version, even one written with another offset', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createCartEventsHandler(deps, { cartChanged: [], orderRecorded: [] });

    await handle(envelope('Cart Updated', cart('2025-03-01T09:00:00Z', 12_00)));
    await handle(envelope('Cart Updated', cart('2025-03-01T17:00:01+08:00', 15_00)));

    expect(await read('carts', 'cart_7f3k2', 'cart')).toMatchObject({ subtotal: 15_00 });
  });

  it('tells the cart-changed hooks about the stored version and its redelivery, never about a stale one', async () => {
    const { deps } = await ingestDeps();
    const seen: string[] = [];
    const hooks = { cartChanged: [async (c: StoredCart) => void seen.push(c.version)], orderRecorded: [] };
    const handle = createCartEventsHandler(deps, hooks);
    const newest = envelope('Cart Updated', cart('2025-03-01T09:05:00Z', 42_00));

    await handle(newest);
    await handle(envelope('Cart Updated', cart('2025-03-01T09:00:00Z', 12_00)));
    await handle(newest);

    expect(seen).toEqual(['2025-03-01T09:05:00Z', '2025-03-01T09:05:00Z']);
  });
});
