import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liftSchema } from '../../functions/lift/lift.js';
import type { LocalRuntime } from '../../local/runtime.js';
import { startTestRuntime } from '../support/local-runtime.js';

// The contract of DESIGN.md section 6, checked over HTTP as a shop, a tool or the dashboard sees it.

let runtime: LocalRuntime;

// Responses are checked field by field below; a loose type keeps the assertions readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON under test, asserted with expect() before use
type Json = any;

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Json };
};

const putEvents = (entries: unknown[]) =>
  call(
    'POST',
    '/',
    { Entries: entries },
    {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSEvents.PutEvents',
    },
  );

const expectError = (response: { status: number; json: unknown }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.json).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
};

const customers = [
  'c-contract-1',
  'c-contract-2',
  'c-contract-3',
  'c-contract-4',
  'c-contract-5',
  'c-contract-6',
];
const shopEntry = (detailType: string, detail: Record<string, unknown>) => ({
  Source: 'shop',
  DetailType: detailType,
  Detail: JSON.stringify(detail),
});

beforeAll(async () => {
  runtime = await startTestRuntime(new Date('2025-03-03T09:00:00Z'));
  const at = '2025-03-03T09:00:00.000Z';
  for (const customerId of customers) {
    const answer = await putEvents([
      shopEntry('Customer Upserted', {
        customerId,
        email: `${customerId}@example.com`,
        locale: 'en-GB',
        timeZone: 'Europe/London',
        consent: { email: 'opted_in', updatedAt: at, source: 'checkout' },
      }),
    ]);
    expect(answer.status).toBe(200);
    await call('POST', '/api/idle');
    await putEvents([
      shopEntry('Cart Updated', {
        cartId: `cart-${customerId}`,
        customerId,
        currency: 'USD',
        items: [{ sku: 'MUG-002', name: 'Stoneware mug', unitPrice: 2400, quantity: 2 }],
        subtotal: 4800,
        checkoutUrl: `https://shop.example.com/checkout/cart-${customerId}`,
        updatedAt: at,
      }),
    ]);
  }
  await call('POST', '/api/idle');
});

afterAll(async () => {
  await runtime?.stop();
});

describe('POST / (EventBridge PutEvents)', () => {
  it('accepts entries as the AWS SDK sends them and answers with an id per entry', async () => {
    const answer = await putEvents([
      shopEntry('Customer Upserted', {
        customerId: 'c-contract-extra',
        email: 'extra@example.com',
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        consent: { email: 'opted_in', updatedAt: '2025-03-03T09:00:00.000Z', source: 'signup' },
      }),
    ]);

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
  });

  it('refuses more than ten entries as EventBridge does', async () => {
    const answer = await putEvents(Array.from({ length: 11 }, () => shopEntry('Order Placed', {})));

    expect(answer.status).toBe(400);
  });

  it('keeps a malformed event as a dead letter that names the field', async () => {
    await putEvents([
      shopEntry('Cart Updated', { cartId: 'broken', customerId: 'c-contract-1', subtotal: 12.5 }),
    ]);
    await call('POST', '/api/idle');

    const letters = await call('GET', '/api/dead-letters');

    expect(letters.status).toBe(200);
    const letter = letters.json.find(
      (entry: { event: { detail?: { cartId?: string } } }) => entry.event?.detail?.cartId === 'broken',
    );
    expect(letter).toMatchObject({ event: expect.any(Object), reason: expect.stringMatching(/detail\./) });
  });
});

describe('POST /api/clock/advance', () => {
  it('moves virtual time, runs what falls due and says where the clock is', async () => {
    const answer = await call('POST', '/api/clock/advance', { by: 'PT5H' });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ now: '2025-03-03T14:00:00.000Z' });
  });

  it('rejects a duration it cannot read with a 400 in the error format', async () => {
    expectError(await call('POST', '/api/clock/advance', { by: 'four hours' }), 400);
  });
});

