/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for one proportion (Newcombe 1998a, method 3). Unlike the Wald interval
 * it stays inside [0, 1] and does not collapse to a point at 0 or n successes.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || trials <= 0) {
    throw new RangeError('a Wilson interval needs whole counts and at least one trial');
  }
  if (successes < 0 || successes > trials)
    throw new RangeError('successes must lie between 0 and the trials');
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials);
  const scale = 1 + z2 / trials;
  return {
    lower: successes === 0 ? 0 : (centre - spread) / scale,
    upper: successes === trials ? 1 : (centre + spread) / scale,
  };
}
