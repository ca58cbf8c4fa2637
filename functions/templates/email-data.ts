import * as z from 'zod';
import { lazy } from '../shared/lazy.js';

const minor = lazy(() => z.number().int().nonnegative());

export const couponValueSchema = lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('percent_off'),
      percent: z.number().positive().max(100),
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
    customer: z.object({ firstName: z.string().optional() }).default({}),
    /** IANA zone of the customer; dates are shown in it (defaults to settings.timeZone). */
    timeZone: z.string().optional(),
    cart: z
      .object({
        currency: z.string().optional(),
        items: z.array(
          z.object({
            name: z.string(),
            unitPrice: minor(),
            quantity: z.number().int().positive(),
            imageUrl: z.string().optional(),
            url: z.string().optional(),
          }),
        ),
        subtotal: minor(),
      })
      .optional(),
    checkoutUrl: z.string().optional(),
    coupon: z.object({ code: z.string(), expiresAt: z.string(), value: couponValueSchema() }).optional(),
    unsubscribeUrl: z.string(),
  }),
);

export type EmailData = z.input<ReturnType<typeof emailDataSchema>>;
export type CouponValue = z.infer<ReturnType<typeof couponValueSchema>>;
