/** Runs `task(0..total-1)` with at most `concurrency` in flight; resolves with the wall time in ms. */
export const runPool = async (
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<number> => {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - started;
};

export const perSecond = (count: number, ms: number): number => (ms <= 0 ? 0 : (count * 1000) / ms);

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
