import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoFaults } from '../functions/faults/dynamo-faults.js';
import { type FaultKind, FaultPlan } from '../functions/faults/fault-plan.js';
import { useQuickRetries } from '../functions/faults/quick-retries.js';
import { DEAD_LETTER_PK } from '../functions/ingest/dead-letters.js';
import { MemoryLog } from '../functions/shared/logger.js';
import { activateMissingSwitches } from '../functions/simulation/activate-switches.js';
import { HOUR_MS, simulationConfigSchema } from '../functions/simulation/config.js';
import { Random } from '../functions/simulation/prng.js';
import { ShopDriver } from '../functions/simulation/shop-driver.js';
import { type LocalRuntime, startLocalRuntime } from '../local/runtime.js';
import { faultRatesFor } from './fault-rates.js';
import { faultyMailer } from './faulty-mailer.js';
import { checkBudget } from './invariants/check-budget.js';
import { checkCoupons, couponStates } from './invariants/check-coupons.js';
import { checkLogs } from './invariants/check-logs.js';
import { checkMessages } from './invariants/check-messages.js';
import type { AcceptedSend, InvariantResult, TablesSnapshot } from './invariants/invariant.js';
import { defaultRedelivery } from './redelivery.js';
import { type EventEntry, type ReplayCounts, ReplayingRuntime } from './replaying-runtime.js';
import { readSnapshot } from './snapshot.js';

const DAY_MS = 24 * HOUR_MS;

export interface ReliabilityOptions {
  customers: number;
  /** Virtual days of shop traffic; then `settleDays` more so reminders run out and coupons expire. */
  days: number;
  settleDays?: number;
  seed: number;
  /** Chance that one DynamoDB request or one SES call fails; 0 turns faults off. */
  faultRate: number;
  /** SES alone, when a short run has too few sends to see every kind at `faultRate`. */
  sesFaultRate?: number;
  /** Share of accepted messages that bounce permanently (SES events, delivered like shop events). */
  bounceRate?: number;
  rulesDir: string;
  /** A running DynamoDB (Local); default: start DynamoDB Local for this run. */
  dynamoEndpoint?: string;
  start?: string;
}

export interface ReliabilityFigures {
  customers: number;
  days: number;
  replay: ReplayCounts;
  sesAccepted: number;
  messages: Record<string, number>;
  coupons: Record<string, number>;
  deadLetters: number;
  deadLetterReasons: Record<string, number>;
  bouncesInjected: number;
  campaignsResumed: number;
  logLines: number;
}

export interface ReliabilityReport {
  invariants: InvariantResult[];
  faults: Record<FaultKind, number>;
  figures: ReliabilityFigures;
  violations: number;
  seconds: number;
}

const countBy = (values: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values.sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/** Reads the admin API, retrying answers that an injected fault turned into a 5xx. */
const adminCall = async (url: string, init?: RequestInit): Promise<unknown> => {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(url, init);
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return body;
    if (response.status < 500 || attempt >= 5) throw new Error(`${url} answered ${response.status}`);
  }
};

