import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from '../shared/zod.js';
import { nelderMead } from './nelder-mead.js';

export const gammaGammaParamsSchema = z.lazy(() =>
  z.object({
    p: z.number().check(z.positive()),
    q: z.number().check(z.positive()),
    v: z.number().check(z.positive()),
  }),
);
export type GammaGammaParams = z.infer<typeof gammaGammaParamsSchema>;

/** x repeat purchases (x >= 1) with mean spend `monetary` per purchase, in minor units. */
export interface SpendPoint {
  x: number;
  monetary: number;
}

/** ln L(p, q, v | x, m_x) of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"). */
export function gammaGammaLogLikelihood(
  { p, q, v }: GammaGammaParams,
  { x, monetary: m }: SpendPoint,
): number {
  return (
    gammaln(p * x + q) -
    gammaln(p * x) -
    gammaln(q) +
    q * Math.log(v) +
    (p * x - 1) * Math.log(m) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(x * m + v)
  );
}

/**
 * E[M | x, m_x]: the customer's expected spend per purchase, a weighted mean of the population mean
 * p v / (q - 1) and the customer's own m_x. Without repeat purchases it is the population mean; with
 * q <= 1 that mean does not exist and the customer's own mean (or NaN) is returned.
 */
export function expectedAverageSpend({ p, q, v }: GammaGammaParams, { x, monetary }: SpendPoint): number {
  if (q <= 1) return x > 0 ? monetary : Number.NaN;
  return (p * (v + x * monetary)) / (p * x + q - 1);
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

/** Maximum likelihood over ln p, ln q, ln v; only customers with a repeat purchase and positive spend count. */
export function fitGammaGamma(points: readonly SpendPoint[]): GammaGammaFit {
  const usable = points.filter((point) => point.x > 0 && point.monetary > 0);
  if (usable.length === 0) throw new RangeError('Gamma-Gamma needs customers with a paid repeat purchase');
  const meanSpend = usable.reduce((sum, point) => sum + point.monetary, 0) / usable.length;
  const negativeLogLikelihood = (logParams: number[]) => {
    if (logParams.some((value) => Math.abs(value) > 30)) return Number.POSITIVE_INFINITY;
    const [p, q, v] = logParams.map(Math.exp) as [number, number, number];
    let total = 0;
    for (const point of usable) total += gammaGammaLogLikelihood({ p, q, v }, point);
    return -total;
  };
  // Start where the population mean spend p v / (q - 1) equals the observed mean.
  const start = [0, Math.log(2), Math.log(meanSpend)];
  const best = nelderMead(negativeLogLikelihood, start, { step: 0.5, maxRestarts: 8 });
  const [p, q, v] = best.x.map(Math.exp) as [number, number, number];
  return {
    params: { p, q, v },
    logLikelihood: -best.value,
    customers: usable.length,
    converged: best.converged,
  };
}
