import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

const minor = lazy(() => z.number().check(z.int(), z.nonnegative()));

export const couponValueSchema = lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('percent_off'),
      percent: z.number().check(z.positive(), z.lte(100)),
      maxDiscount: minor(),
    }),
    z.object({ kind: z.literal('amount_off'), amount: minor() }),
    z.object({ kind: z.literal('spend_threshold'), threshold: minor(), save: minor() }),
    z.object({ kind: z.literal('free_shipping') }),
  ]),
);

/** The facts an email is rendered from; the renderer formats them for the customer's locale. */
export const emailDataSchema = lazy(() =>
  z.object({
    customer: z._default(z.object({ firstName: z.optional(z.string()) }), {}),
    /** IANA zone of the customer; dates are shown in it (defaults to settings.timeZone). */
    timeZone: z.optional(z.string()),
    cart: z.optional(
      z.object({
        currency: z.optional(z.string()),
        items: z.array(
          z.object({
            name: z.string(),
            unitPrice: minor(),
            quantity: z.number().check(z.int(), z.positive()),
            imageUrl: z.optional(z.string()),
            url: z.optional(z.string()),
          }),
        ),
        subtotal: minor(),
      }),
    ),
    checkoutUrl: z.optional(z.string()),
    coupon: z.optional(z.object({ code: z.string(), expiresAt: z.string(), value: couponValueSchema() })),
    unsubscribeUrl: z.string(),
  }),
);

export type EmailData = z.input<ReturnType<typeof emailDataSchema>>;
export type CouponValue = z.infer<ReturnType<typeof couponValueSchema>>;
