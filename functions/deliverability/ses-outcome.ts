import type { SesEventDetail } from '../events/ses-events.js';

export type DeliverabilityEffect =
  | { kind: 'suppress'; reason: 'hard_bounce' | 'complaint'; counter: 'bounces' | 'complaints' }
  | { kind: 'count'; counter: 'bounces' | 'deliveries' }
  | { kind: 'ignore' };

/**
 * Permanent bounces and complaints suppress the address for good; transient bounces only count
 * towards the bounce rate (SES counts them too). Sends are counted by the pipeline, not here.
 */
export const effectOf = (detail: Pick<SesEventDetail, 'eventType' | 'bounce'>): DeliverabilityEffect => {
  if (detail.eventType === 'Complaint')
    return { kind: 'suppress', reason: 'complaint', counter: 'complaints' };
  if (detail.eventType === 'Bounce') {
    return detail.bounce?.bounceType === 'Permanent'
      ? { kind: 'suppress', reason: 'hard_bounce', counter: 'bounces' }
      : { kind: 'ignore' };
  }
  if (detail.eventType === 'Delivery') return { kind: 'count', counter: 'deliveries' };
  return { kind: 'ignore' };
};

/** The pipeline tags every message with the customer id, base64url-encoded (SES tag values are restricted). */
export const customerIdOfTags = (tags: Record<string, string[]>): string | undefined => {
  const tagged = tags.customer?.[0];
  if (!tagged) return undefined;
  const decoded = Buffer.from(tagged, 'base64url').toString('utf8');
  return decoded.length > 0 ? decoded : undefined;
};
