import { HOUR_MS, simulationConfigSchema } from './config.js';
import type { ShopRuntime } from './runtime-client.js';
import { ShopDriver } from './shop-driver.js';

export const REAL_CLOCK_BACKLOG_MS = 12 * HOUR_MS;
/** Enough customers that a real-time demo sees a few carts an hour. */
const REAL_CLOCK_CUSTOMERS = 1500;

export interface DemoOptions {
  /** Resolves when the runtime may take events (switches in place). */
  ready?: Promise<void>;
  runtime: ShopRuntime;
  clockMode: 'real' | 'virtual';
  /** The runtime's clock now. */
  now(): Date;
  /** Errors go here; the demo keeps going (it is a demo, not a test). */
  onError(error: unknown): void;
  customers?: number;
  seed?: number;
  /** Real milliseconds between ticks. */
  tickMs?: number;
  /** Virtual time each tick moves a virtual clock: one hour per 2 s puts a 4 h reminder in the outbox within 10 s. */
  virtualStepHours?: number;
}

export interface RunningDemo {
  stop(): Promise<void>;
}

/**
 * `npm start` without --no-demo: the same synthetic shop as `nudge simulate`, driven by a timer
 * so the dashboard fills while someone watches. With a virtual clock each tick also moves time
 * forward; with a real clock events flow in real time and reminders come at their real delays.
 */
export function startDemo(options: DemoOptions): RunningDemo {
  const tickMs = options.tickMs ?? 2_000;
  const stepMs = (options.virtualStepHours ?? 1) * HOUR_MS;
  // With a real clock the shop opens twelve hours in the past: many of its carts are already past
  // their 4-hour delay, so reminders reach the outbox within a minute instead of hours.
  const backlogMs = options.clockMode === 'real' ? REAL_CLOCK_BACKLOG_MS : 0;
  const config = simulationConfigSchema.parse({
    customers: options.customers ?? (options.clockMode === 'real' ? REAL_CLOCK_CUSTOMERS : 300),
    days: 365,
    seed: options.seed ?? 1,
    start: new Date(options.now().getTime() - backlogMs).toISOString(),
  });
  const driver = new ShopDriver(config, options.runtime);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    const now = options.now().getTime();
    if (options.clockMode === 'virtual') await driver.step(now, now + stepMs);
    else await driver.step(now);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().catch(options.onError).finally(schedule);
    }, tickMs);
    timer.unref();
  };

  running = Promise.resolve(options.ready)
    .then(() => driver.open())
    .catch(options.onError)
    .finally(schedule);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
