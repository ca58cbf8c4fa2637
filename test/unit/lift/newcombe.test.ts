import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../../functions/lift/newcombe.js';
import { wilsonInterval } from '../../../functions/lift/wilson.js';

// Newcombe RG (1998), Statistics in Medicine 17: 857-872, Table I, method 3 (score, no correction).
const singleProportionExamples = [
  { successes: 81, trials: 263, lower: 0.2553, upper: 0.3662 },
  { successes: 15, trials: 148, lower: 0.0624, upper: 0.1605 },
  { successes: 0, trials: 20, lower: 0, upper: 0.1611 },
  { successes: 1, trials: 29, lower: 0.0061, upper: 0.1718 },
];

// Newcombe RG (1998), Statistics in Medicine 17: 873-890, Table II, method 10 (hybrid score, no correction).
const differenceExamples = [
  { first: [56, 70], second: [48, 80], lower: 0.0524, upper: 0.3339 },
  { first: [9, 10], second: [3, 10], lower: 0.1705, upper: 0.809 },
  { first: [6, 7], second: [2, 7], lower: 0.0582, upper: 0.8062 },
  { first: [5, 56], second: [0, 29], lower: -0.0381, upper: 0.1926 },
  { first: [0, 10], second: [0, 20], lower: -0.1611, upper: 0.2775 },
  { first: [10, 10], second: [0, 20], lower: 0.6791, upper: 1 },
] as const;

describe('Wilson score interval', () => {
  for (const { successes, trials, lower, upper } of singleProportionExamples) {
    it(`matches Newcombe's published limits for ${successes}/${trials}`, () => {
      const interval = wilsonInterval(successes, trials);

      expect(interval.lower).toBeCloseTo(lower, 4);
      expect(interval.upper).toBeCloseTo(upper, 4);
    });
  }

  it('matches a hand computation for 1 success in 2 trials', () => {
    // p = 0.5, z^2 = 3.8415: centre (0.5 + 0.9604) / 2.9207, half-width 1.96 x sqrt(0.25 + 0.4802) / 2 / 2.9207
    const interval = wilsonInterval(1, 2);

    expect(interval.lower).toBeCloseTo(0.0945, 4);
    expect(interval.upper).toBeCloseTo(0.9055, 4);
  });

  it('refuses more successes than trials', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('Newcombe interval for a difference of proportions', () => {
  for (const { first, second, lower, upper } of differenceExamples) {
    it(`matches Newcombe's published limits for ${first.join('/')} - ${second.join('/')}`, () => {
      const interval = newcombeDifference(
        { successes: first[0], trials: first[1] },
        { successes: second[0], trials: second[1] },
      );

      expect(interval.difference).toBeCloseTo(first[0] / first[1] - second[0] / second[1], 10);
      expect(interval.lower).toBeCloseTo(lower, 4);
      expect(interval.upper).toBeCloseTo(upper, 4);
    });
  }

  it('is the mirror image when the two groups swap', () => {
    const forward = newcombeDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    const backward = newcombeDifference({ successes: 48, trials: 80 }, { successes: 56, trials: 70 });

    expect(backward.lower).toBeCloseTo(-forward.upper, 12);
    expect(backward.upper).toBeCloseTo(-forward.lower, 12);
  });
});
