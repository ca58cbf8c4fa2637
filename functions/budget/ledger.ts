import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import { ensureScope, type LedgerDeps, readStoredScope } from './ensure-scope.js';
import {
  MOVEMENT_HEADER_SK,
  type MovementHeader,
  type MovementLine,
  movementHeaderSchema,
  movementLineSchema,
  movementPk,
  scopePk,
  shardSk,
} from './ledger-items.js';
import type { BudgetScope } from './scopes.js';
import { shardOrder } from './shards.js';
import { transact } from './transact.js';

export type { LedgerDeps } from './ensure-scope.js';

export type ReserveOutcome =
  | { ok: true; replayed: boolean }
  | {
      ok: false;
      /** The scope that had no room. */
      scope: string;
      /** The scope as a whole had room, but no single shard did. */
      fragmented: boolean;
      replayed: boolean;
    };

export interface ReserveRequest {
  /** The coupon or message this pays for; a second reservation with the same key reserves nothing. */
  movementKey: string;
  scopes: BudgetScope[];
  /** Milli-minor units, taken from every scope. */
  amount: number;
  at: Date;
}

const readHeader = async (deps: LedgerDeps, movementKey: string): Promise<MovementHeader | undefined> => {
  const read = await deps.db.send(
    new GetCommand({
      TableName: deps.tables.budgets,
      Key: { pk: movementPk(movementKey), sk: MOVEMENT_HEADER_SK },
      ConsistentRead: true,
    }),
  );
  return read.Item ? movementHeaderSchema.parse(read.Item) : undefined;
};

const readLines = async (deps: LedgerDeps, movementKey: string): Promise<MovementLine[]> => {
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.tables.budgets,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': movementPk(movementKey) },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? [])
    .filter((item) => item.sk !== MOVEMENT_HEADER_SK)
    .map((item) => movementLineSchema.parse(item));
};

