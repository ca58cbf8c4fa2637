import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import * as z from '../shared/zod.js';
import { hyp2f1 } from './hyp2f1.js';
import { nelderMead } from './nelder-mead.js';

export const bgNbdParamsSchema = z.lazy(() =>
  z.object({
    r: z.number().check(z.positive()),
    alpha: z.number().check(z.positive()),
    a: z.number().check(z.positive()),
    b: z.number().check(z.positive()),
  }),
);
export type BgNbdParams = z.infer<typeof bgNbdParamsSchema>;

/** x repeat purchases, the last at t_x, observed for T time units since the first purchase. */
export interface RfmPoint {
  x: number;
  tx: number;
  T: number;
}

const logAddExp = (u: number, v: number) => {
  const high = Math.max(u, v);
  return high === Number.NEGATIVE_INFINITY ? high : high + Math.log1p(Math.exp(Math.min(u, v) - high));
};

/** ln L(r, alpha, a, b | x, t_x, T), Fader, Hardie & Lee (2005) eq. 6, with the two terms summed in log space. */
export function bgNbdLogLikelihood(params: BgNbdParams, point: RfmPoint): number {
  return sharedTerm(params, point.x) + timingTerm(params, point);
}

/** The part of ln L that depends on x only. */
function sharedTerm({ r, alpha, a, b }: BgNbdParams, x: number): number {
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaln(a, b + x) - betaln(a, b);
}

function timingTerm({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmPoint): number {
  const stayed = -(r + x) * Math.log(alpha + T);
  if (x === 0) return stayed;
  const droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return logAddExp(stayed, droppedAfterLast);
}

/** ln of the odds that a customer with these data has dropped out (0 odds when x = 0). */
function logDropoutOdds({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmPoint): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** P(alive | x, t_x, T), FHL (2005) eq. 11. */
export function pAlive(params: BgNbdParams, point: RfmPoint): number {
  return 1 / (1 + Math.exp(logDropoutOdds(params, point)));
}

/**
 * E[Y(t) | alive, x, t_x, T]: expected purchases in the next t time units of a customer known to be
 * still active. The numerator of FHL (2005) eq. 10, whose denominator is 1 / P(alive).
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, point: RfmPoint, t: number): number {
  const { r, alpha, b } = params;
  const { x, T } = point;
  if (t <= 0) return 0;
  // The closed form is 0/0 at a = 1; a hair away from it the result is accurate to ~1e-8.
  const a = Math.abs(params.a - 1) < 1e-9 ? 1 + 1e-9 : params.a;
  const c = a + b + x - 1;
  const survivingShare =
    ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, c, t / (alpha + T + t));
  return (c / (a - 1)) * (1 - survivingShare);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units, FHL (2005) eq. 10. */
export function expectedPurchases(params: BgNbdParams, point: RfmPoint, t: number): number {
  return pAlive(params, point) * expectedPurchasesIfAlive(params, point, t);
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
  converged: boolean;
  evaluations: number;
}

const LOG_PARAM_BOUND = 20;

/** Maximum-likelihood fit over ln r, ln alpha, ln a, ln b with Nelder-Mead, from two starts. */
export function fitBgNbd(points: readonly RfmPoint[]): BgNbdFit {
  if (points.length === 0) throw new RangeError('cannot fit BG/NBD to zero customers');
  const groups = groupPoints(points);
  const negativeLogLikelihood = (logParams: number[]) => {
    if (logParams.some((v) => Math.abs(v) > LOG_PARAM_BOUND)) return Number.POSITIVE_INFINITY;
    const [r, alpha, a, b] = logParams.map(Math.exp) as [number, number, number, number];
    const params = { r, alpha, a, b };
    const shared = new Map<number, number>();
    let total = 0;
    for (const { point, count } of groups) {
      let byX = shared.get(point.x);
      if (byX === undefined) {
        byX = sharedTerm(params, point.x);
        shared.set(point.x, byX);
      }
      total += count * (byX + timingTerm(params, point));
    }
    return -total;
  };
  const meanT = points.reduce((sum, p) => sum + p.T, 0) / points.length;
  const starts = [
    [0, 0, 0, 0],
    [Math.log(0.5), Math.log(Math.max(meanT, 1e-3) / 4), Math.log(0.5), Math.log(2)],
  ];
  const runs = starts.map((start) => nelderMead(negativeLogLikelihood, start, { step: 0.5, maxRestarts: 8 }));
  const best = runs.reduce((p, q) => (q.value < p.value ? q : p));
  const [r, alpha, a, b] = best.x.map(Math.exp) as [number, number, number, number];
  return {
    params: { r, alpha, a, b },
    logLikelihood: -best.value,
    customers: points.length,
    converged: best.converged,
    evaluations: runs.reduce((sum, run) => sum + run.evaluations, 0),
  };
}

/** Customers with identical (x, t_x, T) contribute identical terms; CDNOW shrinks by about half. */
function groupPoints(points: readonly RfmPoint[]): { point: RfmPoint; count: number }[] {
  const groups = new Map<string, { point: RfmPoint; count: number }>();
  for (const point of points) {
    const key = `${point.x}|${point.tx}|${point.T}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { point: { x: point.x, tx: point.tx, T: point.T }, count: 1 });
  }
  return [...groups.values()];
}
