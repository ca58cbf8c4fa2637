import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventBridgeEnvelope } from '../../functions/events/envelope.js';
import { readCampaignMetrics } from '../../functions/metrics/campaign-metrics.js';
import { isInHoldout } from '../../functions/send/holdout.js';
import { MemoryLog } from '../../functions/shared/logger.js';
import { ensureSwitches } from '../../functions/switches/switch-commands.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Monday 08:00 in New York (EST), 21:00 in Shanghai. */
const START = new Date('2030-03-04T13:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
const CAMPAIGN = 'cart-recall';

interface OutboxMessage {
  messageId: string;
  campaignId: string;
  customerId: string;
  step: number;
  to: string;
  subject: string;
  sentAt: string;
  headers: Record<string, string>;
  text: string;
  html: string;
}

let runtime: LocalRuntime;
let shop: EventBridgeClient;
let dataDir: string;

/** A customer id outside (or inside) the campaign's 10% holdout, so each scenario is deterministic. */
const customerId = (name: string, heldOut = false) =>
  Array.from({ length: 100 }, (_, n) => `${name}-${n}`).find(
    (id) => isInHoldout(id, CAMPAIGN, 10) === heldOut,
  )!;

const ann = customerId('ann');
const lin = customerId('lin');
const bob = customerId('bob');
const cara = customerId('cara');
const dan = customerId('dan');
const eve = customerId('eve');
const fay = customerId('fay');
const gus = customerId('gus');
const hal = customerId('hal');
const ivy = customerId('ivy', true);
const jon = customerId('jon');
const kim = customerId('kim');

const put = async (source: string, detailType: string, detail: Record<string, unknown>) => {
  const result = await shop.send(
    new PutEventsCommand({
      Entries: [{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
};

const api = async <T>(path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${runtime.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

const advanceTo = (instant: string) => api('/api/clock/advance', { to: instant });

const customer = (id: string, overrides: Record<string, unknown> = {}) =>
  put('shop', 'Customer Upserted', {
    customerId: id,
    email: `${id}@example.com`,
    locale: 'en-US',
    timeZone: 'America/New_York',
    consent: { email: 'opted_in', updatedAt: '2030-01-01T00:00:00Z', source: 'checkout-checkbox' },
    firstName: 'Ann',
    ...overrides,
  });

const cart = (id: string, updatedAt = START.toISOString(), cartId = `cart-${id}`) =>
  put('shop', 'Cart Updated', {
    cartId,
    customerId: id,
    currency: 'USD',
    items: [
      {
        sku: 'TEA-1',
        name: 'Oolong tea',
        unitPrice: 1250,
        quantity: 2,
        imageUrl: 'https://maplemoss.example/img/tea.jpg',
        url: 'https://maplemoss.example/p/tea',
      },
    ],
    subtotal: 2500,
    checkoutUrl: `https://maplemoss.example/checkout/${cartId}`,
    updatedAt,
  });

const outboxFor = async (id: string) =>
  (await api<OutboxMessage[]>('/api/outbox')).filter((message) => message.customerId === id);

const skipsFor = async (id: string) =>
  (await api<EventBridgeEnvelope[]>('/api/events'))
    .filter((event) => event['detail-type'] === 'Message Skipped')
    .map((event) => event.detail as { customerId: string; reason: string; step: number })
    .filter((detail) => detail.customerId === id);

const sesEvent = async (message: OutboxMessage, detailType: string, detail: Record<string, unknown>) => {
  const tags = Object.fromEntries(
    message.headers['X-SES-MESSAGE-TAGS']!.split(', ').map((pair) => {
      const [name, value] = pair.split('=');
      return [name!, [value!]];
    }),
  );
  await put('aws.ses', detailType, {
    ...detail,
    mail: { messageId: `ses-${message.messageId}`, destination: [message.to], tags },
  });
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nudge-recall-'));
  // The example rules, with step 2 only 4 hours after step 1, so the frequency cap has to defer it.
  const rulesDir = join(dataDir, 'rules');
  cpSync(join(import.meta.dirname, '..', '..', 'rules'), rulesDir, { recursive: true });
  const campaignFile = join(rulesDir, 'campaigns', `${CAMPAIGN}.json`);
  const campaign = JSON.parse(readFileSync(campaignFile, 'utf8'));
  campaign.steps[1] = { ...campaign.steps[1], delay: 'PT8H', staleAfter: 'P1D' };
  writeFileSync(campaignFile, JSON.stringify(campaign));

  runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: START,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `cr${Date.now().toString(36)}`,
    dataDir,
    rulesDir,
    log: new MemoryLog(),
    retry: { attempts: 2, baseDelayMs: 5 },
  });
  await ensureSwitches(runtime.deps, { campaignIds: [CAMPAIGN] });
  shop = new EventBridgeClient({
    endpoint: runtime.url,
    region: 'local',
    credentials: { accessKeyId: 'shop', secretAccessKey: 'shop' },
  });

  for (const id of [ann, bob, cara, gus, hal, ivy, jon, kim]) await customer(id);
  await customer(lin, { locale: 'zh-CN', timeZone: 'Asia/Shanghai', firstName: '琳' });
  await customer(dan, {
    consent: { email: 'withdrawn', updatedAt: '2030-02-01T00:00:00Z', source: 'preference-center' },
  });
  await customer(fay, {
    consent: { email: 'none', updatedAt: '2030-01-01T00:00:00Z', source: 'guest-checkout' },
  });
  for (const id of [ann, lin, bob, cara, dan, eve, fay, gus, hal, ivy, kim]) await cart(id);
  // Jon: an older version, the newer one, then both again out of order (redelivery).
  await cart(jon, at(-1));
  await api('/api/idle', {});
  await cart(jon, at(0));
  await cart(jon, at(-1));
  await cart(jon, at(0));
  await api('/api/idle', {});
});

afterAll(async () => {
  shop?.destroy();
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('cart recall through the local runtime', () => {
  it('sends nothing before the 4-hour delay', async () => {
    await advanceTo(at(3.99));

    expect(await api<OutboxMessage[]>('/api/outbox')).toEqual([]);
  });

  it('sends step 1 four hours after the last cart change, once, in English with UTM links and unsubscribe headers', async () => {
    await advanceTo(at(4));

    const [first, ...others] = await outboxFor(ann);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ campaignId: CAMPAIGN, step: 1, sentAt: at(4), to: `${ann}@example.com` });
    expect(first!.subject).toBe('You left something in your cart');
    expect(first!.text).toContain('Oolong tea');
    expect(first!.text).toContain('Oolong tea × 2: $25.00');
    expect(first!.text).toContain(
      'utm_source=nudge&utm_medium=email&utm_campaign=cart-recall&utm_content=step-1',
    );
    expect(first!.text).toContain('2150 Harbor Way');
    expect(first!.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[\w.%-]+>$/,
    );
    expect(first!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(first!.headers['Message-ID']).toMatch(/^<[0-9a-f]{32}@maplemoss\.example>$/);
  });

  it('lets an older cart version that fires find the newer one and stop; redeliveries change nothing', async () => {
    const messages = await outboxFor(jon);

    expect(messages.map((message) => [message.step, message.sentAt])).toEqual([[1, at(4)]]);
    expect((await skipsFor(jon)).map((skip) => skip.reason)).toEqual(['cart_changed']);
  });

  it('gets nothing to a withdrawn, a missing or a "none" consent, and says why', async () => {
    expect(await outboxFor(dan)).toEqual([]);
    expect(await outboxFor(eve)).toEqual([]);
    expect(await outboxFor(fay)).toEqual([]);
    expect((await skipsFor(dan)).map((skip) => skip.reason)).toEqual(['no_consent']);
    expect((await skipsFor(eve)).map((skip) => skip.reason)).toEqual(['unknown_customer']);
    expect((await skipsFor(fay)).map((skip) => skip.reason)).toEqual(['no_consent']);
  });

  it('sends nothing to a held-out customer and counts them in the holdout group', async () => {
    const metrics = await readCampaignMetrics(runtime.deps.db, runtime.deps.tables, CAMPAIGN, ['2030-03-04']);

    expect(await outboxFor(ivy)).toEqual([]);
    expect((await skipsFor(ivy)).map((skip) => skip.reason)).toEqual(['holdout']);
    expect(metrics.holdoutEntered).toBe(1);
  });

  it('ends the reminders when the customer orders, unsubscribes, bounces or complains', async () => {
    await put('shop', 'Order Placed', {
      orderId: 'order-bob-1',
      customerId: bob,
      currency: 'USD',
      total: 2500,
      placedAt: at(4.5),
      items: [{ sku: 'TEA-1', name: 'Oolong tea', unitPrice: 1250, quantity: 2 }],
      couponCodes: [],
      cartId: `cart-${bob}`,
    });
    // Kim orders without naming the cart: nothing is cancelled, the fire-time check stops the reminder.
    await put('shop', 'Order Placed', {
      orderId: 'order-kim-1',
      customerId: kim,
      currency: 'USD',
      total: 900,
      placedAt: at(5),
      items: [{ sku: 'MUG-1', name: 'Mug', unitPrice: 900, quantity: 1 }],
      couponCodes: [],
    });
    await api('/api/idle', {});
    const bobSchedules = (
      await api<Array<{ job: { payload: { customerId: string } } }>>('/api/schedules')
    ).filter((schedule) => schedule.job.payload.customerId === bob);
    const [caraFirst] = await outboxFor(cara);
    const unsubscribeUrl = caraFirst!.headers['List-Unsubscribe']!.slice(1, -1);
    const page = await fetch(unsubscribeUrl);
    const tampered = await fetch(unsubscribeUrl.replace(/token=([^.]+)\.([^.]+)/, 'token=$1.e30'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    const oneClick = async () =>
      fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const unsubscribed = await oneClick();
    const again = await oneClick();
    const [gusFirst] = await outboxFor(gus);
    await sesEvent(gusFirst!, 'Email Bounced', { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } });
    const [halFirst] = await outboxFor(hal);
    await sesEvent(halFirst!, 'Email Complaint Received', { eventType: 'Complaint' });

    await advanceTo(at(100));

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect(tampered.status).toBe(403);
    expect([unsubscribed.status, again.status]).toEqual([200, 200]);
    expect((await outboxFor(bob)).map((message) => message.step)).toEqual([1]);
    expect((await outboxFor(cara)).map((message) => message.step)).toEqual([1]);
    expect((await outboxFor(gus)).map((message) => message.step)).toEqual([1]);
    expect((await outboxFor(hal)).map((message) => message.step)).toEqual([1]);
    expect(bobSchedules).toEqual([]);
    expect((await outboxFor(kim)).map((message) => message.step)).toEqual([1]);
    expect((await skipsFor(kim)).map((skip) => skip.reason)).toEqual(['ordered']);
    expect((await skipsFor(cara)).map((skip) => skip.reason)).toEqual(['unsubscribed']);
    expect((await skipsFor(gus)).map((skip) => skip.reason)).toEqual(['suppressed']);
    expect((await skipsFor(hal)).map((skip) => skip.reason)).toEqual(['suppressed']);
  });

  it('sends exactly one message per step, deferring step 2 past the frequency cap and the quiet hours', async () => {
    const messages = await outboxFor(ann);

    // Step 2 fell due 4 h after step 1: the 16 h cap moves it to 04:00 in New York, quiet hours to 08:00.
    expect(messages.map((message) => [message.step, message.sentAt])).toEqual([
      [1, at(4)],
      [2, at(24)],
      [3, at(72)],
    ]);
    expect(messages[1]!.text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/);
  });

  it('writes to a zh-CN customer in Chinese, after the quiet hours in Shanghai', async () => {
    const [first] = await outboxFor(lin);

    expect(first).toMatchObject({ step: 1, sentAt: '2030-03-05T00:00:00.000Z' });
    expect(first!.subject).toBe('您的购物车里还有心仪好物');
    expect(first!.text).toContain('Oolong tea');
  });
});
