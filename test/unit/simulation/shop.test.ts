import { describe, expect, it } from 'vitest';
import { type ShopDetailType, shopDetailSchemas } from '../../../functions/events/shop-events.js';
import { simulationConfigSchema } from '../../../functions/simulation/config.js';
import { Random } from '../../../functions/simulation/prng.js';
import { SimulatedShop } from '../../../functions/simulation/shop.js';
import { batchesOf, type ShopEvent } from '../../../functions/simulation/shop-events.js';

const config = simulationConfigSchema.parse({ customers: 3000, days: 30, seed: 1 });

const details = (events: ShopEvent[], type: ShopDetailType) =>
  events.filter((event) => event.DetailType === type).map((event) => JSON.parse(event.Detail));

describe('the synthetic shop', () => {
  it('plans the same events for the same seed and different ones for another', () => {
    const run = (seed: number) => {
      const shop = new SimulatedShop({ ...config, customers: 200, seed });
      return JSON.stringify([...shop.openingEvents(), ...shop.eventsUntil(shop.endMs)]);
    };

    expect(run(1)).toBe(run(1));
    expect(run(2)).not.toBe(run(1));
  });

  it('abandons about 70% of carts, as Baymard measures', () => {
    const shop = new SimulatedShop(config);

    shop.eventsUntil(shop.endMs);

    expect(shop.tally.carts).toBeGreaterThan(500);
    expect(shop.tally.abandoned / shop.tally.carts).toBeGreaterThan(0.65);
    expect(shop.tally.abandoned / shop.tally.carts).toBeLessThan(0.75);
  });

  it('sends only events that pass the shop event schemas', () => {
    const shop = new SimulatedShop({ ...config, customers: 300 });
    const events = [...shop.openingEvents(), ...shop.eventsUntil(shop.endMs)];

    for (const event of events) {
      const parsed = shopDetailSchemas[event.DetailType].safeParse(JSON.parse(event.Detail));
      expect(parsed.success, `${event.DetailType}: ${parsed.error?.message}`).toBe(true);
    }
    expect(details(events, 'Customer Upserted')).toHaveLength(300);
    expect(new Set(details(events, 'Customer Upserted').map((d) => d.locale))).toEqual(
      new Set(['en-US', 'en-GB', 'zh-CN']),
    );
  });

  it('buys after a persuasive reminder and redeems the coupon it carried', () => {
    const shop = new SimulatedShop({ ...config, customers: 400, upliftReminder: 1, upliftCoupon: 0 });
    const early = shop.eventsUntil(shop.startMs + 10 * 86_400_000);
    const cart = details(early, 'Cart Updated').find(
      (c) => !details(early, 'Order Placed').some((o) => o.cartId === c.cartId),
    );
    expect(cart).toBeDefined();
    const sentAt = new Date(shop.startMs + 10 * 86_400_000).toISOString();
    const value = { kind: 'percent_off', percent: 10, maxDiscount: 100_000 };

    shop.receive({
      campaignId: 'cart-recall',
      customerId: cart.customerId,
      step: 2,
      sentAt,
      coupon: { code: 'K7QM-3XD9-PW2H-T', value },
    });
    const orders = details(shop.eventsUntil(shop.endMs), 'Order Placed').filter(
      (o) => o.customerId === cart.customerId,
    );

    expect(orders[0]?.couponCodes).toEqual(['K7QM-3XD9-PW2H-T']);
    const subtotal = orders[0].items.reduce(
      (sum: number, item: { unitPrice: number; quantity: number }) => sum + item.unitPrice * item.quantity,
      0,
    );
    expect(orders[0].total).toBe(subtotal - Math.round(subtotal / 10));
  });

  it('never puts two events of one customer, or more than ten events, in one PutEvents call', () => {
    const shop = new SimulatedShop({ ...config, customers: 100 });
    const events = shop.openingEvents();

    const batches = batchesOf(events);

    expect(batches.flat()).toHaveLength(events.length);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(10);
      expect(new Set(batch.map((e) => e.customerId)).size).toBe(batch.length);
    }
  });
});

describe('seeded random numbers', () => {
  it('repeat for a seed and have the Gamma and Beta means the BG/NBD priors need', () => {
    const random = new Random(42);
    const n = 50_000;
    let gamma = 0;
    let beta = 0;
    for (let i = 0; i < n; i++) {
      gamma += random.gamma(0.24, 4.4);
      beta += random.beta(0.79, 2.43);
    }

    expect(new Random(42).next()).toBe(new Random(42).next());
    expect(gamma / n).toBeCloseTo(0.24 / 4.4, 2);
    expect(beta / n).toBeCloseTo(0.79 / 3.22, 2);
  });
});
