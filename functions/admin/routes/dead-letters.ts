import * as z from 'zod';
import { createDeadLetterStore } from '../../ingest/dead-letters.js';
import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import { json, type Route } from '../router.js';

const querySchema = lazy(() => z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }));

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
