import * as z from '../shared/zod.js';
import {
  currencyCode,
  email,
  httpUrl,
  identifier,
  instant,
  localeTag,
  minorUnits,
  timeZone,
} from './primitives.js';

// Each schema is built on its first parse (`z.lazy`), so a function that never parses a shop event,
// or only one kind, does not build them all when it starts.

export const consentSchema = z.lazy(() =>
  z.strictObject({
    email: z.enum(['opted_in', 'soft_opt_in', 'none', 'withdrawn']),
    updatedAt: instant,
    source: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
);
export type Consent = z.infer<typeof consentSchema>;

export const customerUpsertedSchema = z.lazy(() =>
  z.strictObject({
    customerId: identifier(),
    email: email(),
    locale: localeTag(),
    timeZone: timeZone(),
    consent: consentSchema,
    firstName: z.optional(z.string().check(z.maxLength(200))),
    country: z.optional(
      z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US or CN')),
    ),
    tier: z.optional(z.string().check(z.maxLength(64))),
  }),
);
export type CustomerUpserted = z.infer<typeof customerUpsertedSchema>;

export const lineItemSchema = z.lazy(() =>
  z.strictObject({
    sku: z.string().check(z.minLength(1), z.maxLength(128)),
    name: z.string().check(z.minLength(1), z.maxLength(500)),
    unitPrice: minorUnits,
    quantity: z.number().check(z.int(), z.positive(), z.lte(10_000)),
    imageUrl: z.optional(httpUrl()),
    url: z.optional(httpUrl()),
    margin: z.optional(z.number().check(z.gte(0), z.lte(1))),
  }),
);
export type LineItem = z.infer<typeof lineItemSchema>;

export const cartUpdatedSchema = z.lazy(() =>
  z.strictObject({
    cartId: identifier(),
    customerId: identifier(),
    currency: currencyCode(),
    items: z.array(lineItemSchema).check(z.maxLength(500)),
    subtotal: minorUnits,
    checkoutUrl: httpUrl(),
    updatedAt: instant,
  }),
);
export type CartUpdated = z.infer<typeof cartUpdatedSchema>;

export const checkoutStartedSchema = cartUpdatedSchema;
export type CheckoutStarted = CartUpdated;

export const orderPlacedSchema = z.lazy(() =>
  z.strictObject({
    orderId: identifier(),
    customerId: identifier(),
    currency: currencyCode(),
    total: minorUnits,
    placedAt: instant,
    items: z.array(lineItemSchema).check(z.maxLength(500)),
    couponCodes: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20)),
    cartId: z.optional(identifier()),
    margin: z.optional(z.number().check(z.gte(0), z.lte(1))),
  }),
);
export type OrderPlaced = z.infer<typeof orderPlacedSchema>;

export const customerUnsubscribedSchema = z.lazy(() =>
  z.strictObject({
    customerId: identifier(),
    scope: z.union([z.literal('all'), identifier()]),
    at: instant,
  }),
);
export type CustomerUnsubscribed = z.infer<typeof customerUnsubscribedSchema>;

/** Every inbound shop event by its EventBridge detail-type. */
export const shopDetailSchemas = {
  'Customer Upserted': customerUpsertedSchema,
  'Cart Updated': cartUpdatedSchema,
  'Checkout Started': checkoutStartedSchema,
  'Order Placed': orderPlacedSchema,
  'Customer Unsubscribed': customerUnsubscribedSchema,
} as const;
export type ShopDetailType = keyof typeof shopDetailSchemas;
export const shopDetailTypes = Object.keys(shopDetailSchemas) as ShopDetailType[];
export const SHOP_SOURCE = 'shop';