/** An operator's morning: campaigns that paused on a full daily budget are resumed. */
const resumeBudgetPauses = async (runtime: LocalRuntime): Promise<number> => {
  const switches = (await adminCall(`${runtime.url}/api/switches`)) as Array<{
    scope: string;
    state: string;
    reason?: string;
  }>;
  const paused = switches.filter((entry) => entry.state === 'paused' && entry.reason === 'budget_exhausted');
  for (const entry of paused) {
    await adminCall(`${runtime.url}/api/switches/${encodeURIComponent(entry.scope)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'active', reason: 'new budget day' }),
    });
  }
  return paused.length;
};

const bounceOf = (send: AcceptedSend): EventEntry => ({
  Source: 'aws.ses',
  DetailType: 'Email Bounced',
  at: send.at + 10 * 60_000,
  Detail: JSON.stringify({
    eventType: 'Bounce',
    bounce: { bounceType: 'Permanent', bounceSubType: 'General' },
    mail: {
      messageId: `ses-${send.messageId}`,
      destination: [send.to],
      tags: {
        campaign: [send.campaignId],
        step: [String(send.step)],
        customer: [Buffer.from(send.customerId).toString('base64url')],
      },
    },
  }),
});

/**
 * Runs the synthetic shop through a local runtime with every event and scheduled job delivered
 * more than once and faults injected at the DynamoDB and SES boundaries, then checks the
 * exactly-once, gate, coupon, budget and log invariants over what is left in the tables.
 */
export const runReliability = async (options: ReliabilityOptions): Promise<ReliabilityReport> => {
  const began = performance.now();
  const config = simulationConfigSchema.parse({
    customers: options.customers,
    days: options.days,
    seed: options.seed,
    // In the future of the real clock: DynamoDB Local expires TTL items (400-day claims) by real time.
    start: options.start ?? '2030-03-04T00:00:00.000Z',
    historyDays: 30,
    // Carts far more often than a real shop, so a short run has plenty of journeys to replay.
    process: { sessionsPerPurchase: 60, a: 0.1 },
    upliftReminder: 0.2,
    upliftCoupon: 0.2,
    unsubscribeRate: 0.03,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'nudge-reliability-'));
  const log = new MemoryLog();
  const runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: new Date(config.start),
    rulesDir: options.rulesDir,
    demo: false,
    dataDir,
    fresh: true,
    dynamoEndpoint: options.dynamoEndpoint,
    tablePrefix: `nudge-rel-${randomUUID().slice(0, 8)}`,
    log,
    retry: { attempts: 3, baseDelayMs: 5 },
  });
  try {
    await activateMissingSwitches(runtime.deps, runtime.url);
    const plan = new FaultPlan(
      options.seed,
      options.faultRate > 0 ? faultRatesFor(options.faultRate, options.sesFaultRate) : {},
    );
    const dynamoFaults = new DynamoFaults(plan);
    dynamoFaults.attach(runtime.deps.db);
    useQuickRetries(runtime.deps.db);
    const accepted: AcceptedSend[] = [];
    const replaying = new ReplayingRuntime(
      runtime,
      new Random(`redelivery|${options.seed}`),
      defaultRedelivery,
    );
    // Handlers are built on their first event, so from here on they get these adapters.
    runtime.deps.mailer = faultyMailer({
      plan,
      dynamoFaults,
      messagesTable: runtime.tables.messages,
      outbox: runtime.outbox,
      clock: runtime.clock,
      accepted,
    });
    runtime.deps.scheduler = replaying.recordingScheduler(runtime.scheduler);

    const bounces = new Random(`bounces|${options.seed}`);
    let bounced = 0;
    let resumed = 0;
    let seenSends = 0;
    const driver = new ShopDriver(config, replaying);
    await driver.open();
    const end = driver.shop.endMs + (options.settleDays ?? 4) * DAY_MS;
    for (let now = driver.shop.startMs; now < end; ) {
      const stepMs = now < driver.shop.endMs ? HOUR_MS : DAY_MS;
      const target = now + stepMs;
      await driver.step(now, target);
      for (const send of accepted.slice(seenSends)) {
        if (!bounces.chance(options.bounceRate ?? 0.03)) continue;
        bounced += 1;
        await replaying.putEvents([bounceOf(send)]);
      }
      seenSends = accepted.length;
      if ((target - driver.shop.startMs) % DAY_MS === 0) resumed += await resumeBudgetPauses(runtime);
      now = target;
    }
    await replaying.flush();
    await runtime.idle();
    plan.disable();

    const snapshot: TablesSnapshot = await readSnapshot(runtime.deps);
    const invariants = [
      ...checkMessages({ accepted, snapshot, delivered: replaying.delivered }),
      ...checkCoupons(snapshot),
      ...checkBudget(snapshot),
      ...checkLogs(log.lines, {
        emails: driver.shop.customers.map((customer) => customer.email),
        names: driver.shop.customers.map((customer) => customer.firstName),
      }),
    ];
    const deadLetters = snapshot.control.filter((item) => item.pk === DEAD_LETTER_PK);
    return {
      invariants,
      faults: { ...plan.counts },
      violations: invariants.reduce((sum, invariant) => sum + invariant.violations.length, 0),
      seconds: (performance.now() - began) / 1000,
      figures: {
        customers: config.customers,
        days: config.days,
        replay: replaying.counts,
        sesAccepted: accepted.length,
        messages: countBy(
          snapshot.messages
            .filter((item) => String(item.sk).startsWith('claim#'))
            .map((item) => String(item.state)),
        ),
        coupons: couponStates(snapshot),
        deadLetters: deadLetters.length,
        deadLetterReasons: countBy(deadLetters.map((item) => reasonKind(String(item.reason)))),
        bouncesInjected: bounced,
        campaignsResumed: resumed,
        logLines: log.lines.length,
      },
    };
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** `failed after 3 attempts: ProvisionedThroughputExceededException: ...` -> its error name. */
const reasonKind = (reason: string): string => {
  const failed = /^failed after \d+ attempts: (\w+)/.exec(reason);
  if (failed) return `transient, retries exhausted: ${failed[1]}`;
  return `rejected: ${reason.split(':')[0]}`;
};
