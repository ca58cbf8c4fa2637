import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readScopeTotals } from '../functions/budget/budget-figures.js';
import { ensureScope, type LedgerDeps } from '../functions/budget/ensure-scope.js';
import { reserve } from '../functions/budget/ledger.js';
import { scopePk } from '../functions/budget/ledger-items.js';
import type { BudgetScope } from '../functions/budget/scopes.js';
import { freshBenchTables } from './bench-dynamo.js';
import { ItemWriteCounter } from './item-write-counter.js';
import { perSecond, runPool } from './pool.js';
import { type BenchResult, ratioOf, round } from './result.js';

export interface BudgetContentionOptions {
  endpoint: string;
  reservations: number;
  concurrency: number;
  shards: number;
}

/** One email's worth, in milli-minor units. */
const AMOUNT = 1_000;
/** Load is measured in rounds that alternate the three variants, so a noisy moment hits all alike. */
const ROUNDS = 4;

type CappedScope = BudgetScope & { cap: number };

interface Variant {
  ms: number;
  granted: number;
}

/** Reads a scope's totals in a loop while reservations run, to catch an overspend mid-flight. */
const watchOverspend = (deps: LedgerDeps, scopes: CappedScope[]) => {
  const worst = new Map(scopes.map((scope) => [scope.key, 0]));
  let running = true;
  const sample = async () => {
    for (const scope of scopes) {
      const totals = await readScopeTotals(deps, scope.key);
      worst.set(scope.key, Math.max(worst.get(scope.key)!, totals.reserved + totals.settled - scope.cap));
    }
  };
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await sample();
    return worst;
  };
};

/**
 * `budget-contention`: concurrent reservations against one capped scope through the ledger's own
 * `reserve`, against plain atomic adds on one item at the same concurrency; then the same load on
 * a scope split into shards. The cap admits all but the last `concurrency` reservations: after the
 * first refusal a campaign pauses itself (reserveSpend), so only the reservations already in
 * flight ever meet a full scope.
 */
export const budgetContention = async (options: BudgetContentionOptions): Promise<BenchResult> => {
  const { db, tables } = await freshBenchTables(options.endpoint, 'budget');
  const counter = new ItemWriteCounter();
  counter.attach(db);
  const deps: LedgerDeps = { db, tables };
  const capReservations = Math.max(1, options.reservations - options.concurrency);
  const cap = AMOUNT * capReservations;
  const oneItem: CappedScope = { key: 'campaign:bench-one-item:total', cap, shards: 1 };
  const sharded: CappedScope = { key: 'campaign:bench-sharded:total', cap, shards: options.shards };
  await ensureScope(deps, oneItem);
  await ensureScope(deps, sharded);
  counter.reset();

  const at = new Date();
  const plainAdd = () =>
    db.send(
      new UpdateCommand({
        TableName: tables.budgets,
        Key: { pk: 'bench#plain-counter', sk: 'total' },
        UpdateExpression: 'ADD spent :amount',
        ExpressionAttributeValues: { ':amount': AMOUNT },
      }),
    );
  const reservation = (scope: CappedScope, variant: Variant) => async (index: number) => {
    const outcome = await reserve(deps, {
      movementKey: `${scope.key}:m${index}`,
      scopes: [scope],
      amount: AMOUNT,
      at,
    });
    if (outcome.ok) variant.granted += 1;
  };

  const baseline: Variant = { ms: 0, granted: 0 };
  const single: Variant = { ms: 0, granted: 0 };
  const split: Variant = { ms: 0, granted: 0 };
  const stopWatching = watchOverspend(deps, [oneItem, sharded]);
  for (let round = 0; round < ROUNDS; round += 1) {
    const from = Math.floor((options.reservations * round) / ROUNDS);
    const count = Math.floor((options.reservations * (round + 1)) / ROUNDS) - from;
    baseline.ms += await runPool(count, options.concurrency, plainAdd);
    const takeSingle = reservation(oneItem, single);
    single.ms += await runPool(count, options.concurrency, (index) => takeSingle(from + index));
    const takeSplit = reservation(sharded, split);
    split.ms += await runPool(count, options.concurrency, (index) => takeSplit(from + index));
  }
  const worst = await stopWatching();
  const overspendOf = (scope: CappedScope, variant: Variant) =>
    Math.max(0, worst.get(scope.key)!, variant.granted * AMOUNT - scope.cap) / AMOUNT;
  const busiestWrites = (scope: CappedScope) =>
    counter.busiest((key) => key.startsWith(`${tables.budgets}|${scopePk(scope.key)}|shard#`))?.writes ?? 0;
  db.destroy();

  const value = perSecond(single.granted, single.ms);
  const baselineRate = perSecond(options.reservations, baseline.ms);
  return {
    name: 'budget-contention',
    value: round(value, 1),
    unit: 'successful reservations/s (one capped item)',
    baseline: round(baselineRate, 1),
    ratio: ratioOf(value, baselineRate),
    notes: {
      target: 'ratio >= 0.8; overspend 0; busiest shard writes per reservation <= 0.2',
      concurrency: options.concurrency,
      reservations: options.reservations,
      capInReservations: capReservations,
      overspend: overspendOf(oneItem, single) + overspendOf(sharded, split),
      oneItem: {
        granted: single.granted,
        refused: options.reservations - single.granted,
        ms: round(single.ms, 0),
        overspend: overspendOf(oneItem, single),
        writesToTheItemPerReservation: round(busiestWrites(oneItem) / options.reservations, 3),
      },
      sharded: {
        shards: options.shards,
        granted: split.granted,
        refused: options.reservations - split.granted,
        ms: round(split.ms, 0),
        reservationsPerSecond: round(perSecond(split.granted, split.ms), 1),
        ratio: ratioOf(perSecond(split.granted, split.ms), baselineRate),
        overspend: overspendOf(sharded, split),
        busiestItemWritesPerReservation: round(busiestWrites(sharded) / options.reservations, 3),
      },
      baselineOperation: 'UpdateItem ADD on one item, unconditional',
      reservation:
        'functions/budget/ledger.ts reserve(): one transaction of the movement header and one shard update',
      overspendUnit: 'reservations (amounts over the cap / amount)',
      rounds: ROUNDS,
    },
  };
};
