import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../functions/churn/nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('treats a non-finite objective as uphill instead of failing', () => {
    const bowlWithWall = ([x]: number[]) => (x! < 0 ? Number.NaN : (x! - 2) ** 2);
    expect(nelderMead(bowlWithWall, [0.1]).x[0]).toBeCloseTo(2, 6);
  });
});
