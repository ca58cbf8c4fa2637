import type { RouterRequest, RouterResponse } from '../adapters/aws/http-api-event.js';
import { createRouter } from '../admin/router.js';
import type { Deps } from '../shared/deps.js';
import { unsubscribeRoutes } from './unsubscribe-routes.js';

/** The public unsubscribe endpoint as a plain router; handlers/unsubscribe.ts adapts API Gateway to it. */
export const createUnsubscribeHandler = (deps: Deps): ((request: RouterRequest) => Promise<RouterResponse>) =>
  createRouter(unsubscribeRoutes(deps), deps.log);