describe('GET /api/outbox', () => {
  it('lists each message with the agreed fields, oldest first', async () => {
    const outbox = await call('GET', '/api/outbox');

    expect(outbox.status).toBe(200);
    expect(outbox.json.length).toBeGreaterThan(0);
    for (const message of outbox.json) {
      expect(message).toMatchObject({
        messageId: expect.any(String),
        campaignId: 'cart-recall',
        customerId: expect.stringMatching(/^c-contract-/),
        step: expect.any(Number),
        to: expect.stringContaining('@example.com'),
        subject: expect.any(String),
        sentAt: expect.any(String),
        headers: expect.objectContaining({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
        raw: expect.stringContaining('MIME-Version: 1.0'),
      });
      expect(typeof message.html === 'string' || typeof message.text === 'string').toBe(true);
    }
    const times = outbox.json.map((message: { sentAt: string }) => message.sentAt);
    expect([...times].sort()).toEqual(times);
  });
});

describe('GET /api/campaigns', () => {
  it('gives each campaign its type, status, budget figures, metrics and lift', async () => {
    const campaigns = await call('GET', '/api/campaigns');

    expect(campaigns.status).toBe(200);
    expect(campaigns.json.map((campaign: { id: string }) => campaign.id).sort()).toEqual([
      'cart-recall',
      'win-back',
      'win-back-vip',
    ]);
    for (const campaign of campaigns.json) {
      expect(campaign).toMatchObject({
        id: expect.any(String),
        type: expect.stringMatching(/^(cart_recall|win_back)$/),
        status: expect.any(String),
        budget: expect.any(Array),
        metrics: expect.objectContaining({ sent: expect.any(Number), conversions: expect.any(Number) }),
      });
      for (const scope of campaign.budget) {
        expect(scope).toMatchObject({
          scope: expect.any(String),
          reserved: expect.any(Number),
          settled: expect.any(Number),
        });
      }
      expect(liftSchema.safeParse(campaign.lift).success).toBe(true);
    }
    const recall = campaigns.json.find((campaign: { id: string }) => campaign.id === 'cart-recall');
    expect(recall.metrics.sent).toBeGreaterThan(0);
  });
});

describe('GET /api/coupons', () => {
  it('answers with a list', async () => {
    const coupons = await call('GET', '/api/coupons');

    expect(coupons.status).toBe(200);
    expect(Array.isArray(coupons.json)).toBe(true);
  });

  it('rejects a limit that is not a number with a 400', async () => {
    expectError(await call('GET', '/api/coupons?limit=lots'), 400);
  });
});

describe('switches', () => {
  it('lists the global and the email switch', async () => {
    const switches = await call('GET', '/api/switches');

    expect(switches.status).toBe(200);
    const scopes = switches.json.map((entry: { scope: string }) => entry.scope);
    expect(scopes).toEqual(expect.arrayContaining(['global', 'channel:email']));
  });

  it('pauses a campaign with a reason and shows it paused', async () => {
    const answer = await call('PUT', '/api/switches/campaign:win-back', {
      state: 'paused',
      reason: 'contract test',
    });

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      scope: 'campaign:win-back',
      state: 'paused',
      reason: 'contract test',
    });
    const switches = await call('GET', '/api/switches');
    expect(switches.json.find((entry: { scope: string }) => entry.scope === 'campaign:win-back')?.state).toBe(
      'paused',
    );
  });

  it('rejects an unknown state, an unknown scope and a pause without a reason', async () => {
    expectError(await call('PUT', '/api/switches/global', { state: 'sleeping', reason: 'x' }), 400);
    expectError(await call('PUT', '/api/switches/planet:mars', { state: 'paused', reason: 'x' }), 400);
    expectError(await call('PUT', '/api/switches/global', { state: 'paused' }), 400);
  });
});

describe('unsubscribe', () => {
  it('shows a page for the link in an email and unsubscribes on the one-click POST', async () => {
    const outbox = await call('GET', '/api/outbox');
    const header: string = outbox.json[0].headers['List-Unsubscribe'];
    const link = new URL(header.replace(/^<|>$/g, ''));

    const page = await call('GET', `/unsubscribe${link.search}`);
    const oneClick = await call('POST', `/unsubscribe${link.search}`, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(oneClick.status).toBe(200);
  });

  it('refuses a missing or forged token with a 4xx in the error format', async () => {
    expectError(await call('GET', '/unsubscribe'), 400);
    const forged = await call('GET', '/unsubscribe?token=not-a-token');
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
  });
});

describe('the dashboard and its own endpoints', () => {
  it('serves the dashboard at / with its content security policy', async () => {
    const page = await call('GET', '/');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives the churn histogram with ten bins per value tier', async () => {
    const churn = await call('GET', '/api/churn');

    expect(churn.status).toBe(200);
    expect(churn.json.bins).toHaveLength(10);
    for (const tier of ['low', 'mid', 'high']) expect(churn.json.tiers[tier]).toHaveLength(10);
  });

  it('gives a published rule version whole, and a 404 or 400 for one that does not exist or is not a number', async () => {
    const first = await call('GET', '/api/rules/versions/1');

    expect(first.status).toBe(200);
    expect(first.json.ruleSet.campaigns.length).toBe(3);
    expectError(await call('GET', '/api/rules/versions/999'), 404);
    expectError(await call('GET', '/api/rules/versions/latest'), 400);
  });

  it('answers an unknown route with a 404 in the error format', async () => {
    expectError(await call('GET', '/api/nothing-here'), 404);
  });
});
