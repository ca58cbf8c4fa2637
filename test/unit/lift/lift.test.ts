import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLift } from '../../../functions/lift/lift.js';

describe('computeLift', () => {
  it('reports a positive, significant lift with incremental revenue scaled to the treatment group', () => {
    // Newcombe's example (a): 56/70 against 48/80.
    const input = {
      treatment: { customers: 70, converters: 56, revenue: 560_000 },
      holdout: { customers: 80, converters: 48, revenue: 480_000 },
      spend: 20_000,
    };

    const lift = computeLift(input);

    expect(lift.verdict).toBe('positive');
    expect(lift.significant).toBe(true);
    expect(lift.difference).toBeCloseTo(0.2, 10);
    expect(lift.interval?.lower).toBeCloseTo(0.0524, 4);
    expect(lift.interval?.upper).toBeCloseTo(0.3339, 4);
    // 560,000 - 480,000 x 70 / 80 = 140,000 cents earned beyond the holdout's pace.
    expect(lift.incrementalRevenue).toBe(140_000);
    expect(lift.incrementalRoi).toBeCloseTo(7, 10);
    expect(lift.incrementalConversions).toBeCloseTo(14, 10);
  });

  it('says not yet significant when the interval spans zero', () => {
    const lift = computeLift({
      treatment: { customers: 56, converters: 5, revenue: 25_000 },
      holdout: { customers: 29, converters: 0, revenue: 0 },
      spend: 1_000,
    });

    expect(lift.verdict).toBe('not_yet_significant');
    expect(lift.significant).toBe(false);
    expect(lift.interval?.lower).toBeCloseTo(-0.0381, 4);
  });

  it('calls a campaign that does harm significant and negative', () => {
    const lift = computeLift({
      treatment: { customers: 1000, converters: 50, revenue: 250_000 },
      holdout: { customers: 1000, converters: 120, revenue: 600_000 },
      spend: 10_000,
    });

    expect(lift.verdict).toBe('negative');
    expect(lift.significant).toBe(true);
    expect(lift.incrementalRevenue).toBe(-350_000);
  });

  it('gives no interval while the holdout is empty', () => {
    const lift = computeLift({
      treatment: { customers: 12, converters: 3, revenue: 9_000 },
      holdout: { customers: 0, converters: 0, revenue: 0 },
      spend: 0,
    });

    expect(lift.verdict).toBe('insufficient_data');
    expect(lift.interval).toBeNull();
    expect(lift.holdout.conversionRate).toBeNull();
    expect(lift.treatment.conversionRate).toBeCloseTo(0.25, 10);
  });

  it('has no ROI before anything was spent', () => {
    const lift = computeLift({
      treatment: { customers: 10, converters: 1, revenue: 100 },
      holdout: { customers: 10, converters: 1, revenue: 100 },
      spend: 0,
    });

    expect(lift.incrementalRoi).toBeNull();
    expect(lift.incrementalRevenue).toBe(0);
  });

  it('rejects more converters than customers and fractional money', () => {
    const base = { holdout: { customers: 1, converters: 0, revenue: 0 }, spend: 0 };

    expect(() => computeLift({ ...base, treatment: { customers: 1, converters: 2, revenue: 0 } })).toThrow(
      /converters \(2\) exceed customers \(1\)/,
    );
    expect(() =>
      computeLift({ ...base, treatment: { customers: 1, converters: 1, revenue: 0.5 } }),
    ).toThrow();
  });

  it('always holds the observed difference inside its interval, within [-1, 1], and keeps revenue whole', () => {
    const arm = fc
      .tuple(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(10_000_000),
      )
      .map(([customers, share, revenue]) => ({
        customers,
        converters: Math.floor(customers * share),
        revenue,
      }));

    fc.assert(
      fc.property(arm, arm, fc.nat(1_000_000), (treatment, holdout, spend) => {
        const lift = computeLift({ treatment, holdout, spend });
        const { lower, upper } = lift.interval!;
        expect(lower).toBeLessThanOrEqual(lift.difference! + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(lift.difference! - 1e-12);
        expect(lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(upper).toBeLessThanOrEqual(1 + 1e-12);
        expect(Number.isInteger(lift.incrementalRevenue)).toBe(true);
        expect(lift.significant).toBe(lower > 0 || upper < 0);
      }),
    );
  });
});
