export interface NelderMeadOptions {
  step?: number;
  maxEvaluations?: number;
  fTolerance?: number;
  xTolerance?: number;
  /** Rebuild the simplex around the best point until a restart no longer improves by fTolerance. */
  maxRestarts?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

/** Minimises f with the Nelder-Mead simplex (reflection 1, expansion 2, contraction and shrink 1/2). */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: NelderMeadOptions = {},
): Minimum {
  const { maxRestarts = 5, fTolerance = 1e-10 } = options;
  let best = simplexSearch(f, start, options);
  let evaluations = best.evaluations;
  for (let restart = 0; restart < maxRestarts; restart++) {
    const next = simplexSearch(f, best.x, options);
    evaluations += next.evaluations;
    const improved = best.value - next.value > fTolerance * (1 + Math.abs(best.value));
    if (next.value < best.value) best = next;
    if (!improved) return { ...best, evaluations, converged: best.converged };
  }
  return { ...best, evaluations, converged: false };
}

function simplexSearch(f: (x: number[]) => number, start: number[], options: NelderMeadOptions): Minimum {
  const { step = 0.5, maxEvaluations = 20_000, fTolerance = 1e-10, xTolerance = 1e-8 } = options;
  const n = start.length;
  const safe = (x: number[]) => {
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let points = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = points.map(safe);
  let evaluations = n + 1;
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i]! - v));

  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((p, q) => values[p]! - values[q]!);
    points = order.map((i) => points[i]!);
    values = order.map((i) => values[i]!);
    const spreadF = values[n]! - values[0]!;
    const spreadX = Math.max(
      ...points.slice(1).map((p) => Math.max(...p.map((v, i) => Math.abs(v - points[0]![i]!)))),
    );
    if (spreadF <= fTolerance * (1 + Math.abs(values[0]!)) && spreadX <= xTolerance) {
      return { x: points[0]!, value: values[0]!, evaluations, converged: true };
    }
    const centroid = start.map((_, i) => points.slice(0, n).reduce((sum, p) => sum + p[i]!, 0) / n);
    const worst = points[n]!;
    const reflected = along(centroid, worst, -1);
    const fr = safe(reflected);
    evaluations++;
    if (fr < values[0]!) {
      const expanded = along(centroid, worst, -2);
      const fe = safe(expanded);
      evaluations++;
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n]! ? along(centroid, reflected, 0.5) : along(centroid, worst, 0.5);
      const fc = safe(contracted);
      evaluations++;
      if (fc < Math.min(fr, values[n]!)) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        points = points.map((p, i) => (i === 0 ? p : along(points[0]!, p, 0.5)));
        values = points.map((p, i) => (i === 0 ? values[0]! : safe(p)));
        evaluations += n;
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: points[i]!, value: values[i]!, evaluations, converged: false };
}
