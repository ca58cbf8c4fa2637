import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventBridgeEnvelope } from '../../functions/events/envelope.js';
import { isInHoldout } from '../../functions/send/holdout.js';
import { MemoryLog } from '../../functions/shared/logger.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const START = new Date('2025-03-01T09:00:00Z');
const DAY_MS = 86_400_000;
const daysBefore = (days: number) => new Date(START.getTime() - days * DAY_MS).toISOString();

interface OutboxMessage {
  campaignId: string;
  customerId: string;
  step: number;
  subject: string;
  text: string;
  sentAt: string;
}

let runtime: LocalRuntime;
let shop: EventBridgeClient;
let dataDir: string;

const send = async (detailType: string, detail: Record<string, unknown>) => {
  const result = await shop.send(
    new PutEventsCommand({
      Entries: [
        { Source: 'shop', DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: 'nudge' },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
};

const api = async <T>(
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> => {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

const customer = (customerId: string) =>
  send('Customer Upserted', {
    customerId,
    email: `${customerId}@example.com`,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    consent: { email: 'opted_in', updatedAt: '2024-01-01T00:00:00Z', source: 'checkout-checkbox' },
    firstName: 'Ada',
    country: 'GB',
  });

let orderCounter = 0;
const order = (customerId: string, placedAt: string, total: number) => {
  orderCounter += 1;
  return send('Order Placed', {
    orderId: `ord_${orderCounter}`,
    customerId,
    currency: 'USD',
    total,
    placedAt,
    items: [{ sku: 'SKU-1', name: 'Candle', unitPrice: total, quantity: 1 }],
    couponCodes: [],
  });
};

const outboxFor = async (customerId: string) =>
  (await api<OutboxMessage[]>('/api/outbox')).filter((message) => message.customerId === customerId);

// Value tiers are relative to the shop: the fillers set the cutoffs, `vip` is far above them, `quiet` below.
const vip = 'cus_vip_1';
const quiet = 'cus_quiet_2';
const fillers = ['cus_f1', 'cus_f2', 'cus_f3', 'cus_f4'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nudge-winback-'));
  runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: START,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `wb${Date.now().toString(36)}`,
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
  // A missing switch means stop: open the ones win-back passes through, as an operator would.
  for (const scope of ['global', 'channel:email', 'campaign:win-back', 'campaign:win-back-vip']) {
    await api(`/api/switches/${scope}`, { state: 'active' }, 'PUT');
  }
  for (const id of [vip, quiet, ...fillers]) await customer(id);
  // vip: four purchases 30 days apart, the last 118 days ago: high risk after 120 days.
  for (const ago of [208, 178, 148, 118]) await order(vip, daysBefore(ago), 20_000);
  // quiet: one purchase 58 days ago: medium risk after 60 days.
  await order(quiet, daysBefore(58), 3_000);
  for (const [index, id] of fillers.entries()) {
    await order(id, daysBefore(25), 1_000 * (index + 2));
    await order(id, daysBefore(5), 1_000 * (index + 2));
  }
  await api('/api/idle', {});
});

afterAll(async () => {
  shop?.destroy();
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('win-back through the local runtime', () => {
  it('a customer going quiet enters win-back, gets the tier offer, and leaves the flow when ordering', async () => {
    expect(isInHoldout(quiet, 'win-back', 10)).toBe(false);
    expect(isInHoldout(vip, 'win-back-vip', 10)).toBe(false);

    await api('/api/clock/advance', { to: '2025-03-03T12:00:00Z' });
    const beforeRisk = await outboxFor(quiet);
    await api('/api/clock/advance', { to: '2025-03-05T00:00:00Z' });
    const [first, ...others] = await outboxFor(quiet);

    expect(beforeRisk).toEqual([]);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ campaignId: 'win-back', step: 1, sentAt: '2025-03-04T08:00:00.000Z' });
    expect(first!.text).toMatch(/\$5\.00/);
    expect(first!.text).toMatch(/Code: [0-9A-Z]{4}-[0-9A-Z]{4}-/);

    await order(quiet, '2025-03-05T10:00:00Z', 4_500);
    await api('/api/clock/advance', { to: '2025-03-11T12:00:00Z' });

    expect(await outboxFor(quiet)).toHaveLength(1);
    const events = await api<EventBridgeEnvelope[]>('/api/events');
    const skipped = events.filter(
      (event) =>
        event['detail-type'] === 'Message Skipped' &&
        (event.detail as { customerId: string }).customerId === quiet,
    );
    expect(skipped.map((event) => event.detail)).toEqual([
      expect.objectContaining({ campaignId: 'win-back', step: 2, reason: 'ordered' }),
    ]);
  });

  it('gives a high-value customer at high risk the VIP campaign and its larger offer', async () => {
    const messages = await outboxFor(vip);

    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ campaignId: 'win-back-vip', step: 1 });
    // The high/high adjustment (30%, at most $60) applies; the margin floor may trim the percent, never below the base 25%.
    const offer = /(\d+)% off \(up to \$60\.00\)/.exec(messages[0]!.text);
    expect(offer).not.toBeNull();
    expect(Number(offer![1])).toBeGreaterThan(25);
  });

  it('tells the shop about every segment change with Customer Scored', async () => {
    const events = await api<EventBridgeEnvelope[]>('/api/events');
    const vipSegments = events
      .filter((event) => event['detail-type'] === 'Customer Scored')
      .map((event) => event.detail as { customerId: string; segment: string })
      .filter((detail) => detail.customerId === vip)
      .map((detail) => detail.segment);

    expect(vipSegments).toEqual(['high/medium', 'high/high']);
  });
});
