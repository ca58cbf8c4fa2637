import { formatCouponCode } from './coupon-code.js';
import type { CouponState, StoredCoupon } from './coupon-item.js';
import type { CouponValue } from './offer-value.js';

/** A coupon as the email and the send pipeline see it. Amounts in minor units. */
export interface IssuedCoupon {
  /** As printed, e.g. `K7QM-3XD9-PW2H-T`. */
  code: string;
  campaignId: string;
  customerId: string;
  state: CouponState;
  value: CouponValue;
  /** The most it can cost; what the budget holds for it until it is redeemed or expires. */
  maxDiscount: number;
  minSpend: number;
  /** ISO 8601 instant. */
  expiresAt: string;
  /** E.g. "15% off (up to $20)" or "满¥200减¥30（再买¥38即可）". */
  formattedValue: string;
  /** E.g. "March 17, 2025 at 2:00 PM", in the customer's locale and time zone. */
  formattedExpiresAt: string;
}

export const formatExpiry = (validUntil: string, locale: string, timeZone = 'UTC'): string => {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
      new Date(validUntil),
    );
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(validUntil),
    );
  }
};

export const presentCoupon = (coupon: StoredCoupon): IssuedCoupon => ({
  code: formatCouponCode(coupon.code),
  campaignId: coupon.campaignId,
  customerId: coupon.customerId,
  state: coupon.state,
  value: coupon.value,
  maxDiscount: coupon.value.maxDiscount,
  minSpend: coupon.minSpend,
  expiresAt: coupon.validUntil,
  formattedValue: coupon.formattedValue,
  formattedExpiresAt: formatExpiry(coupon.validUntil, coupon.locale, coupon.timeZone),
});
