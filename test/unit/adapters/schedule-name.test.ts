import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleName } from '../../../functions/adapters/aws/schedule-name.js';

const valid = /^[0-9a-zA-Z\-_.]{1,64}$/;

describe('schedule names', () => {
  it('keeps a name that Scheduler already accepts', () => {
    expect(scheduleName('cart-recall.cart-9.step-2')).toBe('cart-recall.cart-9.step-2');
  });

  it('keeps a readable prefix of a name with refused characters', () => {
    expect(scheduleName('campaign:win-back/customer:42')).toMatch(
      /^campaign-win-back-customer-42-[0-9a-f]{16}$/,
    );
  });

  it('always produces a name Scheduler accepts', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (name) => valid.test(scheduleName(name))));
  });

  it('gives different business keys different names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        fc.pre(a !== b);
        return scheduleName(a) !== scheduleName(b);
      }),
    );
  });

  it('tells apart long keys that share their first 64 characters', () => {
    const prefix = 'x'.repeat(64);

    expect(scheduleName(`${prefix}-a`)).not.toBe(scheduleName(`${prefix}-b`));
  });
});
