import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../reliability/invariants/check-budget.js';
import { checkCoupons } from '../../reliability/invariants/check-coupons.js';
import { checkLogs } from '../../reliability/invariants/check-logs.js';
import { checkMessages } from '../../reliability/invariants/check-messages.js';
import type { AcceptedSend, InvariantResult, Item } from '../../reliability/invariants/invariant.js';
import type { DeliveredEvent } from '../../reliability/replaying-runtime.js';

const T = Date.parse('2025-03-03T12:00:00Z');
const VERSION = '2025-03-03T08:00:00.000Z';
const claim = (state: string, messageId = 'm1'): Item => ({
  pk: 'c1',
  sk: `claim#cart-recall#cart-1#${VERSION}#1`,
  customerId: 'c1',
  campaignId: 'cart-recall',
  subjectKey: `cart-1#${VERSION}`,
  flow: 'cart_recall',
  step: 1,
  state,
  messageId,
});
const send = (at = T): AcceptedSend => ({
  messageId: 'm1',
  campaignId: 'cart-recall',
  customerId: 'c1',
  step: 1,
  to: 'c1@example.com',
  at,
});
const upsert = (consent: string, deliveredAt = T - 86_400_000): DeliveredEvent => ({
  source: 'shop',
  detailType: 'Customer Upserted',
  detail: { customerId: 'c1', consent: { email: consent, updatedAt: '2025-03-01T00:00:00Z' } },
  at: deliveredAt,
  deliveredAt,
});
const broken = (results: InvariantResult[]) =>
  results.filter((result) => result.violations.length > 0).map((result) => result.name);

describe('message invariants', () => {
  it('find nothing wrong with one consented send on record', () => {
    const results = checkMessages({
      accepted: [send()],
      snapshot: { messages: [claim('sent')], orders: [], customers: [] },
      delivered: [upsert('opted_in')],
    });

    expect(broken(results)).toEqual([]);
    expect(results.every((result) => result.checked === 1)).toBe(true);
  });

  it('catch a message SES accepted twice', () => {
    const results = checkMessages({
      accepted: [send(), send(T + 1000)],
      snapshot: { messages: [claim('sent')], orders: [], customers: [] },
      delivered: [upsert('opted_in')],
    });

    expect(broken(results)).toEqual(['one message per (campaign, customer, subject, step)']);
  });

  it('catch a reminder sent after an order nudge had recorded, but not one recorded later', () => {
    const order = (recordedAt: number) => ({
      pk: 'o1',
      sk: 'order',
      orderId: 'o1',
      customerId: 'c1',
      placedAt: '2025-03-03T09:00:00.000Z',
      recordedAt: new Date(recordedAt).toISOString(),
    });
    const facts = (recordedAt: number) => ({
      accepted: [send()],
      snapshot: { messages: [claim('sent')], orders: [order(recordedAt)], customers: [] },
      delivered: [upsert('opted_in')],
    });

    expect(broken(checkMessages(facts(T - 60_000)))).toEqual(['no message after an order']);
    expect(broken(checkMessages(facts(T + 60_000)))).toEqual([]);
  });

  it('catch sends without consent, after an unsubscribe and after a permanent bounce', () => {
    const unsubscribe: DeliveredEvent = {
      source: 'shop',
      detailType: 'Customer Unsubscribed',
      detail: { customerId: 'c1', scope: 'all', at: '2025-03-03T10:00:00Z' },
      at: T - 7_200_000,
      deliveredAt: T - 3_600_000,
    };
    const bounce: DeliveredEvent = {
      source: 'aws.ses',
      detailType: 'Email Bounced',
      detail: {
        bounce: { bounceType: 'Permanent' },
        mail: { tags: { customer: [Buffer.from('c1').toString('base64url')] } },
      },
      at: T - 7_200_000,
      deliveredAt: T - 3_600_000,
    };

    const results = checkMessages({
      accepted: [send()],
      snapshot: { messages: [claim('sent')], orders: [], customers: [] },
      delivered: [upsert('none'), unsubscribe, bounce],
    });

    expect(broken(results)).toEqual([
      'no message without consent',
      'no message to an unsubscribed customer',
      'no message to a suppressed address',
    ]);
  });

  it('catch an accepted message whose claim says it was skipped', () => {
    const results = checkMessages({
      accepted: [send()],
      snapshot: { messages: [claim('skipped')], orders: [], customers: [] },
      delivered: [upsert('opted_in')],
    });

    expect(broken(results)).toEqual(['every accepted message is on record as sent or unknown']);
  });
});

