import { readStoredScoreFigures } from '../../churn/stored-scores.js';
import type { Deps } from '../../shared/deps.js';
import { churnHistogram } from '../churn-histogram.js';
import { json, type Route } from '../router.js';

/** A dashboard picture, not an export: past this many scores the histogram says it is truncated. */
const MAX_SCORES = 100_000;

/** `GET /api/churn`: P(alive) histogram per value tier, from the scores the nightly run stored. */
export const churnRoutes = (deps: Pick<Deps, 'db' | 'tables'>): Route[] => [
  {
    method: 'GET',
    path: '/api/churn',
    handle: async () => {
      const { scores, truncated } = await readStoredScoreFigures(deps, MAX_SCORES);
      return json({ ...churnHistogram(scores), truncated });
    },
  },
];
