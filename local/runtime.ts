import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { type AdminRouter, createAdminRouter } from '../functions/admin/router.js';
import { handlerFactories } from '../functions/handlers/factories.js';
import { createDeadLetterStore } from '../functions/ingest/dead-letters.js';
import { type Clock, systemClock, VirtualClock } from '../functions/shared/clock.js';
import type { Deps } from '../functions/shared/deps.js';
import type { Log } from '../functions/shared/logger.js';
import { activateMissingSwitches } from '../functions/simulation/activate-switches.js';
import { startDemo } from '../functions/simulation/demo-driver.js';
import { httpShopRuntime } from '../functions/simulation/runtime-client.js';
import { createDocumentClient } from '../functions/store/dynamo.js';
import { localTableNames, type TableNames } from '../functions/store/tables.js';
import { connectDynamo } from './dynamo/connect.js';
import { createEventDispatcher, type RetryPolicy } from './event-dispatcher.js';
import { FileLog } from './file-log.js';
import { createGuardRuns, guardEvent } from './guard-runs.js';
import { createRequestListener, type HttpServerDeps } from './http-server.js';
import { LocalBus } from './local-bus.js';
import { localRoutes } from './local-routes.js';
import { LocalScheduler } from './local-scheduler.js';
import { createNightlyScoring, nightlyEvent } from './nightly-scoring.js';
import { Outbox } from './outbox.js';
import { putEvents } from './put-events.js';
import { publishRulesAtStart, type RulesAtStart } from './rules-at-start.js';
import { WorkTracker } from './work-tracker.js';

export interface LocalRuntimeOptions {
  /** Default 4747; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any other host needs `adminToken`. */
  host?: string;
  clock?: 'real' | 'virtual';
  /** Where virtual time starts; default now. */
  start?: Date;
  /** Validated and published as a new rule version at start; default `rules` (skipped if missing). Null: skip. */
  rulesDir?: string | null;
  /** Drive the synthetic shop of functions/simulation/demo-driver.ts; the CLI turns it on unless --no-demo. Default false. */
  demo?: boolean;
  /** DynamoDB Local files and the log; default `.data`. */
  dataDir?: string;
  /** Wipe the tables first. */
  fresh?: boolean;
  /** Use this DynamoDB instead of starting DynamoDB Local; default env DYNAMODB_ENDPOINT. */
  dynamoEndpoint?: string;
  /** Default env NUDGE_TABLE_PREFIX or `nudge-local`. */
  tablePrefix?: string;
  /** Default a JSON-lines file `<dataDir>/nudge.log`. */
  log?: Log;
  /** Default env NUDGE_ADMIN_TOKEN. */
  adminToken?: string;
  /** Nightly churn scoring at this `HH:MM` UTC (the stack's default cron is 03:00); false turns it off. */
  nightlyScoringAt?: string | false;
  /** Handler runs that throw: default 3 attempts, 100 ms then x4. */
  retry?: RetryPolicy;
}

export interface LocalRuntime {
  /** e.g. http://127.0.0.1:4747 */
  url: string;
  port: number;
  clock: Clock;
  clockMode: 'real' | 'virtual';
  deps: Deps;
  tables: TableNames;
  dynamoEndpoint: string;
  outbox: Outbox;
  bus: LocalBus;
  scheduler: LocalScheduler;
  router: AdminRouter;
  rules: RulesAtStart;
  /** Virtual clock only: moves to `target`, firing every schedule due on the way; resolves when all work is done. */
  advanceTo(target: Date): Promise<void>;
  /** Resolves when no handler run, scheduled job or retry is in flight. */
  idle(): Promise<void>;
  /** Stops the HTTP server, the timers and DynamoDB Local (if started here). */
  stop(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`Port ${port} is in use; pick another with --port <n> (0 = any free port).`)
          : error,
      ),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });

const urlHost = (host: string) =>
  host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

