import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { BgNbdParams } from '../../../functions/churn/bgnbd.js';

/** Gauss-Legendre nodes and weights on [-1, 1], by Newton's method on P_n. */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let [previous, current] = [1, x];
      for (let k = 2; k <= n; k++)
        [previous, current] = [current, ((2 * k - 1) * x * current - (k - 1) * previous) / k];
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(16);
const HALVINGS = 45;
const UNIFORM_PANELS = 32;

/** Composite rule on [0, to]: uniform panels, refined by halvings towards 0 where posterior mass gathers. */
function gradedNodes(to: number): { at: number[]; weight: number[] } {
  const halvings = Array.from({ length: HALVINGS }, (_, k) => to * 2 ** -k);
  const uniform = Array.from({ length: UNIFORM_PANELS }, (_, k) => (to * k) / UNIFORM_PANELS);
  const bounds = [...new Set([0, ...halvings, ...uniform, to])].sort((p, q) => p - q);
  const at: number[] = [];
  const weight: number[] = [];
  bounds.slice(1).forEach((high, k) => {
    const low = bounds[k]!;
    RULE.nodes.forEach((node, i) => {
      at.push((low + high) / 2 + (node * (high - low)) / 2);
      weight.push((RULE.weights[i]! * (high - low)) / 2);
    });
  });
  return { at, weight };
}

/**
 * E[f(lambda, p)] for lambda ~ Gamma(r, rate alpha) and p ~ Beta(a, b), by a tensor-product rule.
 * lambda = w^(1/r) and p = u^(1/a) absorb the densities' singularities at 0 when r, a < 1.
 */
export function expectOverPrior(
  { r, alpha, a, b }: BgNbdParams,
  f: (lambda: number, p: number) => number,
): number {
  const lambdaMax = (r + 80) / alpha;
  const lambdaRule = gradedNodes(lambdaMax ** r);
  const pRule = gradedNodes(1);
  const lambdaConstant = Math.exp(r * Math.log(alpha) - gammaln(r + 1));
  const pConstant = Math.exp(-betaln(a, b)) / a;
  let total = 0;
  lambdaRule.at.forEach((w, i) => {
    const lambda = w ** (1 / r);
    const lambdaWeight = lambdaRule.weight[i]! * lambdaConstant * Math.exp(-alpha * lambda);
    pRule.at.forEach((u, j) => {
      const p = u ** (1 / a);
      total += lambdaWeight * pRule.weight[j]! * pConstant * (1 - p) ** (b - 1) * f(lambda, p);
    });
  });
  return total;
}

/** The individual-level BG/NBD likelihood split into "still active at T" and "dropped out after t_x". */
export function individualLikelihood(x: number, tx: number, T: number) {
  return {
    alive: (lambda: number, p: number) => (1 - p) ** x * lambda ** x * Math.exp(-lambda * T),
    dropped: (lambda: number, p: number) =>
      x === 0 ? 0 : p * (1 - p) ** (x - 1) * lambda ** x * Math.exp(-lambda * tx),
  };
}
