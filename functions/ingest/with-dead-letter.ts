import type { Clock } from '../shared/clock.js';
import { PermanentError } from '../shared/errors.js';
import type { Log } from '../shared/logger.js';
import type { DeadLetterStore } from './dead-letters.js';

export type EventHandler = (event: unknown) => Promise<unknown>;

export interface DeadLetterDeps {
  deadLetters: DeadLetterStore;
  clock: Clock;
  log: Log;
}

/**
 * Keeps permanent failures (a malformed event, above all) as dead letters and returns normally,
 * so the platform does not retry what cannot succeed. Anything else is rethrown to be retried.
 */
export const withDeadLetter =
  (functionId: string, deps: DeadLetterDeps, handler: EventHandler): EventHandler =>
  async (event) => {
    try {
      return await handler(event);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      const at = deps.clock.now().toISOString();
      await deps.deadLetters.record({ event, reason: error.message, function: functionId, at });
      deps.log.warn('event dead-lettered', { function: functionId, reason: error.message });
      return undefined;
    }
  };
