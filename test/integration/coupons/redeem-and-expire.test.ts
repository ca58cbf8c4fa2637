import { describe, expect, it } from 'vitest';
import { readScopeTotals } from '../../../functions/budget/budget-figures.js';
import { createCouponExpiryHandler, expireCoupon } from '../../../functions/coupons/coupon-expiry.js';
import { type CouponDeps, issueCoupon } from '../../../functions/coupons/issue-coupon.js';
import { type RedeemDeps, redeemCouponsForOrder } from '../../../functions/coupons/redeem-coupons.js';
import { WRONG_CODES_PER_HOUR } from '../../../functions/coupons/wrong-code-limit.js';
import type { OrderPlaced } from '../../../functions/events/shop-events.js';
import { createDeadLetterStore } from '../../../functions/ingest/dead-letters.js';
import { offerSchema } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { ensureSwitches } from '../../../functions/switches/switch-commands.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus, RecordingScheduler } from '../budget/fakes.js';
import { ruleSetWith } from '../budget/rule-set-fixture.js';

const issuedAt = new Date('2025-03-14T10:00:00Z');
const percent15 = offerSchema.parse({
  id: 'p15',
  kind: 'percent_off',
  percent: 15,
  maxDiscount: 2000,
  minSpend: 5000,
  validFor: 'P3D',
});

