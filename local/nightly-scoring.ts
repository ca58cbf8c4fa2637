import type { Clock } from '../functions/shared/clock.js';
import { scheduledEvent } from './scheduled-event.js';

const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight UTC of an `HH:MM` time; the stack's default schedule is cron(0 3 * * ? *). */
export const parseTimeOfDay = (text: string): number => {
  const match = TIME_OF_DAY.exec(text);
  if (!match) throw new RangeError(`nightly scoring time must be HH:MM (UTC), not "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Every instant at `minutesUtc` past midnight UTC in (from, to]. */
export const nightlyInstants = (from: Date, to: Date, minutesUtc: number): Date[] => {
  const offset = minutesUtc * 60_000;
  const instants: Date[] = [];
  let next = Math.floor((from.getTime() - offset) / DAY_MS + 1) * DAY_MS + offset;
  for (; next <= to.getTime(); next += DAY_MS) instants.push(new Date(next));
  return instants;
};

/** The EventBridge scheduled event the nightly rule sends. */
export const nightlyEvent = (at: Date) => scheduledEvent(at, 'churn-nightly');

export interface NightlyScoringOptions {
  /** `HH:MM` UTC. */
  at: string;
  clock: Clock;
  /** Runs churn-coordinator for the run at `at` and resolves when all its work is done. */
  run(at: Date): Promise<void>;
}

/**
 * The local stand-in for the nightly scheduled rule. Virtual clock: `advanceTo` stops at every
 * nightly instant on the way and runs the scoring there. Real clock: a timer fires it each night.
 */
export const createNightlyScoring = (options: NightlyScoringOptions) => {
  const minutes = parseTimeOfDay(options.at);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const now = options.clock.now();
    const [next] = nightlyInstants(now, new Date(now.getTime() + DAY_MS), minutes);
    timer = setTimeout(() => void options.run(next!).finally(arm), next!.getTime() - now.getTime());
    timer.unref();
  };
  return {
    /** Moves time with `advance`, pausing at each nightly instant to score. */
    async advanceTo(target: Date, advance: (to: Date) => Promise<void>): Promise<void> {
      for (const at of nightlyInstants(options.clock.now(), target, minutes)) {
        await advance(at);
        await options.run(at);
      }
      await advance(target);
    },
    startTimer: arm,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
};
