import { describe, expect, it } from 'vitest';
import { attributeOrder } from '../../../functions/attribution/attribute.js';
import type { PastMessage } from '../../../functions/send/decide.js';

const DAY = 86_400_000;
const placedAt = new Date('2030-03-10T12:00:00Z');
const message = (
  campaignId: string,
  daysBefore: number,
  state: PastMessage['state'] = 'sent',
): PastMessage => ({
  campaignId,
  subjectKey: 's',
  step: 1,
  state,
  at: new Date(placedAt.getTime() - daysBefore * DAY),
});

describe('attribution', () => {
  it('credits the campaign whose coupon the order redeems, before any message', () => {
    const attribution = attributeOrder({
      placedAt,
      couponCampaigns: ['win-back'],
      history: [message('cart-recall', 1)],
      windowMs: 5 * DAY,
    });

    expect(attribution).toEqual({ campaignId: 'win-back', group: 'treatment', via: 'coupon' });
  });

  it('credits the latest message within the window', () => {
    const attribution = attributeOrder({
      placedAt,
      couponCampaigns: [],
      history: [message('win-back', 3), message('cart-recall', 1), message('newsletter', 6)],
      windowMs: 5 * DAY,
    });

    expect(attribution).toEqual({ campaignId: 'cart-recall', group: 'treatment', via: 'message' });
  });

  it('counts a held-out customer in the holdout group of that campaign', () => {
    const attribution = attributeOrder({
      placedAt,
      couponCampaigns: [],
      history: [message('cart-recall', 2, 'holdout')],
      windowMs: 5 * DAY,
    });

    expect(attribution).toEqual({ campaignId: 'cart-recall', group: 'holdout', via: 'message' });
  });

  it('credits nobody for an order outside the window or after skipped and refused messages', () => {
    const attribution = attributeOrder({
      placedAt,
      couponCampaigns: [],
      history: [message('cart-recall', 6), message('win-back', 1, 'failed')],
      windowMs: 5 * DAY,
    });

    expect(attribution).toBeUndefined();
  });
});
