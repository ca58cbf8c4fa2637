import { createCartEventsHandler } from '../ingest/cart-events.js';
import { createCustomerEventsHandler } from '../ingest/customer-events.js';
import { createOrderEventsHandler } from '../ingest/order-events.js';
import type { FunctionId } from '../routes.js';
import type { Deps } from '../shared/deps.js';

/** Builds one function's handler from its dependencies; the Lambda entry points use AWS adapters. */
export type HandlerFactory = (deps: Deps) => (event: unknown) => Promise<unknown>;

/** Every function the local runtime can run, by function id (see functions/routes.ts). One line each. */
export const handlerFactories: Partial<Record<FunctionId, HandlerFactory>> = {
  'customer-events': createCustomerEventsHandler,
  'cart-events': createCartEventsHandler,
  'order-events': createOrderEventsHandler,
};
