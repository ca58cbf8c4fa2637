import { type Interval, wilsonInterval, Z_95 } from './wilson.js';

/**
 * Interval for p1 - p2 of two independent proportions by Newcombe's hybrid score method
 * (Newcombe 1998b, method 10): each side combines the distances to the two Wilson limits.
 */
export function newcombeDifference(
  first: { successes: number; trials: number },
  second: { successes: number; trials: number },
  z = Z_95,
): Interval & { difference: number } {
  const p1 = first.successes / first.trials;
  const p2 = second.successes / second.trials;
  const w1 = wilsonInterval(first.successes, first.trials, z);
  const w2 = wilsonInterval(second.successes, second.trials, z);
  const difference = p1 - p2;
  return {
    difference,
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}
