import { describe, expect, it } from 'vitest';
import { readScopeTotals } from '../../../functions/budget/budget-figures.js';
import {
  type CouponDeps,
  type IssueCouponRequest,
  issueCoupon,
} from '../../../functions/coupons/issue-coupon.js';
import { offerSchema } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { ensureSwitches, setSwitch } from '../../../functions/switches/switch-commands.js';
import { checkSwitches } from '../../../functions/switches/switch-reader.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus, RecordingScheduler } from '../budget/fakes.js';
import { amountOff, ruleSetWith } from '../budget/rule-set-fixture.js';

const at = new Date('2025-03-14T10:00:00Z');

const setup = async (campaignBudget: Record<string, unknown> = {}) => {
  const dynamo = await freshTables();
  const bus = new RecordingBus();
  const scheduler = new RecordingScheduler();
  const deps: CouponDeps = { ...dynamo, bus, scheduler, clock: new VirtualClock(at) };
  const ruleSet = ruleSetWith({ campaigns: [{ id: 'recall', budget: campaignBudget }] });
  await ensureSwitches(deps, { campaignIds: ['recall'] });
  const request = (
    customerId: string,
    cartId = `cart-${customerId}`,
    offer = amountOff(3000),
  ): IssueCouponRequest => ({
    campaign: ruleSet.campaigns[0]!,
    offer,
    customer: { customerId, locale: 'en', timeZone: 'UTC' },
    cart: { cartId, subtotal: 20000 },
    at,
    ruleSet,
  });
  return { deps, bus, scheduler, ruleSet, request };
};

const sampleWhile = async <T>(read: () => Promise<number>, work: Promise<T>) => {
  const samples: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) samples.push(await read());
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await sampler;
  return { result, samples };
};

describe('issuing coupons against DynamoDB Local', () => {
  it.each([
    { shards: 1, least: 33 },
    { shards: 4, least: 30 },
  ])(
    '64 concurrent issuers never push a $shards-shard campaign cap past it, and the coupons add up to what is reserved',
    async ({ shards, least }) => {
      const cap = 100_000;
      const { deps, bus, request } = await setup({ total: cap, shards });
      const scope = 'campaign:recall:total';
      const used = async () => {
        const totals = await readScopeTotals(deps, scope);
        return totals.reserved + totals.settled;
      };

      const { result, samples } = await sampleWhile(
        used,
        Promise.all(Array.from({ length: 64 }, (_, index) => issueCoupon(deps, request(`c${index}`)))),
      );

      const issued = result.flatMap((outcome) => (outcome.ok ? [outcome.coupon] : []));
      const refusals = new Set(result.flatMap((outcome) => (outcome.ok ? [] : [outcome.reason])));
      expect(samples.length).toBeGreaterThan(1);
      expect(Math.max(...samples, await used())).toBeLessThanOrEqual(cap * 1000);
      expect(await used()).toBe(issued.reduce((sum, coupon) => sum + coupon.maxDiscount * 1000, 0));
      expect(issued.length).toBeGreaterThanOrEqual(least);
      expect(issued.length).toBeLessThanOrEqual(33);
      expect(new Set(issued.map((coupon) => coupon.code)).size).toBe(issued.length);
      expect([...refusals].every((reason) => reason === 'budget_exhausted' || reason === 'switch_off')).toBe(
        true,
      );
      expect(bus.of('Coupon Issued')).toHaveLength(issued.length);
      expect(bus.of('Campaign Paused')).toEqual([
        expect.objectContaining({ scope: 'campaign:recall', reason: 'budget_exhausted' }),
      ]);
      expect(await checkSwitches(deps, ['campaign:recall'], { maxAgeMs: 0 })).toMatchObject({
        open: false,
        state: 'paused',
      });
    },
  );

  it('returns the same coupon and reserves nothing more when the same issue is replayed, even concurrently', async () => {
    const { deps, request } = await setup({ total: 100_000 });

    const first = await Promise.all(Array.from({ length: 6 }, () => issueCoupon(deps, request('alice'))));
    const again = await issueCoupon(deps, request('alice'));

    const codes = new Set(
      [...first, again].map((outcome) => (outcome.ok ? outcome.coupon.code : outcome.reason)),
    );
    expect(codes.size).toBe(1);
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect((await readScopeTotals(deps, 'campaign:recall:total')).reserved).toBe(3_000_000);
  });

  it('keeps one live code per customer per campaign: a second cart gets the same code', async () => {
    const { deps, request } = await setup({ total: 100_000 });

    const first = await issueCoupon(deps, request('bob', 'cart-1'));
    const second = await issueCoupon(deps, request('bob', 'cart-2'));

    expect(first.ok && second.ok && second.coupon.code === first.coupon.code).toBe(true);
    expect((await readScopeTotals(deps, 'campaign:recall:total')).reserved).toBe(3_000_000);
  });

  it('issues a printable, expiring coupon and schedules its expiry', async () => {
    const { deps, scheduler, request } = await setup();
    const percent = offerSchema.parse({
      id: 'p15',
      kind: 'percent_off',
      percent: 15,
      maxDiscount: 2000,
      validFor: 'P3D',
    });

    const outcome = await issueCoupon(deps, request('carol', 'cart-9', percent));

    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.coupon).toMatchObject({
      state: 'live',
      maxDiscount: 2000,
      expiresAt: '2025-03-17T10:00:00.000Z',
      formattedValue: '15% off (up to $20)',
      formattedExpiresAt: 'March 17, 2025 at 10:00 AM',
    });
    expect(outcome.coupon.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    expect([...scheduler.schedules.values()]).toEqual([
      {
        at: new Date('2025-03-17T10:00:00Z'),
        job: { kind: 'coupon-expiry', payload: { code: outcome.coupon.code.replace(/-/g, '') } },
      },
    ]);
  });

  it('refuses to issue while a switch is off, and reserves nothing', async () => {
    const { deps, request } = await setup({ total: 100_000 });
    await setSwitch(deps, { scope: 'channel:email', state: 'paused', reason: 'test', actor: 'tester' });

    const outcome = await issueCoupon(deps, request('dave'));

    expect(outcome).toMatchObject({ ok: false, reason: 'switch_off' });
    expect((await readScopeTotals(deps, 'campaign:recall:total')).reserved).toBe(0);
  });

  it('refuses an offer the cart margin cannot carry', async () => {
    const { deps, request } = await setup();
    const thin = amountOff(3000, { marginFloor: 0.35 });
    const base = request('erin', 'cart-e', thin);

    const outcome = await issueCoupon(deps, {
      ...base,
      cart: { cartId: 'cart-e', subtotal: 20000, items: [{ unitPrice: 20000, quantity: 1, margin: 0.35 }] },
    });

    expect(outcome).toMatchObject({ ok: false, reason: 'margin_too_thin' });
  });
});