/** The whole system on this machine: DynamoDB Local, PutEvents, scheduler, outbox, admin API. */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const host = options.host ?? '127.0.0.1';
  const adminToken = options.adminToken ?? process.env.NUDGE_ADMIN_TOKEN;
  if (!LOOPBACK.has(host) && !adminToken) {
    throw new StartupError(
      `--host ${host} exposes the admin API beyond this machine; set NUDGE_ADMIN_TOKEN to a long random secret first.`,
    );
  }
  const clockMode = options.clock ?? 'real';
  if (options.start && clockMode !== 'virtual') throw new StartupError('--start needs --clock virtual.');
  const dataDir = options.dataDir ?? '.data';
  mkdirSync(dataDir, { recursive: true });
  const ownLog = options.log ? undefined : new FileLog(join(dataDir, 'nudge.log'));
  const log: Log = options.log ?? ownLog!;
  const virtualClock = clockMode === 'virtual' ? new VirtualClock(options.start ?? new Date()) : undefined;
  const clock: Clock = virtualClock ?? systemClock;
  const tables = localTableNames(options.tablePrefix ?? process.env.NUDGE_TABLE_PREFIX ?? 'nudge-local');

  const dynamo = await connectDynamo({
    endpoint: options.dynamoEndpoint ?? process.env.DYNAMODB_ENDPOINT,
    dataDir,
    tables,
    fresh: options.fresh ?? false,
    ttl: clockMode === 'real',
  });
  const db = createDocumentClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tracker = new WorkTracker();
  let deps: Deps | undefined;
  const dispatcher = createEventDispatcher({
    factories: handlerFactories,
    deps: () => deps!,
    deadLetters: createDeadLetterStore({ db, tables }),
    tracker,
    clock,
    retry: options.retry ?? { attempts: 3, baseDelayMs: 100 },
  });
  const scheduler = new LocalScheduler({
    clock,
    mode: clockMode,
    fire: (job, name) =>
      dispatcher
        .invoke(job.kind, job)
        .catch((error) => log.error('scheduled job failed', { name, error: String(error) })),
    setTime: virtualClock ? (instant) => virtualClock.set(instant) : undefined,
    idle: () => tracker.idle(),
  });
  const nightly =
    options.nightlyScoringAt === false
      ? undefined
      : createNightlyScoring({
          at: options.nightlyScoringAt ?? '03:00',
          clock,
          run: async (at) => {
            await dispatcher.invoke('churn-coordinator', nightlyEvent(at));
            await tracker.idle();
          },
        });
  const guard = createGuardRuns({
    clock,
    run: async (at) => {
      await dispatcher
        .invoke('guard', guardEvent(at))
        .catch((error) => log.error('guard run failed', { error: String(error) }));
      await tracker.idle();
    },
  });
  const outbox = new Outbox(clock);
  const bus = new LocalBus(clock, (envelope) => dispatcher.dispatch(envelope));

  let serverDeps: HttpServerDeps | undefined;
  const server = createServer(
    createRequestListener(
      () => serverDeps,
      (error) => log.error('request failed', { error: String(error) }),
    ),
  );
  let advancing: Promise<void> = Promise.resolve();
  const advanceTo = (target: Date): Promise<void> => {
    const advance = async (to: Date) => {
      await scheduler.advanceTo(to);
      await guard.afterAdvance();
    };
    const run = advancing.then(() => (nightly ? nightly.advanceTo(target, advance) : advance(target)));
    advancing = run.catch(() => {});
    return run;
  };

  try {
    const port = await listen(server, options.port ?? 4747, host);
    const url = `http://${urlHost(host)}:${port}`;
    deps = { db, tables, mailer: outbox, scheduler, bus, clock, log, unsubscribeUrl: `${url}/unsubscribe` };
    const rules: RulesAtStart =
      options.rulesDir === null
        ? { published: false, skipped: 'no rules folder given' }
        : await publishRulesAtStart(deps, {
            dir: options.rulesDir ?? 'rules',
            explicit: options.rulesDir !== undefined,
          });
    log.info('rules at start', { ...rules });
    const router = createAdminRouter(
      deps,
      localRoutes({
        runtime: { dynamoEndpoint: dynamo.endpoint, tables, dataDir: resolve(dataDir), rules },
        clock,
        clockMode,
        advanceTo,
        idle: () => tracker.idle(),
        outbox: () => outbox.list(),
        events: () => bus.list(),
        schedules: () => scheduler.pending(),
      }),
    );

    serverDeps = {
      router,
      adminToken: LOOPBACK.has(host) ? undefined : adminToken,
      putEvents: (body) =>
        putEvents(body, {
          now: clock.now(),
          newId: randomUUID,
          account: '000000000000',
          region: 'local',
          accept: (envelope) => dispatcher.dispatch(envelope),
        }),
    };
    if (clockMode === 'real') {
      nightly?.startTimer();
      guard.startTimer();
    }
    log.info('nudge ready', { url, clock: clockMode, dynamo: dynamo.endpoint });
    const demo = options.demo
      ? startDemo({
          ready: activateMissingSwitches(deps, url),
          runtime: httpShopRuntime(url, (offset) => outbox.list().slice(offset)),
          clockMode,
          now: () => clock.now(),
          onError: (error) => log.warn('demo shop step failed', { error: String(error) }),
        })
      : undefined;

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await demo?.stop();
        serverDeps = undefined;
        scheduler.stop();
        nightly?.stop();
        guard.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.race([tracker.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
        db.destroy();
        await dynamo.stop();
        await ownLog?.close();
      })();
      return stopping;
    };

    return {
      url,
      port,
      clock,
      clockMode,
      deps,
      tables,
      dynamoEndpoint: dynamo.endpoint,
      outbox,
      bus,
      scheduler,
      router,
      rules,
      advanceTo,
      idle: () => tracker.idle(),
      stop,
    };
  } catch (error) {
    server.close();
    db.destroy();
    await dynamo.stop();
    await ownLog?.close();
    throw error;
  }
};
