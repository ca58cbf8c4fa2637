import type { ScheduledJob, Scheduler } from '../functions/ports/scheduler.js';
import type { Random } from '../functions/simulation/prng.js';
import {
  type OutboxEntry,
  putEntries,
  type ShopRuntime,
  type TimedEntry,
} from '../functions/simulation/runtime-client.js';
import type { LocalRuntime } from '../local/runtime.js';
import { type RedeliveryPolicy, redeliveryOrder, shuffle } from './redelivery.js';

/** One PutEvents entry, shop or SES, with the instant it happened. */
export type EventEntry = TimedEntry;

/** An event as the invariants need it: what it said, and when nudge first heard of it. */
export interface DeliveredEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  at: number;
  deliveredAt: number;
}

interface RecordedJob {
  name: string;
  at: number;
  job: ScheduledJob;
  redelivered: boolean;
}

export interface ReplayCounts {
  originalEvents: number;
  eventDeliveries: number;
  scheduledJobs: number;
  jobRedeliveries: Record<string, number>;
}

/**
 * The shop's view of a local runtime under at-least-once delivery: every event goes through the
 * PutEvents endpoint twice (a tenth three times), shuffled within short windows, and every
 * scheduled job that fell due is delivered again after it ran.
 */
export class ReplayingRuntime implements ShopRuntime {
  readonly delivered: DeliveredEvent[] = [];
  readonly counts: ReplayCounts = {
    originalEvents: 0,
    eventDeliveries: 0,
    scheduledJobs: 0,
    jobRedeliveries: {},
  };
  readonly #runtime: LocalRuntime;
  readonly #random: Random;
  readonly #policy: RedeliveryPolicy | undefined;
  readonly #jobs: RecordedJob[] = [];
  #buffer: EventEntry[] = [];
  #redeliveries = 0;

  constructor(runtime: LocalRuntime, random: Random, policy?: RedeliveryPolicy) {
    this.#runtime = runtime;
    this.#random = random;
    this.#policy = policy;
  }

  /** Records every job the functions schedule, so each can be delivered again once it fell due. */
  recordingScheduler(inner: Scheduler): Scheduler {
    return {
      scheduleAt: async (name, at, job) => {
        this.counts.scheduledJobs += 1;
        this.#jobs.push({ name, at: at.getTime(), job, redelivered: false });
        await inner.scheduleAt(name, at, job);
      },
      cancel: (name) => inner.cancel(name),
    };
  }

  async putEvents(entries: EventEntry[]): Promise<void> {
    this.#buffer.push(...entries);
  }

  /** Delivers what was put since the last call, redelivered and shuffled, and waits until it is processed. */
  async flush(): Promise<void> {
    const originals = this.#buffer;
    this.#buffer = [];
    if (originals.length === 0) return;
    const deliveredAt = this.#runtime.clock.now().getTime();
    for (const entry of originals) {
      this.delivered.push({
        source: entry.Source,
        detailType: entry.DetailType,
        detail: JSON.parse(entry.Detail) as Record<string, unknown>,
        at: entry.at,
        deliveredAt,
      });
    }
    const order = this.#policy
      ? redeliveryOrder(originals, (entry) => entry.at, this.#random, this.#policy)
      : originals;
    this.counts.originalEvents += originals.length;
    this.counts.eventDeliveries += order.length;
    for (let index = 0; index < order.length; index += 10) await this.#put(order.slice(index, index + 10));
    await this.#runtime.idle();
  }

  async advanceTo(instant: Date): Promise<void> {
    await this.flush();
    await this.#runtime.advanceTo(instant);
    if (this.#policy) await this.#redeliverDueJobs();
  }

  async outboxFrom(offset: number): Promise<OutboxEntry[]> {
    return this.#runtime.outbox.list().slice(offset);
  }

  /** An injected DynamoDB fault can turn a read into a 5xx, as it would in AWS; the shop asks again. */
  async getJson(path: string): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${this.#runtime.url}${path}`, {
        headers: { accept: 'application/json' },
      });
      if (response.status === 404 || (response.status >= 500 && attempt < 5)) {
        await response.arrayBuffer();
        if (response.status === 404) return undefined;
        continue;
      }
      if (!response.ok) throw new Error(`GET ${path} failed with ${response.status}`);
      return response.json();
    }
  }

  /** Scheduler deliveries again, after the first run: each job once more, a tenth twice, shuffled. */
  async #redeliverDueJobs(): Promise<void> {
    const now = this.#runtime.clock.now();
    const due = this.#jobs.filter((job) => !job.redelivered && job.at <= now.getTime());
    const extra = this.#policy!.copies - 1;
    const copies = due.flatMap((job) => {
      job.redelivered = true;
      const times = extra + (this.#random.chance(this.#policy!.extraCopyShare) ? 1 : 0);
      return Array.from({ length: times }, () => job);
    });
    for (const job of shuffle(copies, this.#random)) {
      this.#redeliveries += 1;
      this.counts.jobRedeliveries[job.job.kind] = (this.counts.jobRedeliveries[job.job.kind] ?? 0) + 1;
      // A schedule already due fires at once, through the runtime's dispatcher and its retries.
      await this.#runtime.scheduler.scheduleAt(`redelivery-${this.#redeliveries}-${job.name}`, now, job.job);
    }
    await this.#runtime.idle();
  }

  async #put(entries: EventEntry[]): Promise<void> {
    await putEntries(this.#runtime.url, entries);
  }
}
