import type { ScheduledJob, Scheduler } from '../functions/ports/scheduler.js';
import type { Clock } from '../functions/shared/clock.js';

export interface PendingSchedule {
  name: string;
  at: string;
  job: ScheduledJob;
}

export interface LocalSchedulerOptions {
  clock: Clock;
  /** Real: timers fire jobs when due. Virtual: jobs fire only as `advanceTo` passes them. */
  mode: 'real' | 'virtual';
  /** Runs one job, tracked so `idle` waits for it, and never rejects; resolves when that run is over. */
  fire(job: ScheduledJob, name: string): Promise<void>;
  /** Moves the virtual clock; only called in virtual mode. */
  setTime?(instant: Date): void;
  /** Resolves when all work is done. */
  idle(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The local stand-in for EventBridge Scheduler one-time schedules. Keyed by name: a second
 * schedule with a known name is ignored, as the AWS adapter ignores the conflict. A job is
 * forgotten once it fired (ActionAfterCompletion DELETE). Schedules live in memory only.
 */
export class LocalScheduler implements Scheduler {
  readonly #options: LocalSchedulerOptions;
  readonly #jobs = new Map<string, { at: number; job: ScheduledJob; timer?: NodeJS.Timeout }>();
  #stopped = false;

  constructor(options: LocalSchedulerOptions) {
    this.#options = options;
  }

  async scheduleAt(name: string, at: Date, job: ScheduledJob): Promise<void> {
    if (this.#stopped || this.#jobs.has(name)) return;
    const entry: { at: number; job: ScheduledJob; timer?: NodeJS.Timeout } = { at: at.getTime(), job };
    this.#jobs.set(name, entry);
    if (entry.at <= this.#options.clock.now().getTime()) {
      // Already due: EventBridge Scheduler fires a schedule in the past at once.
      this.#fireNow(name);
    } else if (this.#options.mode === 'real') {
      this.#arm(name);
    }
  }

  async cancel(name: string): Promise<void> {
    const entry = this.#jobs.get(name);
    if (entry?.timer) clearTimeout(entry.timer);
    this.#jobs.delete(name);
  }

  pending(): PendingSchedule[] {
    return [...this.#jobs]
      .sort(([, a], [, b]) => a.at - b.at)
      .map(([name, entry]) => ({ name, at: new Date(entry.at).toISOString(), job: entry.job }));
  }

  /** Virtual time: runs every job due by `target` in due order, each at its own instant, then settles at `target`. */
  async advanceTo(target: Date): Promise<void> {
    const setTime = this.#options.setTime;
    if (!setTime) throw new Error('advanceTo needs a virtual clock');
    await this.#options.idle();
    for (;;) {
      const next = this.#nextDue(target.getTime());
      if (!next) break;
      const [name, entry] = next;
      if (entry.at > this.#options.clock.now().getTime()) setTime(new Date(entry.at));
      this.#jobs.delete(name);
      await this.#options.fire(entry.job, name);
      await this.#options.idle();
    }
    if (target.getTime() > this.#options.clock.now().getTime()) setTime(target);
    await this.#options.idle();
  }

  stop(): void {
    this.#stopped = true;
    for (const entry of this.#jobs.values()) if (entry.timer) clearTimeout(entry.timer);
  }

  #nextDue(untilMs: number) {
    let earliest: [string, { at: number; job: ScheduledJob }] | undefined;
    for (const candidate of this.#jobs) {
      if (candidate[1].at <= untilMs && (!earliest || candidate[1].at < earliest[1].at)) earliest = candidate;
    }
    return earliest;
  }

  #arm(name: string): void {
    const entry = this.#jobs.get(name);
    if (!entry || this.#stopped) return;
    const wait = entry.at - this.#options.clock.now().getTime();
    if (wait <= 0) {
      this.#fireNow(name);
      return;
    }
    entry.timer = setTimeout(() => this.#arm(name), Math.min(wait, MAX_TIMER_MS));
    entry.timer.unref();
  }

  #fireNow(name: string): void {
    const entry = this.#jobs.get(name);
    if (!entry || this.#stopped) return;
    this.#jobs.delete(name);
    void this.#options.fire(entry.job, name);
  }
}