const setup = async () => {
  const dynamo = await freshTables();
  const bus = new RecordingBus();
  const scheduler = new RecordingScheduler();
  const clock = new VirtualClock(issuedAt);
  const deps: CouponDeps & RedeemDeps = { ...dynamo, bus, scheduler, clock };
  const ruleSet = ruleSetWith({ campaigns: [{ id: 'recall', budget: { total: 100_000 } }] });
  await ensureSwitches(deps, { campaignIds: ['recall'] });
  const issue = async (customerId = 'alice', cartId = `cart-${customerId}`) => {
    const outcome = await issueCoupon(deps, {
      campaign: ruleSet.campaigns[0]!,
      offer: percent15,
      customer: { customerId },
      cart: { cartId, subtotal: 8000 },
      at: issuedAt,
      ruleSet,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.coupon;
  };
  const order = (orderId: string, couponCodes: string[], fields: Partial<OrderPlaced> = {}): OrderPlaced => ({
    orderId,
    customerId: 'alice',
    currency: 'USD',
    total: 10000,
    placedAt: '2025-03-15T09:00:00Z',
    items: [{ sku: 'sku-1', name: 'Teapot', unitPrice: 10000, quantity: 1 }],
    couponCodes,
    ...fields,
  });
  const totals = () => readScopeTotals(deps, 'campaign:recall:total');
  return { dynamo, deps, bus, scheduler, clock, issue, order, totals };
};

describe('redeeming coupons against DynamoDB Local', () => {
  it('redeems a code once when two orders race for it, settling the discount and releasing the rest', async () => {
    const { deps, bus, issue, order, totals } = await setup();
    const coupon = await issue();

    const [first, second] = await Promise.all([
      redeemCouponsForOrder(deps, order('order-1', [coupon.code])),
      redeemCouponsForOrder(deps, order('order-2', [coupon.code.toLowerCase()])),
    ]);

    const statuses = [...first!, ...second!].map((outcome) => outcome.reason ?? outcome.status).sort();
    expect(statuses).toEqual(['already_redeemed', 'redeemed']);
    expect(await totals()).toMatchObject({ reserved: 0, settled: 1_500_000, released: 500_000 });
    expect(bus.of('Coupon Redeemed')).toEqual([
      expect.objectContaining({ code: coupon.code, discount: 1500 }),
    ]);
  });

  it('settles nothing more when the same order is delivered again', async () => {
    const { deps, issue, order, totals } = await setup();
    const coupon = await issue();

    const first = await redeemCouponsForOrder(deps, order('order-1', [coupon.code]));
    const again = await redeemCouponsForOrder(deps, order('order-1', [coupon.code]));

    expect(again).toEqual(first);
    expect(await totals()).toMatchObject({ reserved: 0, settled: 1_500_000 });
  });

  it('records a code of another customer, an unknown code and a typo as rejected, with reasons', async () => {
    const { deps, issue, order } = await setup();
    const bobs = await issue('bob');

    const outcomes = await redeemCouponsForOrder(
      deps,
      order('order-1', [bobs.code, '0000-0000-0000-0', 'hello']),
    );

    expect(outcomes.map((outcome) => [outcome.status, outcome.reason])).toEqual([
      ['rejected', 'wrong_customer'],
      ['rejected', 'unknown_code'],
      ['rejected', 'malformed'],
    ]);
  });

  it('keeps a coupon live when an order misses its minimum spend', async () => {
    const { deps, issue, order, totals } = await setup();
    const coupon = await issue();

    const small = await redeemCouponsForOrder(
      deps,
      order('order-small', [coupon.code], { items: [], total: 4000 }),
    );
    const large = await redeemCouponsForOrder(deps, order('order-large', [coupon.code]));

    expect(small[0]).toMatchObject({ status: 'rejected', reason: 'below_min_spend' });
    expect(large[0]).toMatchObject({ status: 'redeemed', discount: 1500 });
    expect((await totals()).settled).toBe(1_500_000);
  });

  it(`refuses codes unread after ${WRONG_CODES_PER_HOUR} wrong ones in an hour, even the right one`, async () => {
    const { deps, issue, order } = await setup();
    const coupon = await issue();
    const guesses = Array.from({ length: WRONG_CODES_PER_HOUR }, (_, index) => `guess-${index}`);

    for (const [index, guess] of guesses.entries())
      await redeemCouponsForOrder(deps, order(`o${index}`, [guess]));
    const afterLimit = await redeemCouponsForOrder(deps, order('real', [coupon.code]));

    expect(afterLimit[0]).toMatchObject({ status: 'rejected', reason: 'rate_limited' });
  });
});

describe('coupon expiry against DynamoDB Local', () => {
  it('releases everything an unredeemed coupon reserved, exactly once, and then refuses the code', async () => {
    const { deps, clock, issue, order, totals } = await setup();
    const coupon = await issue();
    const code = coupon.code.replace(/-/g, '');

    const early = await expireCoupon(deps, code);
    clock.set(new Date('2025-03-17T10:00:00Z'));
    const due = await Promise.all([expireCoupon(deps, code), expireCoupon(deps, code)]);
    const late = await redeemCouponsForOrder(
      deps,
      order('order-late', [coupon.code], { placedAt: '2025-03-17T11:00:00Z' }),
    );

    expect(early).toBe('not_due');
    expect(due.sort()).toEqual(['already_closed', 'expired']);
    expect(await totals()).toMatchObject({ reserved: 0, settled: 0, released: 2_000_000 });
    expect(late[0]).toMatchObject({ status: 'rejected', reason: 'expired' });
  });

  it('lets the customer get a new code for a new cart once the old code expired', async () => {
    const { deps, clock, issue } = await setup();
    const first = await issue('alice', 'cart-1');
    const whileLive = await issue('alice', 'cart-2');
    clock.set(new Date('2025-03-17T10:00:00Z'));
    await expireCoupon(deps, first.code.replace(/-/g, ''));

    const afterExpiry = await issue('alice', 'cart-3');
    const replayOfExpired = await issue('alice', 'cart-1');

    expect(whileLive.code).toBe(first.code);
    expect(afterExpiry.code).not.toBe(first.code);
    expect(replayOfExpired).toMatchObject({ code: first.code, state: 'expired' });
  });

  it('dead-letters a scheduled job that is not a coupon expiry', async () => {
    const { dynamo, bus, scheduler, clock } = await setup();
    const deps: Deps = {
      ...dynamo,
      bus,
      scheduler,
      clock,
      log: new MemoryLog(),
      mailer: { send: async () => ({ providerMessageId: 'unused' }) },
      unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
    };

    await createCouponExpiryHandler(deps)({ kind: 'coupon-expiry', payload: { code: 'nope' } });

    const letters = await createDeadLetterStore(deps).list();
    expect(letters).toEqual([
      expect.objectContaining({ function: 'coupon-expiry', reason: expect.stringContaining('payload.code') }),
    ]);
  });
});