const shard = (
  scope: string,
  cap: number,
  reserved: number,
  settled: number,
  remaining = cap - reserved - settled,
) => ({
  pk: `scope#${scope}`,
  sk: 'shard#00',
  scope,
  shard: 0,
  cap,
  reserved,
  settled,
  released: 0,
  remaining,
});
/** A movement with one line in `scope`, as the ledger keeps it: one header item per movement. */
const line = (movementKey: string, scope: string, amount: number, state: string, settledAmount?: number) => ({
  pk: `movement#${movementKey}`,
  sk: '#header',
  movementKey,
  state,
  amount,
  at: '2025-03-03T10:00:00.000Z',
  lines: { [scope]: { shard: 0, amount } },
  settledAmount,
});
const coupon = (code: string, state: string, extra: Item = {}) => ({
  pk: `coupon#${code}`,
  sk: 'coupon',
  code,
  state,
  campaignId: 'cart-recall',
  customerId: 'c1',
  issueKey: `cart-recall#c1#cart:${code}`,
  value: { maxDiscount: 2000 },
  ...extra,
});

describe('budget invariants', () => {
  const scope = 'campaign:cart-recall:day:2025-03-03';

  it('find nothing wrong when the shard holds exactly what live and redeemed coupons account for', () => {
    const results = checkBudget({
      budgets: [
        shard(scope, 5_000_000, 2_000_000, 1_200_000),
        line('coupon:AAA', scope, 2_000_000, 'reserved'),
        line('coupon:BBB', scope, 2_000_000, 'settled', 1_200_000),
        line('coupon:CCC', scope, 2_000_000, 'released', 0),
      ],
      coupons: [coupon('AAA', 'live'), coupon('BBB', 'redeemed'), coupon('CCC', 'expired')],
      messages: [],
    });

    expect(broken(results)).toEqual([]);
  });

  it('catch a scope over its cap', () => {
    const results = checkBudget({
      budgets: [shard(scope, 1_000_000, 2_000_000, 0, 0), line('coupon:AAA', scope, 2_000_000, 'reserved')],
      coupons: [coupon('AAA', 'live')],
      messages: [],
    });

    expect(broken(results)).toEqual([
      'reserved + settled <= cap, every scope',
      'shard figures add up (remaining = cap - reserved - settled)',
    ]);
  });

  it('catch a reservation that an expired coupon still holds, and a coupon nobody paid for', () => {
    const results = checkBudget({
      budgets: [shard(scope, 5_000_000, 2_000_000, 0), line('coupon:AAA', scope, 2_000_000, 'reserved')],
      coupons: [coupon('AAA', 'expired'), coupon('BBB', 'live')],
      messages: [],
    });

    expect(broken(results)).toEqual([
      'every movement matches its coupon or message',
      'every live or redeemed coupon and sent message is paid for',
    ]);
  });

  it('catch a shard whose figures differ from its movement lines', () => {
    const results = checkBudget({
      budgets: [shard(scope, 5_000_000, 4_000_000, 0), line('coupon:AAA', scope, 2_000_000, 'reserved')],
      coupons: [coupon('AAA', 'live')],
      messages: [],
    });

    expect(broken(results)).toEqual(['scope reserved and settled equal its movement lines']);
  });
});

describe('coupon invariants', () => {
  it('catch two coupons for one issue key, two live codes, and a redemption by another customer', () => {
    const results = checkCoupons({
      coupons: [
        coupon('AAA', 'live', { issueKey: 'k1' }),
        coupon('BBB', 'live', { issueKey: 'k1' }),
        coupon('CCC', 'redeemed', { orderId: 'o1', discount: 500 }),
      ],
      orders: [{ pk: 'o1', sk: 'order', orderId: 'o1', customerId: 'someone-else' }],
    });

    expect(broken(results)).toEqual([
      'one coupon per (campaign, customer, cart or period)',
      'one live coupon per (campaign, customer)',
      'a coupon is redeemed once, by its customer, within its maximum',
    ]);
  });
});

describe('log invariant', () => {
  const personal = { emails: ['ada@customers.example.com'], names: ['Ada', '伟'] };

  it('passes lines that carry ids only, even when a name is part of a longer word', () => {
    const lines = [
      { message: 'campaign step decided', attributes: { customerId: 'sim-000001', note: 'Adaptive' } },
    ];

    expect(broken(checkLogs(lines, personal))).toEqual([]);
  });

  it.each([
    ['an email address', { message: 'sent', attributes: { to: 'ADA@customers.example.com' } }],
    ['a Latin name', { message: 'hello Ada' }],
    ['a Chinese name', { message: 'greeting 伟' }],
  ])('catches %s', (_, line) => {
    expect(broken(checkLogs([line], personal))).toEqual(['no email address or customer name in the logs']);
  });
});
