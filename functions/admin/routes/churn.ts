import { binEdges, createRunPictureStore, emptyPicture } from '../../churn/run-picture.js';
import type { Deps } from '../../shared/deps.js';
import { json, type Route } from '../router.js';

/**
 * `GET /api/churn`: customers per P(alive) bin and value tier as the newest complete nightly run
 * counted them; `runId` null and no customers before the first run.
 */
export const churnRoutes = (deps: Pick<Deps, 'db' | 'tables'>): Route[] => [
  {
    method: 'GET',
    path: '/api/churn',
    handle: async () => {
      const picture = await createRunPictureStore(deps).latest();
      return json({
        bins: binEdges(),
        ...(picture ?? { ...emptyPicture(), runId: null, modelVersion: null, segments: 0 }),
      });
    },
  },
];
