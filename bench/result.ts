import { z } from 'zod';

/** One line of bench/results.json; `baseline` is always measured in the same run as `value`. */
export const benchResultSchema = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.number(),
  ratio: z.number(),
  notes: z.record(z.string(), z.unknown()),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

export const benchNames = [
  'requests-per-recalled-cart',
  'cost-per-1000-carts',
  'budget-contention',
  'cold-start',
  'pipeline-throughput',
  'churn-scoring',
] as const;
export type BenchName = (typeof benchNames)[number];

/** value / baseline, rounded for reading; 0 when there is no baseline to compare with. */
export const ratioOf = (value: number, baseline: number): number =>
  baseline === 0 ? 0 : round(value / baseline, 3);

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** A benchmark that ran but could not measure everything it should; fails the run at the end. */
export interface Shortfall {
  bench: BenchName;
  problem: string;
}
