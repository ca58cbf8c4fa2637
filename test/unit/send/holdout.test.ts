import { describe, expect, it } from 'vitest';
import { holdoutBucket, isInHoldout } from '../../../functions/send/holdout.js';

describe('holdout', () => {
  it('puts a customer in the same bucket every time', () => {
    const first = holdoutBucket('customer-42', 'cart-recall');

    const again = holdoutBucket('customer-42', 'cart-recall');

    expect(again).toBe(first);
  });

  it('keeps the buckets fixed across releases (a changed hash would reshuffle running experiments)', () => {
    const buckets = [
      holdoutBucket('c-1', 'recall'),
      holdoutBucket('c-2', 'recall'),
      holdoutBucket('c-1', 'winback'),
    ];

    expect(buckets).toEqual([376, 3904, 8350]);
  });

  it('holds out close to the configured share of 20,000 customers', () => {
    const customers = Array.from({ length: 20_000 }, (_, n) => `customer-${n}`);

    const held = customers.filter((id) => isInHoldout(id, 'cart-recall', 10)).length;

    expect(held / customers.length).toBeGreaterThan(0.09);
    expect(held / customers.length).toBeLessThan(0.11);
  });

  it('draws the groups independently per campaign', () => {
    const customers = Array.from({ length: 5_000 }, (_, n) => `customer-${n}`);

    const inBoth = customers.filter((id) => isInHoldout(id, 'a', 10) && isInHoldout(id, 'b', 10)).length;

    expect(inBoth / customers.length).toBeLessThan(0.03);
  });

  it('holds out nobody at 0% and everybody at 100%', () => {
    expect(isInHoldout('c-1', 'x', 0)).toBe(false);
    expect(isInHoldout('c-1', 'x', 100)).toBe(true);
  });
});
