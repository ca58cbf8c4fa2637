import { createDeadLetterStore } from '../../ingest/dead-letters.js';
import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { json, type Route } from '../router.js';

const querySchema = lazy(() =>
  z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 100) }),
);

/** `GET /api/dead-letters?limit=`: rejected events with their reasons, newest first. */
export const deadLetterRoutes = (deps: Deps): Route[] => {
  const deadLetters = createDeadLetterStore(deps);
  return [
    {
      method: 'GET',
      path: '/api/dead-letters',
      handle: async (request) => {
        const { limit } = querySchema().parse(request.query);
        return json(await deadLetters.list({ limit }));
      },
    },
  ];
};
