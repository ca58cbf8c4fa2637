import { offerKinds } from '../rules/schema/index.js';
import * as z from '../shared/zod.js';
import type { CouponValue } from './offer-value.js';

export const couponStates = ['reserving', 'live', 'redeemed', 'expired', 'aborted'] as const;
export type CouponState = (typeof couponStates)[number];

/** Items of the coupons table. Only coupon items carry customerId and campaignId (the byCustomer index). */
export const couponPk = (code: string): string => `coupon#${code}`;
export const COUPON_SK = 'coupon';
export const issuePk = (issueKey: string): string => `issue#${issueKey}`;
export const ISSUE_SK = 'issue';
/** One live code per customer per campaign: this slot names it. */
export const livePk = (campaignId: string, customerId: string): string => `live#${campaignId}#${customerId}`;
export const LIVE_SK = 'live';

export const couponValueSchema = z.lazy(() =>
  z.object({
    offerId: z.string(),
    kind: z.enum(offerKinds),
    percent: z.optional(z.number()),
    amount: z.optional(z.int()),
    threshold: z.optional(z.int()),
    save: z.optional(z.int()),
    shippingCost: z.optional(z.int()),
    maxDiscount: z.int(),
    minSpend: z.int(),
    marginFloor: z.optional(z.number()),
    currency: z.string(),
  }),
) satisfies z.ZodMiniType<CouponValue>;

export const storedCouponSchema = z.lazy(() =>
  z.object({
    /** Canonical: 13 symbols, no separators. */
    code: z.string(),
    campaignId: z.string(),
    customerId: z.string(),
    issueKey: z.string(),
    state: z.enum(couponStates),
    value: couponValueSchema,
    /** Computed at issue for the customer's locale and cart. */
    formattedValue: z.string(),
    locale: z.string(),
    timeZone: z.optional(z.string()),
    issuedAt: z.string(),
    validUntil: z.string(),
    validUntilMs: z.number(),
    minSpend: z.int(),
    redeemedAt: z.optional(z.string()),
    orderId: z.optional(z.string()),
    discount: z.optional(z.int()),
    closedAt: z.optional(z.string()),
    closedReason: z.optional(z.string()),
  }),
);
export type StoredCoupon = z.infer<typeof storedCouponSchema>;

/** The movement that pays for a coupon in the budget ledger. */
export const couponMovementKey = (code: string): string => `coupon:${code}`;

export const expiryScheduleName = (code: string): string => `coupon-expiry-${code}`;
