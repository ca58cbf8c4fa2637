import { describe, expect, it } from 'vitest';
import type { OrderPlaced } from '../../../functions/events/shop-events.js';
import type { StoredOrder } from '../../../functions/ingest/order.js';
import { recordOrder } from '../../../functions/ingest/order-events.js';
import type { OrderStore } from '../../../functions/ingest/order-store.js';
import type { ParsedShopEvent } from '../../../functions/ingest/parse-event.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import orderFixture from '../../events/order-placed.json' with { type: 'json' };

class FakeOrderStore implements OrderStore {
  readonly recorded = new Map<string, StoredOrder>();
  async recordWithStats(order: StoredOrder) {
    if (this.recorded.has(order.orderId)) return { firstTime: false };
    this.recorded.set(order.orderId, order);
    return { firstTime: true };
  }
}

const orderEvent: ParsedShopEvent<'Order Placed'> = {
  envelope: { ...orderFixture, version: '0' },
  detailType: 'Order Placed',
  detail: orderFixture.detail as OrderPlaced,
};

describe('recordOrder', () => {
  it('records the order, then runs the after-order hooks in their order', async () => {
    const calls: string[] = [];
    const deps = {
      orders: new FakeOrderStore(),
      clock: new VirtualClock(new Date('2025-03-01T09:12:46Z')),
      afterOrderRecorded: [
        async (order: StoredOrder) => void calls.push(`redeem ${order.couponCodes.join(',')}`),
        async (order: StoredOrder) => void calls.push(`cancel reminders of ${order.cartId}`),
      ],
    };

    const { firstTime, order } = await recordOrder(deps, orderEvent);

    expect(firstTime).toBe(true);
    expect(order.recordedAt).toBe('2025-03-01T09:12:46.000Z');
    expect(deps.orders.recorded.has('ord_55120')).toBe(true);
    expect(calls).toEqual(['redeem K7QM-3XD9-PW2H-T', 'cancel reminders of cart_7f3k2']);
  });

  it('runs the hooks on a redelivery too, telling them it is not the first time', async () => {
    const outcomes: boolean[] = [];
    const deps = {
      orders: new FakeOrderStore(),
      clock: new VirtualClock(new Date('2025-03-01T09:12:46Z')),
      afterOrderRecorded: [
        async (_order: StoredOrder, outcome: { firstTime: boolean }) => void outcomes.push(outcome.firstTime),
      ],
    };

    await recordOrder(deps, orderEvent);
    await recordOrder(deps, orderEvent);

    expect(outcomes).toEqual([true, false]);
  });
});
