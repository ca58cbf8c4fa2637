import { describe, expect, it } from 'vitest';
import { parseShopEvent } from '../../../functions/ingest/parse-event.js';
import { InvalidEventError } from '../../../functions/shared/errors.js';
import cartFixture from '../../events/cart-updated.json' with { type: 'json' };

const cartEvent = (detail: Record<string, unknown>) => ({
  ...cartFixture,
  detail: { ...cartFixture.detail, ...detail },
});

const reasonFor = (event: unknown): string => {
  try {
    parseShopEvent(event, ['Cart Updated', 'Checkout Started']);
  } catch (error) {
    if (error instanceof InvalidEventError) return error.message;
    throw error;
  }
  throw new Error('expected the event to be rejected');
};

describe('parseShopEvent', () => {
  it('returns the typed detail of a valid event', () => {
    const parsed = parseShopEvent(cartFixture, ['Cart Updated']);

    expect(parsed.detailType).toBe('Cart Updated');
    expect(parsed.detail.subtotal).toBe(30100);
  });

  it('names the item field when a price is a fraction instead of minor units', () => {
    const firstItem = { ...cartFixture.detail.items[0], unitPrice: 128.5 };

    const reason = reasonFor(cartEvent({ items: [firstItem] }));

    expect(reason).toBe(
      'detail.items[0].unitPrice: must be a whole number of minor units (cents), not a fraction',
    );
  });

  it('names every offending field in one reason', () => {
    const reason = reasonFor(cartEvent({ currency: 'XXQ', checkoutUrl: 'ftp://x' }));

    expect(reason).toContain('detail.currency:');
    expect(reason).toContain('detail.checkoutUrl: must be an http(s) URL');
  });

  it('names an unexpected field the shop added', () => {
    expect(reasonFor(cartEvent({ coupon: 'X' }))).toMatch(/^detail: Unrecognized key: "coupon"/);
  });

  it('rejects an envelope without an id', () => {
    const { id: _id, ...withoutId } = cartFixture;

    expect(reasonFor(withoutId)).toMatch(/^id: /);
  });

  it('rejects a detail-type the function does not take', () => {
    expect(reasonFor({ ...cartFixture, 'detail-type': 'Cart Abandoned' })).toContain(
      'unknown detail-type "Cart Abandoned"',
    );
  });
});
