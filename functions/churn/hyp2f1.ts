const EPSILON = 1e-15;
const MAX_TERMS = 500_000;

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1, by its power series.
 * Negative z goes through Pfaff's transformation to z/(z-1) in (0, 1). On [0, 1), Euler's
 * transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) (the fallback `lifetimes` uses) is
 * taken whenever it shrinks the parameters: for BG/NBD it turns (r+x, b+x; a+b+x-1) into
 * (a+b-1-r, a-1; a+b+x-1), whose terms fall from the start however large x is.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`2F1 is undefined for c = ${c}`);
  if (!(z < 1)) throw new RangeError(`2F1 series needs z < 1, got ${z}`);
  if (z < 0) return (1 - z) ** -a * hyp2f1(a, c - b, c, z / (z - 1));
  if (Math.abs((c - a) * (c - b)) < Math.abs(a * b)) {
    return (1 - z) ** (c - a - b) * powerSeries(c - a, c - b, c, z);
  }
  return powerSeries(a, b, c, z);
}

function powerSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    // Bound the tail by a geometric series whose ratio is the larger of this one and z.
    const tailRatio = Math.max(Math.abs(ratio), Math.abs(z));
    if (tailRatio < 1 && Math.abs(term) / (1 - tailRatio) <= EPSILON * Math.abs(sum)) return sum;
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}
