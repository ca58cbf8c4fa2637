import { randomUUID } from 'node:crypto';
import type { EventBridgeEnvelope } from '../functions/events/envelope.js';
import { type HandlerFactory, handlerFactories } from '../functions/handlers/factories.js';
import { createDeadLetterStore } from '../functions/ingest/dead-letters.js';
import type { ScheduledJob, Scheduler } from '../functions/ports/scheduler.js';
import type { FunctionId } from '../functions/routes.js';
import { VirtualClock } from '../functions/shared/clock.js';
import type { Deps } from '../functions/shared/deps.js';
import { ensureSwitches } from '../functions/switches/switch-commands.js';
import { createEventDispatcher } from '../local/event-dispatcher.js';
import { LocalBus } from '../local/local-bus.js';
import { LocalScheduler } from '../local/local-scheduler.js';
import { Outbox } from '../local/outbox.js';
import { publishRulesAtStart } from '../local/rules-at-start.js';
import { WorkTracker } from '../local/work-tracker.js';
import { type BenchDynamo, silentLog } from './bench-dynamo.js';
import { CapacityMeter } from './capacity-meter.js';
import { ItemWriteCounter } from './item-write-counter.js';

/** Handler runs of one function and their in-process durations. */
export interface FunctionRuns {
  runs: number;
  totalMs: number;
}

/** What happened since the last `resetCounts`, as the AWS bill would see it. */
export interface MeteredCounts {
  functions: Partial<Record<FunctionId, FunctionRuns>>;
  shopEvents: number;
  nudgeEvents: number;
  nudgeEventsByType: Record<string, number>;
  /** SES's own events for each email (the configuration set publishes them to the default bus). */
  sesEvents: number;
  schedulesCreated: number;
  schedulesCancelled: number;
  schedulesFired: number;
  emails: number;
}

/**
 * The local runtime's own parts (dispatcher, scheduler, bus, outbox) put together around a metered
 * DynamoDB client and timed handler factories, so every request unit, handler run, event, schedule
 * and email of a workload can be counted. Virtual clock; no HTTP server.
 */
export const startMeteredRuntime = async (
  bench: BenchDynamo,
  options: { start: Date; rulesDir: string; campaignIds: string[] },
) => {
  const meter = new CapacityMeter((table) => table.slice(table.lastIndexOf('-') + 1));
  meter.attach(bench.db);
  const itemWrites = new ItemWriteCounter();
  itemWrites.attach(bench.db);
  const clock = new VirtualClock(options.start);
  const tracker = new WorkTracker();
  const counts = emptyCounts();

  const timedFactories = Object.fromEntries(
    (Object.entries(handlerFactories) as Array<[FunctionId, HandlerFactory]>).map(([id, factory]) => [
      id,
      ((deps: Deps) => {
        const handler = factory(deps);
        return async (event: unknown) => {
          const started = performance.now();
          try {
            return await handler(event);
          } finally {
            const runs = counts.functions[id] ?? { runs: 0, totalMs: 0 };
            runs.runs += 1;
            runs.totalMs += performance.now() - started;
            counts.functions[id] = runs;
          }
        };
      }) satisfies HandlerFactory,
    ]),
  ) as Partial<Record<FunctionId, HandlerFactory>>;

  let deps: Deps | undefined;
  const dispatcher = createEventDispatcher({
    factories: timedFactories,
    deps: () => deps!,
    deadLetters: createDeadLetterStore(bench),
    tracker,
    clock,
    retry: { attempts: 3, baseDelayMs: 10 },
  });
  const localScheduler = new LocalScheduler({
    clock,
    mode: 'virtual',
    fire: async (job, _name) => {
      counts.schedulesFired += 1;
      await dispatcher.invoke(job.kind, job).catch(() => {});
    },
    setTime: (instant) => clock.set(instant),
    idle: () => tracker.idle(),
  });
  const scheduler: Scheduler = {
    async scheduleAt(name: string, at: Date, job: ScheduledJob) {
      if (!localScheduler.pending().some((entry) => entry.name === name)) counts.schedulesCreated += 1;
      await localScheduler.scheduleAt(name, at, job);
    },
    async cancel(name: string) {
      counts.schedulesCancelled += 1;
      await localScheduler.cancel(name);
    },
  };
  const outbox = new Outbox(clock);
  const bus = new LocalBus(clock, (envelope) => {
    counts.nudgeEvents += 1;
    const type = String(envelope['detail-type']);
    counts.nudgeEventsByType[type] = (counts.nudgeEventsByType[type] ?? 0) + 1;
    dispatcher.dispatch(envelope);
  });
  deps = {
    db: bench.db,
    tables: bench.tables,
    mailer: {
      send: async (email) => {
        counts.emails += 1;
        const accepted = await outbox.send(email);
        // Every email SES takes yields at least a Send and a Delivery event (opens and clicks come on top).
        for (const [detailType, eventType] of [
          ['Email Sent', 'Send'],
          ['Email Delivered', 'Delivery'],
        ] as const) {
          counts.sesEvents += 1;
          dispatcher.dispatch({
            version: '0',
            id: randomUUID(),
            'detail-type': detailType,
            source: 'aws.ses',
            account: '000000000000',
            time: clock.now().toISOString(),
            region: 'local',
            resources: [],
            detail: {
              eventType,
              mail: {
                messageId: accepted.providerMessageId,
                destination: [email.to],
                tags: {
                  campaign: [email.campaignId],
                  customer: [Buffer.from(email.customerId).toString('base64url')],
                },
              },
            },
          });
        }
        return accepted;
      },
    },
    scheduler,
    bus,
    clock,
    log: silentLog,
    unsubscribeUrl: 'http://127.0.0.1:4747/unsubscribe',
  };
  await publishRulesAtStart(deps, { dir: options.rulesDir, explicit: true });
  // Switches fail closed: a first start creates them active, as a deploy does.
  await ensureSwitches(deps, { campaignIds: options.campaignIds });

  return {
    deps,
    clock,
    meter,
    itemWrites,
    outbox,
    scheduler: localScheduler,
    counts: () => structuredClone(counts),
    events: () => bus.list(),
    resetCounts: () => {
      Object.assign(counts, emptyCounts());
      meter.reset();
      itemWrites.reset();
    },
    /** A shop event, as PutEvents would route it. */
    putShopEvent: (detailType: string, detail: unknown) => {
      counts.shopEvents += 1;
      const envelope: EventBridgeEnvelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': detailType,
        source: 'shop',
        account: '000000000000',
        time: clock.now().toISOString(),
        region: 'local',
        resources: [],
        detail,
      };
      dispatcher.dispatch(envelope);
    },
    idle: () => tracker.idle(),
    advanceTo: (target: Date) => localScheduler.advanceTo(target),
  };
};

const emptyCounts = (): MeteredCounts => ({
  functions: {},
  shopEvents: 0,
  nudgeEvents: 0,
  nudgeEventsByType: {},
  sesEvents: 0,
  schedulesCreated: 0,
  schedulesCancelled: 0,
  schedulesFired: 0,
  emails: 0,
});

export type MeteredRuntime = Awaited<ReturnType<typeof startMeteredRuntime>>;
