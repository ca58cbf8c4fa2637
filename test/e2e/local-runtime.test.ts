import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeadLetter } from '../../functions/ingest/dead-letters.js';
import { MemoryLog } from '../../functions/shared/logger.js';
import type { TableId } from '../../functions/store/tables.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.js';
import cartFixture from '../events/cart-updated.json' with { type: 'json' };
import customerFixture from '../events/customer-upserted.json' with { type: 'json' };
import orderFixture from '../events/order-placed.json' with { type: 'json' };

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let runtime: LocalRuntime;
let shop: EventBridgeClient;
let dataDir: string;

const entry = (fixture: { source: string; 'detail-type': string; detail: unknown }) => ({
  Source: fixture.source,
  DetailType: fixture['detail-type'],
  Detail: JSON.stringify(fixture.detail),
  EventBusName: 'nudge',
});

const getJson = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${runtime.url}${path}`)).json()) as T;

const postJson = async (path: string, body: unknown) =>
  fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const read = async (table: TableId, pk: string, sk: string) =>
  (await runtime.deps.db.send(new GetCommand({ TableName: runtime.tables[table], Key: { pk, sk } }))).Item;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nudge-e2e-'));
  runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: new Date('2025-03-01T09:00:00Z'),
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `e2e${Date.now().toString(36)}`,
    dataDir,
    rulesDir: join(import.meta.dirname, '..', '..', 'rules'),
    log: new MemoryLog(),
    retry: { attempts: 2, baseDelayMs: 5 },
  });
  shop = new EventBridgeClient({
    endpoint: runtime.url,
    region: 'local',
    credentials: { accessKeyId: 'shop', secretAccessKey: 'shop' },
  });
});

afterAll(async () => {
  shop?.destroy();
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local runtime', () => {
  it('accepts shop events sent with the AWS SDK and stores the customer, cart and order in DynamoDB', async () => {
    const sent = await shop.send(
      new PutEventsCommand({ Entries: [entry(customerFixture), entry(cartFixture), entry(orderFixture)] }),
    );
    await postJson('/api/idle', {});

    expect(sent.FailedEntryCount).toBe(0);
    expect(sent.Entries?.every((accepted) => typeof accepted.EventId === 'string')).toBe(true);
    expect(await read('customers', 'cus_10482', 'profile')).toMatchObject({ locale: 'zh-CN' });
    expect(await read('carts', 'cart_7f3k2', 'cart')).toMatchObject({ subtotal: 30100 });
    expect(await read('orders', 'ord_55120', 'order')).toMatchObject({ total: 27090 });
    expect(await read('customers', 'cus_10482', 'stats')).toMatchObject({ orders: 1 });
  });

  it('refuses a Detail that is not JSON with an ErrorCode, as EventBridge does, and keeps the rest', async () => {
    const sent = await shop.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'Cart Updated', Detail: '{not json' },
          entry(customerFixture),
        ],
      }),
    );

    expect(sent.FailedEntryCount).toBe(1);
    expect(sent.Entries?.[0]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(sent.Entries?.[1]?.EventId).toBeTypeOf('string');
  });

  it('rejects more than 10 entries with a ValidationException', async () => {
    const eleven = Array.from({ length: 11 }, () => entry(customerFixture));

    await expect(shop.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('dead-letters a malformed event with a reason naming the bad field', async () => {
    const badItem = { ...cartFixture.detail.items[0], unitPrice: 128.5 };
    const malformed = {
      ...cartFixture,
      detail: { ...cartFixture.detail, cartId: 'cart_bad', items: [badItem] },
    };

    await shop.send(new PutEventsCommand({ Entries: [entry(malformed)] }));
    await postJson('/api/idle', {});
    const deadLetters = await getJson<DeadLetter[]>('/api/dead-letters');

    const kept = deadLetters.find(
      (letter) => (letter.event as typeof malformed).detail.cartId === 'cart_bad',
    );
    expect(kept).toMatchObject({
      function: 'cart-events',
      reason: expect.stringContaining('detail.items[0].unitPrice'),
    });
    expect(await read('carts', 'cart_bad', 'cart')).toBeUndefined();
  });

  it('dead-letters a shop event whose detail-type no route knows', async () => {
    await shop.send(
      new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Cart Abandoned', Detail: '{}' }] }),
    );
    await postJson('/api/idle', {});

    const deadLetters = await getJson<DeadLetter[]>('/api/dead-letters');

    expect(
      deadLetters.find((letter) => letter.reason.includes('unknown detail-type "Cart Abandoned"')),
    ).toMatchObject({
      function: 'router',
    });
  });

  it('publishes the rules folder as the active rule version at start', () => {
    expect(runtime.rules).toMatchObject({ published: true, version: 1 });
  });

  it('moves virtual time by an ISO duration and answers with the new instant', async () => {
    const before = await getJson<{ now: string }>('/api/clock');

    const response = await postJson('/api/clock/advance', { by: 'PT4H' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      now: new Date(Date.parse(before.now) + 4 * 3_600_000).toISOString(),
    });
  });

  it('refuses to move the clock backwards or by a duration it cannot read', async () => {
    const backwards = await postJson('/api/clock/advance', { to: '2000-01-01T00:00:00Z' });
    const unreadable = await postJson('/api/clock/advance', { by: '4 hours' });

    expect(backwards.status).toBe(400);
    expect(await unreadable.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('by:') },
    });
  });

  it('answers an unknown route with 404 and an error object', async () => {
    const response = await fetch(`${runtime.url}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
