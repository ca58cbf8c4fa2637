import { describe, expect, it } from 'vitest';
import { customerIdOfTags, effectOf } from '../../../functions/deliverability/ses-outcome.js';

describe('SES event effects', () => {
  it.each([
    [{ eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }, 'suppress'],
    [{ eventType: 'Complaint' }, 'suppress'],
    [{ eventType: 'Bounce', bounce: { bounceType: 'Transient' } }, 'ignore'],
    [{ eventType: 'Delivery' }, 'count'],
    [{ eventType: 'Open' }, 'ignore'],
  ] as const)('treats %j as %s', (detail, kind) => {
    expect(effectOf(detail).kind).toBe(kind);
  });

  it('reads the customer id back from the base64url tag the pipeline set', () => {
    const tag = Buffer.from('customer:42@shop').toString('base64url');

    expect(customerIdOfTags({ customer: [tag], campaign: ['cart-recall'] })).toBe('customer:42@shop');
    expect(customerIdOfTags({ campaign: ['cart-recall'] })).toBeUndefined();
  });
});
