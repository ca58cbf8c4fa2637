import type { PastMessage } from '../send/decide.js';

export interface Attribution {
  campaignId: string;
  /** Holdout customers' orders are counted apart, to measure what the campaign added. */
  group: 'treatment' | 'holdout';
  via: 'coupon' | 'message';
}

export interface AttributionFacts {
  placedAt: Date;
  /** Campaigns of the coupons this order redeemed. */
  couponCampaigns: readonly string[];
  /** The customer's messages and holdout records (any campaign). */
  history: readonly PastMessage[];
  windowMs: number;
}

/** The campaign whose coupon the order redeems; otherwise the latest message within the window. */
export const attributeOrder = (facts: AttributionFacts): Attribution | undefined => {
  const couponCampaign = facts.couponCampaigns[0];
  if (couponCampaign) return { campaignId: couponCampaign, group: 'treatment', via: 'coupon' };
  const placed = facts.placedAt.getTime();
  const latest = facts.history
    .filter(
      (message) =>
        (message.state === 'sent' || message.state === 'unknown' || message.state === 'holdout') &&
        message.at.getTime() <= placed &&
        message.at.getTime() > placed - facts.windowMs,
    )
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  if (!latest) return undefined;
  return {
    campaignId: latest.campaignId,
    group: latest.state === 'holdout' ? 'holdout' : 'treatment',
    via: 'message',
  };
};
