import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../functions/admin/router.js';
import { couponRoutes } from '../../../functions/admin/routes/coupons.js';
import { type CouponDeps, issueCoupon } from '../../../functions/coupons/issue-coupon.js';
import { type RedeemDeps, redeemCouponsForOrder } from '../../../functions/coupons/redeem-coupons.js';
import { offerSchema } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { ensureSwitches } from '../../../functions/switches/switch-commands.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus, RecordingScheduler } from '../budget/fakes.js';
import { ruleSetWith } from '../budget/rule-set-fixture.js';

const issuedAt = new Date('2025-03-14T10:00:00Z');
const offer = offerSchema.parse({
  id: 'p15',
  kind: 'percent_off',
  percent: 15,
  maxDiscount: 2000,
  validFor: 'P3D',
});

describe('GET /api/coupons against DynamoDB Local', () => {
  it("lists a customer's coupons, redeemed ones included, and nothing else the index holds", async () => {
    const dynamo = await freshTables();
    const deps: CouponDeps & RedeemDeps = {
      ...dynamo,
      bus: new RecordingBus(),
      scheduler: new RecordingScheduler(),
      clock: new VirtualClock(issuedAt),
    };
    const ruleSet = ruleSetWith({ campaigns: [{ id: 'recall', budget: { total: 100_000 } }] });
    await ensureSwitches(deps, { campaignIds: ['recall'] });
    const issued = await issueCoupon(deps, {
      campaign: ruleSet.campaigns[0]!,
      offer,
      customer: { customerId: 'alice' },
      cart: { cartId: 'cart-alice', subtotal: 8000 },
      at: issuedAt,
      ruleSet,
    });
    if (!issued.ok) throw new Error(issued.message);
    await redeemCouponsForOrder(deps, {
      orderId: 'order-1',
      customerId: 'alice',
      currency: 'USD',
      total: 10000,
      placedAt: '2025-03-15T09:00:00Z',
      items: [{ sku: 'sku-1', name: 'Teapot', unitPrice: 10000, quantity: 1 }],
      couponCodes: [issued.coupon.code],
    });
    const router = createRouter(couponRoutes(deps as unknown as Deps));

    const answer = await router({
      method: 'GET',
      path: '/api/coupons',
      query: { customer: 'alice' },
      headers: {},
      body: undefined,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      expect.objectContaining({
        code: issued.coupon.code,
        customerId: 'alice',
        state: 'redeemed',
        orderId: 'order-1',
      }),
    ]);
  });
});
