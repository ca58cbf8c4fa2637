import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CouponValue,
  discountForOrder,
  formatCouponValue,
  marginAllowance,
  valueOffer,
} from '../../../functions/coupons/offer-value.js';
import { offerSchema } from '../../../functions/rules/schema/index.js';

const offer = (fields: Record<string, unknown>) => offerSchema.parse({ id: 'o', ...fields });
const usd = { currency: 'USD', locale: 'en' };
const cny = { currency: 'CNY', locale: 'zh-CN' };

const couponValueOf = (result: ReturnType<typeof valueOffer>): CouponValue => {
  if (!result.ok) throw new Error(`expected a value, got ${result.reason}`);
  return result.value;
};

describe('offer valuation', () => {
  it('sets a spend threshold 20-30% above the cart, rounded to a friendly amount: add 38 yuan to save 30', () => {
    const spend = offer({ kind: 'spend_threshold', save: 3000 });

    const value = couponValueOf(valueOffer(spend, { ...cny, subtotal: 16200 }));

    expect(value).toMatchObject({ threshold: 20000, save: 3000, maxDiscount: 3000, minSpend: 20000 });
    expect(formatCouponValue(value, 'zh-CN', 16200)).toBe('满¥200减¥30（再买¥38即可）');
    expect(formatCouponValue(value, 'en', 16200)).toBe('Spend CN¥200, save CN¥30 (add CN¥38 more)');
  });

  it('keeps every spend threshold within its band above the cart, for any cart', () => {
    const spend = offer({ kind: 'spend_threshold', save: 500 });
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10_000_000 }), (subtotal) => {
        const { threshold } = couponValueOf(valueOffer(spend, { ...usd, subtotal }));
        expect(threshold!).toBeGreaterThanOrEqual(Math.ceil(subtotal * 1.2));
        expect(threshold!).toBeLessThanOrEqual(
          Math.max(Math.ceil(subtotal * 1.2), Math.floor(subtotal * 1.3)),
        );
      }),
    );
  });

  it('rounds a threshold up to roundTo when the offer names one', () => {
    const spend = offer({ kind: 'spend_threshold', save: 500, roundTo: 500 });

    expect(couponValueOf(valueOffer(spend, { ...usd, subtotal: 4210 })).threshold).toBe(5500);
  });

  it('gives high-value customers the adjusted percent of their tier', () => {
    const percent = offer({
      kind: 'percent_off',
      percent: 10,
      maxDiscount: 2000,
      adjust: [{ when: { valueTier: 'high' }, percent: 20, maxDiscount: 4000 }],
    });

    expect(couponValueOf(valueOffer(percent, { ...usd, valueTier: 'high' }))).toMatchObject({
      percent: 20,
      maxDiscount: 4000,
    });
    expect(couponValueOf(valueOffer(percent, { ...usd, valueTier: 'low' }))).toMatchObject({
      percent: 10,
      maxDiscount: 2000,
    });
  });

  it('cuts a percent down to what the margin floor allows, and refuses when nothing is left', () => {
    const percent = offer({ kind: 'percent_off', percent: 30, maxDiscount: 5000, marginFloor: 0.3 });

    expect(couponValueOf(valueOffer(percent, { ...usd, grossMargin: 0.5 })).percent).toBe(28);
    expect(valueOffer(percent, { ...usd, grossMargin: 0.3 })).toMatchObject({
      ok: false,
      reason: 'margin_too_thin',
    });
  });

  it('never discounts an order below its margin floor, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (subtotal, grossMargin, marginFloor) => {
          const value: CouponValue = {
            offerId: 'o',
            kind: 'percent_off',
            percent: 50,
            maxDiscount: 1_000_000,
            minSpend: 0,
            marginFloor,
            currency: 'USD',
          };
          const discount = discountForOrder(value, { subtotal, grossMargin });
          if (discount === 0 || discount === subtotal) return;
          const marginLeft = (grossMargin * subtotal - discount) / (subtotal - discount);
          expect(marginLeft).toBeGreaterThanOrEqual(marginFloor - 1e-9);
        },
      ),
    );
  });

  it('takes off the percent of the order, capped at the reserved maximum', () => {
    const value = couponValueOf(
      valueOffer(offer({ kind: 'percent_off', percent: 15, maxDiscount: 2000 }), usd),
    );

    expect(discountForOrder(value, { subtotal: 10000 })).toBe(1500);
    expect(discountForOrder(value, { subtotal: 50000 })).toBe(2000);
    expect(formatCouponValue(value, 'en')).toBe('15% off (up to $20)');
  });

  it('gives nothing off an order below the minimum spend', () => {
    const value = couponValueOf(valueOffer(offer({ kind: 'amount_off', amount: 1000, minSpend: 5000 }), usd));

    expect(discountForOrder(value, { subtotal: 4999 })).toBe(0);
    expect(discountForOrder(value, { subtotal: 5000 })).toBe(1000);
  });

  it('prints amounts in the currency of the shop, without decimals when whole', () => {
    const yen = couponValueOf(
      valueOffer(offer({ kind: 'amount_off', amount: 500 }), { currency: 'JPY', locale: 'ja-JP' }),
    );
    const dollars = couponValueOf(valueOffer(offer({ kind: 'amount_off', amount: 1050 }), usd));

    expect(formatCouponValue(yen, 'en')).toBe('¥500 off');
    expect(formatCouponValue(dollars, 'en')).toBe('$10.50 off');
  });

  it('computes the margin allowance from the order amount, margin and floor', () => {
    expect(marginAllowance(10000, 0.5, 0.3)).toBe(2857);
    expect(marginAllowance(10000, 0.3, 0.3)).toBe(0);
  });
});
