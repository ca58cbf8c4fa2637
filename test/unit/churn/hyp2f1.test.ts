import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../../../functions/churn/hyp2f1.js';

// Reference values from mpmath.hyp2f1 (computed at 30 digits, rounded to 16).
const referenceValues: [number, number, number, number, number][] = [
  [2.5, 1.5, 3.2, -0.7, 0.5292319818324105],
  [5.2426, 7.4259, 7.2188, 0.47404540625691316, 32.20915824930007],
  [40.2426, 42.4259, 42.2188, 0.7301511225605464, 1.018242509964516e23],
  [0.3, 0.7, 1.9, 0.95, 1.205250893005175],
  [0.25, 12.5, 11.7, 0.999, 56.91252130956452],
  [1.5, 2.5, 0.5, 0.3, 7.666189331007772],
  [5, 3, 2.5, -3, -0.0005140602984029351],
];

describe('hyp2f1', () => {
  it('matches -ln(1 - z) / z for 2F1(1, 1; 2; z)', () => {
    for (const z of [-0.9, -0.2, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 13);
    }
  });

  it('matches arcsin(x) / x for 2F1(1/2, 1/2; 3/2; x^2)', () => {
    for (const x of [0.1, 0.5, 0.9]) expect(hyp2f1(0.5, 0.5, 1.5, x * x)).toBeCloseTo(Math.asin(x) / x, 13);
  });

  it('matches (1 - z)^-a for 2F1(a, b; b; z)', () => {
    expect(hyp2f1(2.7, 3.1, 3.1, 0.6)).toBeCloseTo(0.4 ** -2.7, 11);
    expect(hyp2f1(0.3, 8, 8, -4)).toBeCloseTo(5 ** -0.3, 13);
  });

  it('terminates as a polynomial when a parameter is a negative integer', () => {
    expect(hyp2f1(3, -2, 1.5, 0.4)).toBeCloseTo(-0.088, 14);
  });

  it('agrees with mpmath to 12 significant digits, including the BG/NBD shapes with large x', () => {
    for (const [a, b, c, z, expected] of referenceValues) {
      expect(hyp2f1(a, b, c, z) / expected).toBeCloseTo(1, 12);
    }
  });

  it('refuses z >= 1 and c at a non-positive integer', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});
