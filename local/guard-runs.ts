import type { Clock } from '../functions/shared/clock.js';
import { scheduledEvent } from './scheduled-event.js';

/** The stack's guard rule fires every minute; the real-clock timer does the same. */
export const GUARD_EVERY_MS = 60_000;

/** During virtual-clock advances the guard runs at most this often, in virtual time. */
export const GUARD_VIRTUAL_GAP_MS = 5 * 60_000;

/** The EventBridge scheduled event the guard rule sends. */
export const guardEvent = (at: Date) => scheduledEvent(at, 'guard');

export interface GuardRunsOptions {
  clock: Clock;
  /** Runs the guard function for the run at `at` and resolves when all its work is done. */
  run(at: Date): Promise<void>;
}

/**
 * The local stand-in for the guard's every-minute rule. Virtual clock: `afterAdvance` runs it once
 * time has moved at least 5 virtual minutes since its last run. Real clock: a timer runs it every
 * 60 s, never two runs at once.
 */
export const createGuardRuns = (options: GuardRunsOptions) => {
  let lastRunMs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => void options.run(options.clock.now()).finally(arm), GUARD_EVERY_MS);
    timer.unref();
  };
  return {
    async afterAdvance(): Promise<void> {
      const now = options.clock.now();
      if (lastRunMs !== undefined && now.getTime() - lastRunMs < GUARD_VIRTUAL_GAP_MS) return;
      lastRunMs = now.getTime();
      await options.run(now);
    },
    startTimer: arm,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
};
