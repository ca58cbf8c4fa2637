import { durationToMs } from '../rules/schema/duration.js';
import type { Offer, RuleSet } from '../rules/schema/index.js';
import type { CouponValue, EmailData } from './email-data.js';

const sampleItems = {
  en: [
    { name: 'Linen throw pillow', unitPrice: 3400, quantity: 2 },
    { name: 'Stoneware mug set', unitPrice: 2800, quantity: 1 },
  ],
  zh: [
    { name: '亚麻抱枕', unitPrice: 3400, quantity: 2 },
    { name: '粗陶马克杯套装', unitPrice: 2800, quantity: 1 },
  ],
};

/** A plausible coupon value for a preview; the coupons module computes the real one per customer. */
const sampleCouponValue = (offer: Offer, subtotal: number): CouponValue => {
  switch (offer.kind) {
    case 'percent_off':
      return { kind: 'percent_off', percent: offer.percent, maxDiscount: offer.maxDiscount };
    case 'amount_off':
      return { kind: 'amount_off', amount: offer.amount };
    case 'spend_threshold': {
      const raw = subtotal * (1 + offer.thresholdAbove.minPercent / 100);
      const step = offer.roundTo ?? 1;
      return { kind: 'spend_threshold', threshold: Math.ceil(raw / step) * step, save: offer.save };
    }
    case 'free_shipping':
      return { kind: 'free_shipping' };
  }
};

/** Sample data for `nudge preview`: a customer, a two-item cart and the step's coupon, if any. */
export const sampleEmailData = (
  ruleSet: RuleSet,
  offerId: string | undefined,
  locale: string,
  now: Date,
): EmailData => {
  const chinese = locale.toLowerCase().startsWith('zh');
  const items = chinese ? sampleItems.zh : sampleItems.en;
  const subtotal = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const shopUrl = ruleSet.settings.shopUrl ?? 'https://shop.example';
  const offer = offerId ? ruleSet.offers[offerId] : undefined;
  return {
    customer: { firstName: chinese ? '小雨' : 'Alex' },
    cart: { currency: ruleSet.settings.currency, items, subtotal },
    checkoutUrl: `${shopUrl}/cart`,
    coupon: offer && {
      code: 'K7QM-3XD9-PW2H-T',
      expiresAt: new Date(now.getTime() + (durationToMs(offer.validFor) ?? 0)).toISOString(),
      value: sampleCouponValue(offer, subtotal),
    },
    unsubscribeUrl: 'https://shop.example/unsubscribe?token=preview',
  };
};
