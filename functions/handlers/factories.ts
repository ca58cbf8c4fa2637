import { createChurnCoordinatorHandler } from '../churn/scoring-coordinator.js';
import { createChurnWorkerHandler } from '../churn/scoring-worker.js';
import { createCouponExpiryHandler } from '../coupons/coupon-expiry.js';
import { createSesEventsHandler } from '../deliverability/ses-events.js';
import { createGuardHandler } from '../guard/guard.js';
import { createCartEventsHandler } from '../ingest/cart-events.js';
import { createCustomerEventsHandler } from '../ingest/customer-events.js';
import { createOrderEventsHandler } from '../ingest/order-events.js';
import type { FunctionId } from '../routes.js';
import { createCampaignStepHandler } from '../send/campaign-step.js';
import type { Deps } from '../shared/deps.js';
import { createCostAlertHandler } from '../switches/cost-alert.js';

/** Builds one function's handler from its dependencies; the Lambda entry points use AWS adapters. */
export type HandlerFactory = (deps: Deps) => (event: unknown) => Promise<unknown>;

/** In-process fan-out: the segments run side by side, each as the worker function would. */
const inProcessChurnCoordinator: HandlerFactory = (deps) => {
  const worker = createChurnWorkerHandler(deps);
  return createChurnCoordinatorHandler(deps, {
    invokeWorker: async (job) => {
      await worker(job);
    },
  });
};

/** Every function the local runtime can run, by function id (see functions/routes.ts). One line each. */
export const handlerFactories: Partial<Record<FunctionId, HandlerFactory>> = {
  'customer-events': createCustomerEventsHandler,
  'cart-events': createCartEventsHandler,
  'order-events': createOrderEventsHandler,
  'churn-coordinator': inProcessChurnCoordinator,
  'churn-worker': createChurnWorkerHandler,
  'campaign-step': createCampaignStepHandler,
  'ses-events': createSesEventsHandler,
  'coupon-expiry': createCouponExpiryHandler,
  guard: (deps) => createGuardHandler(deps),
  'cost-alert': createCostAlertHandler,
};
