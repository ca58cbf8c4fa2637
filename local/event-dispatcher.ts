import type { EventBridgeEnvelope } from '../functions/events/envelope.js';
import { SHOP_SOURCE } from '../functions/events/shop-events.js';
import type { HandlerFactory } from '../functions/handlers/factories.js';
import type { DeadLetterStore } from '../functions/ingest/dead-letters.js';
import { type FunctionId, routesFor } from '../functions/routes.js';
import type { Clock } from '../functions/shared/clock.js';
import type { Deps } from '../functions/shared/deps.js';
import type { WorkTracker } from './work-tracker.js';

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** Waits baseDelayMs, then x4 per further retry. */
  baseDelayMs: number;
}

export interface EventDispatcherDeps {
  factories: Partial<Record<FunctionId, HandlerFactory>>;
  /** Resolved lazily: the deps hold the bus and the scheduler, which call back into the dispatcher. */
  deps: () => Deps;
  deadLetters: DeadLetterStore;
  tracker: WorkTracker;
  clock: Clock;
  retry: RetryPolicy;
}

export interface EventDispatcher {
  /** Routes an event as the bus rules do; returns at once, the work is tracked. */
  dispatch(envelope: EventBridgeEnvelope): void;
  /** Runs one function with retries, then dead-letters; tracked. */
  invoke(functionId: FunctionId, event: unknown): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createEventDispatcher = (options: EventDispatcherDeps): EventDispatcher => {
  const handlers = new Map<FunctionId, (event: unknown) => Promise<unknown>>();

  const deadLetter = (event: unknown, functionId: string, reason: string) =>
    options.deadLetters.record({
      event,
      reason,
      function: functionId,
      at: options.clock.now().toISOString(),
    });

  const handlerFor = (functionId: FunctionId) => {
    const known = handlers.get(functionId);
    if (known) return known;
    const factory = options.factories[functionId];
    if (!factory) return undefined;
    const handler = factory(options.deps());
    handlers.set(functionId, handler);
    return handler;
  };

  const runWithRetries = async (functionId: FunctionId, event: unknown): Promise<void> => {
    const handler = handlerFor(functionId);
    if (!handler) {
      await deadLetter(event, functionId, `function ${functionId} is not available in the local runtime yet`);
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(event);
        return;
      } catch (error) {
        if (attempt >= options.retry.attempts) {
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          options
            .deps()
            .log.error('handler failed, dead-lettered', { function: functionId, attempts: attempt });
          await deadLetter(event, functionId, `failed after ${attempt} attempts: ${message}`);
          return;
        }
        await sleep(options.retry.baseDelayMs * 4 ** (attempt - 1));
      }
    }
  };

  const invoke = (functionId: FunctionId, event: unknown) =>
    options.tracker.run(() => runWithRetries(functionId, event));

  const logFailure = (error: unknown) =>
    options.deps().log.error('dead-letter write failed', { error: String(error) });

  return {
    invoke,
    dispatch(envelope) {
      const routes = routesFor(envelope);
      if (routes.length === 0 && envelope.source === SHOP_SOURCE) {
        const reason = `detail-type: unknown detail-type "${envelope['detail-type']}"`;
        options.tracker.run(() => deadLetter(envelope, 'router', reason)).catch(logFailure);
        return;
      }
      for (const route of routes) invoke(route.target, envelope).catch(logFailure);
    },
  };
};
