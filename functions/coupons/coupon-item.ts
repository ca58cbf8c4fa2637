import * as z from 'zod';
import { offerKinds } from '../rules/schema/index.js';
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
    percent: z.number().optional(),
    amount: z.number().int().optional(),
    threshold: z.number().int().optional(),
    save: z.number().int().optional(),
    shippingCost: z.number().int().optional(),
    maxDiscount: z.number().int(),
    minSpend: z.number().int(),
    marginFloor: z.number().optional(),
    currency: z.string(),
  }),
) satisfies z.ZodType<CouponValue>;

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
    timeZone: z.string().optional(),
    issuedAt: z.string(),
    validUntil: z.string(),
    validUntilMs: z.number(),
    minSpend: z.number().int(),
    redeemedAt: z.string().optional(),
    orderId: z.string().optional(),
    discount: z.number().int().optional(),
    closedAt: z.string().optional(),
    closedReason: z.string().optional(),
  }),
);
export type StoredCoupon = z.infer<typeof storedCouponSchema>;

/** The movement that pays for a coupon in the budget ledger. */
export const couponMovementKey = (code: string): string => `coupon:${code}`;

export const expiryScheduleName = (code: string): string => `coupon-expiry-${code}`;
