import { describe, expect, it } from 'vitest';
import { createOrderEventsHandler } from '../../../functions/ingest/order-events.js';
import orderFixture from '../../events/order-placed.json' with { type: 'json' };
import { envelope, ingestDeps } from './ingest-deps.js';

const order = (orderId: string, placedAt: string, total: number) => ({
  ...orderFixture.detail,
  orderId,
  placedAt,
  total,
});
const noHooks = { cartChanged: [], orderRecorded: [] };

describe('order events against DynamoDB', () => {
  it('records an order delivered three times once, and counts it once in the stats', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createOrderEventsHandler(deps, noHooks);
    const event = envelope('Order Placed', order('ord_1', '2025-03-01T09:12:44Z', 270_90));

    await handle(event);
    await handle(event);
    await handle({ ...event, id: 'evt-redelivered' });

    expect(await read('orders', 'ord_1', 'order')).toMatchObject({ total: 270_90, customerId: 'cus_10482' });
    expect(await read('customers', 'cus_10482', 'stats')).toMatchObject({
      orders: 1,
      purchaseDays: 1,
      totalSpent: 270_90,
      firstOrderAt: '2025-03-01T09:12:44Z',
      lastOrderAt: '2025-03-01T09:12:44Z',
      version: 1,
    });
  });

  it('keeps first and last order, distinct purchase days and total spent across orders', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createOrderEventsHandler(deps, noHooks);

    await handle(envelope('Order Placed', order('ord_a', '2025-03-01T09:00:00Z', 10_00)));
    await handle(envelope('Order Placed', order('ord_b', '2025-03-01T18:00:00Z', 5_00)));
    await handle(envelope('Order Placed', order('ord_c', '2025-03-11T09:00:00Z', 20_00)));

    expect(await read('customers', 'cus_10482', 'stats')).toMatchObject({
      orders: 3,
      purchaseDays: 2,
      totalSpent: 35_00,
      firstOrderAt: '2025-03-01T09:00:00Z',
      lastOrderAt: '2025-03-11T09:00:00Z',
      meanGapDays: 10,
    });
  });

  it('counts every one of many concurrent orders of one customer exactly once', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createOrderEventsHandler(deps, noHooks);
    const events = Array.from({ length: 6 }, (_, index) =>
      envelope('Order Placed', order(`ord_${index}`, `2025-03-0${index + 1}T09:00:00Z`, 1_00)),
    );

    await Promise.all([...events, ...events].map((event) => handle(event)));

    expect(await read('customers', 'cus_10482', 'stats')).toMatchObject({
      orders: 6,
      purchaseDays: 6,
      totalSpent: 6_00,
    });
  });

  it('dead-letters an order whose total is a fraction, with a reason naming the field', async () => {
    const { deps, read } = await ingestDeps();
    const handle = createOrderEventsHandler(deps, noHooks);

    await handle(envelope('Order Placed', order('ord_bad', '2025-03-01T09:00:00Z', 270.9)));

    expect(await read('orders', 'ord_bad', 'order')).toBeUndefined();
    const { createDeadLetterStore } = await import('../../../functions/ingest/dead-letters.js');
    const [deadLetter] = await createDeadLetterStore(deps).list();
    expect(deadLetter).toMatchObject({
      function: 'order-events',
      reason: expect.stringContaining('detail.total:'),
    });
  });
});
