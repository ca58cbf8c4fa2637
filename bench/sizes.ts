/** How big each benchmark runs: `full` for `npm run bench`, `tiny` for the smoke run inside `npm test`. */
export interface BenchSizes {
  coldStartRuns: number;
  coldStartParallel: number;
  pipelineEvents: number;
  pipelineConcurrency: number;
  budgetReservations: number;
  budgetConcurrency: number;
  budgetShards: number;
  churnCustomers: number;
  churnSegments: number;
  churnInProcessScores: number;
  recalledCarts: number;
}

export const fullSizes: BenchSizes = {
  coldStartRuns: 10,
  coldStartParallel: 1,
  pipelineEvents: 2_000,
  pipelineConcurrency: 16,
  budgetReservations: 2_000,
  budgetConcurrency: 64,
  budgetShards: 8,
  churnCustomers: 20_000,
  churnSegments: 4,
  churnInProcessScores: 200_000,
  recalledCarts: 5,
};

export const tinySizes: BenchSizes = {
  coldStartRuns: 1,
  coldStartParallel: 4,
  pipelineEvents: 40,
  pipelineConcurrency: 4,
  budgetReservations: 128,
  budgetConcurrency: 64,
  budgetShards: 8,
  churnCustomers: 200,
  churnSegments: 4,
  churnInProcessScores: 2_000,
  recalledCarts: 1,
};