/** Moves the header from one state to another; false when it was not in `from`. */
const moveHeader = async (
  deps: LedgerDeps,
  movementKey: string,
  from: MovementHeader['state'][],
  to: MovementHeader['state'],
  extra: Record<string, unknown> = {},
): Promise<boolean> => {
  const fromValues = Object.fromEntries(from.map((state, index) => [`:from${index}`, state]));
  const sets = Object.keys(extra).map((name) => `#${name} = :${name}`);
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tables.budgets,
        Key: { pk: movementPk(movementKey), sk: MOVEMENT_HEADER_SK },
        UpdateExpression: `SET #state = :to${sets.map((set) => `, ${set}`).join('')}`,
        ConditionExpression: `#state IN (${Object.keys(fromValues).join(', ')})`,
        ExpressionAttributeNames: {
          '#state': 'state',
          ...Object.fromEntries(Object.keys(extra).map((name) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ':to': to,
          ...fromValues,
          ...Object.fromEntries(Object.entries(extra).map(([name, value]) => [`:${name}`, value])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

type LineOutcome = 'taken' | 'full' | 'released';

/**
 * Takes `amount` from one shard of the scope, trying each shard once. The movement line and the
 * shard update commit together, so a retry finds the line and never takes twice, whatever the
 * crash point. Transactions here touch one hot item each; see docs/budgets.md for why.
 */
const reserveLine = async (
  deps: LedgerDeps,
  request: ReserveRequest,
  scope: BudgetScope,
  shards: number,
): Promise<LineOutcome> => {
  for (const shard of shardOrder(shards)) {
    const outcome = await transact(deps.db, [
      {
        Put: {
          TableName: deps.tables.budgets,
          Item: {
            pk: movementPk(request.movementKey),
            sk: scope.key,
            scope: scope.key,
            shard,
            amount: request.amount,
            state: 'reserved',
            at: request.at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: deps.tables.budgets,
          Key: { pk: scopePk(scope.key), sk: shardSk(shard) },
          UpdateExpression: 'SET reserved = reserved + :amount, remaining = remaining - :amount',
          ConditionExpression: 'remaining >= :amount',
          ExpressionAttributeValues: { ':amount': request.amount },
        },
      },
    ]);
    if (outcome.ok) return 'taken';
    if (outcome.failed.includes(0)) {
      const line = (await readLines(deps, request.movementKey)).find(
        (candidate) => candidate.scope === scope.key,
      );
      return line?.state === 'released' ? 'released' : 'taken';
    }
  }
  return 'full';
};

type LineChange = { state: 'settled' | 'released'; spent: (line: MovementLine) => number };

const closeLine = async (deps: LedgerDeps, movementKey: string, line: MovementLine, change: LineChange) => {
  const spent = change.spent(line);
  const back = line.amount - spent;
  await transact(deps.db, [
    {
      Update: {
        TableName: deps.tables.budgets,
        Key: { pk: movementPk(movementKey), sk: line.scope },
        UpdateExpression: 'SET #state = :to, settledAmount = :spent',
        ConditionExpression: '#state = :reserved',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':to': change.state, ':spent': spent, ':reserved': 'reserved' },
      },
    },
    {
      Update: {
        TableName: deps.tables.budgets,
        Key: { pk: scopePk(line.scope), sk: shardSk(line.shard) },
        UpdateExpression:
          'SET reserved = reserved - :amount, settled = settled + :spent, remaining = remaining + :back, released = released + :back',
        ExpressionAttributeValues: { ':amount': line.amount, ':spent': spent, ':back': back },
      },
    },
  ]);
  // A failed condition means another delivery closed this line already: nothing left to do.
};

const closeAllLines = async (deps: LedgerDeps, movementKey: string, change: LineChange): Promise<void> => {
  const open = (await readLines(deps, movementKey)).filter((line) => line.state === 'reserved');
  await Promise.all(open.map((line) => closeLine(deps, movementKey, line, change)));
};

const releaseAll: LineChange = { state: 'released', spent: () => 0 };

const isFragmented = async (deps: LedgerDeps, scopeKey: string, amount: number): Promise<boolean> => {
  const stored = await readStoredScope(deps, scopeKey);
  if (!stored || stored.items.length < 2) return false;
  return stored.items.reduce((sum, item) => sum + Math.max(0, item.remaining), 0) >= amount;
};

/**
 * Reserves `amount` in every scope, all or nothing: scope by scope with single-shard conditional
 * writes, giving back what was taken when one scope is full. A movement header arbitrates between
 * concurrent deliveries of the same movement, so they all see the same answer.
 */
export const reserve = async (deps: LedgerDeps, request: ReserveRequest): Promise<ReserveOutcome> => {
  const { movementKey } = request;
  let replayed = false;
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tables.budgets,
        Item: {
          pk: movementPk(movementKey),
          sk: MOVEMENT_HEADER_SK,
          movementKey,
          state: 'reserving',
          amount: request.amount,
          at: request.at.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    replayed = true;
    const header = await readHeader(deps, movementKey);
    if (header && header.state !== 'reserving') {
      if (header.state !== 'refused') return { ok: true, replayed };
      // The delivery that refused may have crashed before giving everything back.
      await closeAllLines(deps, movementKey, releaseAll);
      return { ok: false, scope: header.refusedBy ?? 'unknown', fragmented: false, replayed };
    }
  }

  const shardCounts = await Promise.all(request.scopes.map((scope) => ensureScope(deps, scope)));
  const planned = request.scopes.map((scope, index) => ({ scope, shards: shardCounts[index]! }));
  // Capped scopes one by one, in the caller's order, so a full one stops before wider ones are
  // touched; uncapped scopes cannot refuse, so they are taken together afterwards.
  const steps = [
    ...planned.filter(({ scope }) => scope.cap !== undefined).map((step) => [step]),
    planned.filter(({ scope }) => scope.cap === undefined),
  ];
  for (const step of steps) {
    const outcomes = await Promise.all(
      step.map(({ scope, shards }) => reserveLine(deps, request, scope, shards)),
    );
    const failedAt = outcomes.findIndex((outcome) => outcome !== 'taken');
    if (failedAt < 0) continue;
    const scope = step[failedAt]!.scope;
    if (await moveHeader(deps, movementKey, ['reserving'], 'refused', { refusedBy: scope.key })) {
      await closeAllLines(deps, movementKey, releaseAll);
      const fragmented =
        outcomes[failedAt] === 'full' && (await isFragmented(deps, scope.key, request.amount));
      return { ok: false, scope: scope.key, fragmented, replayed };
    }
    return settleRace(deps, movementKey, replayed);
  }
  if (await moveHeader(deps, movementKey, ['reserving'], 'reserved')) return { ok: true, replayed };
  return settleRace(deps, movementKey, replayed);
};

/** Another delivery of this movement decided first; follow its decision. */
const settleRace = async (
  deps: LedgerDeps,
  movementKey: string,
  replayed: boolean,
): Promise<ReserveOutcome> => {
  const header = await readHeader(deps, movementKey);
  if (header?.state === 'refused') {
    await closeAllLines(deps, movementKey, releaseAll);
    return { ok: false, scope: header.refusedBy ?? 'unknown', fragmented: false, replayed: true };
  }
  return { ok: true, replayed: replayed || header?.state !== 'reserving' };
};

/**
 * Turns a reservation into spend: each scope keeps `amount` (at most what it reserved) as settled
 * and gets the rest back. Idempotent: a line settles once.
 */
export const settle = async (
  deps: LedgerDeps,
  { movementKey, amount }: { movementKey: string; amount: number },
) => {
  const header = await readHeader(deps, movementKey);
  if (!header || header.state === 'refused' || header.state === 'released') return;
  await closeAllLines(deps, movementKey, {
    state: 'settled',
    spent: (line) => Math.min(amount, line.amount),
  });
  await moveHeader(deps, movementKey, ['reserving', 'reserved'], 'settled');
};

/**
 * Gives back everything a movement still holds. A movement still being reserved is refused first,
 * so a delivery that is still running gives back what it takes after this.
 */
export const release = async (deps: LedgerDeps, { movementKey }: { movementKey: string }) => {
  const header = await readHeader(deps, movementKey);
  if (!header || header.state === 'settled') return;
  if (header.state === 'reserving') {
    await moveHeader(deps, movementKey, ['reserving'], 'refused', { refusedBy: 'released' });
  }
  await closeAllLines(deps, movementKey, releaseAll);
  await moveHeader(deps, movementKey, ['reserved'], 'released');
};

export const readMovement = async (
  deps: LedgerDeps,
  movementKey: string,
): Promise<{ header?: MovementHeader; lines: MovementLine[] }> => ({
  header: await readHeader(deps, movementKey),
  lines: await readLines(deps, movementKey),
});
