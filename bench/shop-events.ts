import {
  cartUpdatedSchema,
  customerUpsertedSchema,
  orderPlacedSchema,
} from '../functions/events/shop-events.js';

/** Real-shaped shop events for the benchmarks, each run through its schema so they never drift. */
export const customerUpserted = (customerId: string, at: Date) =>
  customerUpsertedSchema.parse({
    customerId,
    email: `${customerId}@example.com`,
    locale: 'en-US',
    timeZone: 'America/New_York',
    consent: {
      email: 'opted_in',
      updatedAt: new Date(at.getTime() - 86_400_000).toISOString(),
      source: 'checkout',
    },
    firstName: 'Ada',
    country: 'US',
  });

const items = (version: number) => [
  { sku: 'TEA-LONGJING-250', name: 'Longjing tea 250g', unitPrice: 12_800, quantity: 1 + (version % 3) },
  { sku: 'CUP-CELADON', name: 'Celadon tea cup', unitPrice: 4_500, quantity: 1 },
];

/** The `version`-th change of a cart: the items move a little, `updatedAt` moves forward. */
export const cartUpdated = (cartId: string, customerId: string, updatedAt: Date, version = 0) => {
  const lines = items(version);
  return cartUpdatedSchema.parse({
    cartId,
    customerId,
    currency: 'USD',
    items: lines,
    subtotal: lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    checkoutUrl: `https://shop.example.com/cart/${cartId}`,
    updatedAt: updatedAt.toISOString(),
  });
};

export const orderPlaced = (
  order: { orderId: string; customerId: string; cartId: string; total: number; couponCodes: string[] },
  placedAt: Date,
) =>
  orderPlacedSchema.parse({
    ...order,
    currency: 'USD',
    placedAt: placedAt.toISOString(),
    items: items(2).map((line) => ({ ...line, margin: 0.5 })),
    margin: 0.5,
  });
