import { describe, expect, it } from 'vitest';
import { createCustomerEventsHandler } from '../../../functions/ingest/customer-events.js';
import { customerProfileSchema } from '../../../functions/ingest/customer-profile.js';
import upsertFixture from '../../events/customer-upserted.json' with { type: 'json' };
import { envelope, ingestDeps } from './ingest-deps.js';

const upsert = (
  consent: { email: string; updatedAt: string; source?: string },
  extra: Record<string, unknown> = {},
) =>
  envelope('Customer Upserted', {
    ...upsertFixture.detail,
    ...extra,
    consent: { source: 'preference-center', ...consent },
  });

const setup = async () => {
  const { deps, read } = await ingestDeps();
  const handle = createCustomerEventsHandler(deps);
  const profile = async () => customerProfileSchema.parse(await read('customers', 'cus_10482', 'profile'));
  return { handle, profile };
};

describe('customer events against DynamoDB', () => {
  it('keeps the profile with consent, its source and time, locale and time zone', async () => {
    const { handle, profile } = await setup();

    await handle(
      upsert({ email: 'opted_in', updatedAt: '2025-02-14T10:12:00+08:00', source: 'checkout-checkbox' }),
    );

    expect(await profile()).toMatchObject({
      email: 'li.wei@example.com',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      firstName: 'Wei',
      consent: { email: 'opted_in', updatedAt: '2025-02-14T10:12:00+08:00', source: 'checkout-checkbox' },
    });
  });

  it('does not roll consent back for an older upsert, but still takes its profile fields', async () => {
    const { handle, profile } = await setup();
    await handle(upsert({ email: 'withdrawn', updatedAt: '2025-03-01T00:00:00Z' }));

    await handle(upsert({ email: 'opted_in', updatedAt: '2025-02-01T00:00:00Z' }, { locale: 'en-US' }));

    expect(await profile()).toMatchObject({ locale: 'en-US', consent: { email: 'withdrawn' } });
  });

  it('withdraws consent on an unsubscribe from everything, and an older upsert does not give it back', async () => {
    const { handle, profile } = await setup();
    await handle(upsert({ email: 'opted_in', updatedAt: '2025-02-01T00:00:00Z' }));

    await handle(
      envelope('Customer Unsubscribed', {
        customerId: 'cus_10482',
        scope: 'all',
        at: '2025-03-04T20:31:06Z',
      }),
    );
    await handle(upsert({ email: 'opted_in', updatedAt: '2025-03-01T00:00:00Z' }));

    expect((await profile()).consent).toEqual({
      email: 'withdrawn',
      source: 'unsubscribe',
      updatedAt: '2025-03-04T20:31:06Z',
      updatedAtMs: Date.parse('2025-03-04T20:31:06Z'),
    });
  });

  it('keeps an unsubscribe that arrives before the customer is known', async () => {
    const { handle, profile } = await setup();

    await handle(
      envelope('Customer Unsubscribed', {
        customerId: 'cus_10482',
        scope: 'all',
        at: '2025-03-04T20:31:06Z',
      }),
    );
    await handle(upsert({ email: 'opted_in', updatedAt: '2025-02-01T00:00:00Z' }));

    expect(await profile()).toMatchObject({ email: 'li.wei@example.com', consent: { email: 'withdrawn' } });
  });

  it('records a campaign unsubscribe once, however often it is delivered, and keeps consent', async () => {
    const { handle, profile } = await setup();
    await handle(upsert({ email: 'opted_in', updatedAt: '2025-02-01T00:00:00Z' }));
    const unsubscribe = envelope('Customer Unsubscribed', {
      customerId: 'cus_10482',
      scope: 'winback-spring',
      at: '2025-03-04T20:31:06Z',
    });

    await handle(unsubscribe);
    await handle(unsubscribe);
    await handle(
      envelope('Customer Unsubscribed', {
        customerId: 'cus_10482',
        scope: 'cart-recall',
        at: '2025-03-05T08:00:00Z',
      }),
    );

    expect(await profile()).toMatchObject({
      unsubscribedCampaigns: ['cart-recall', 'winback-spring'],
      consent: { email: 'opted_in' },
    });
  });
});
