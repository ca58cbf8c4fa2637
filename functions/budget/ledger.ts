import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import { ensureScope, type LedgerDeps, readStoredScope } from './ensure-scope.js';
import {
  MOVEMENT_HEADER_SK,
  type MovementHeader,
  type MovementLine,
  movementHeaderSchema,
  movementPk,
  scopePk,
  shardSk,
} from './ledger-items.js';
import type { BudgetScope } from './scopes.js';
import { shardOrder } from './shards.js';
import { type TransactItems, transact } from './transact.js';

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
  /**
   * Count the amount as spent at once rather than reserved, for a cost that is certain once
   * decided (an email's send cost): one transaction instead of two. `release` refunds it when the
   * spend did not happen after all.
   */
  commit?: boolean;
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

const headerKey = (movementKey: string) => ({ pk: movementPk(movementKey), sk: MOVEMENT_HEADER_SK });

/** The answer an earlier delivery of this movement recorded. */
const followRecorded = async (deps: LedgerDeps, movementKey: string): Promise<ReserveOutcome> => {
  const header = await readHeader(deps, movementKey);
  if (!header) throw new Error(`budget movement ${movementKey} vanished while it was being reserved`);
  if (header.state === 'refused') {
    return { ok: false, scope: header.refusedBy ?? 'unknown', fragmented: false, replayed: true };
  }
  return { ok: true, replayed: true };
};

const isFragmented = async (deps: LedgerDeps, scopeKey: string, amount: number): Promise<boolean> => {
  const stored = await readStoredScope(deps, scopeKey);
  if (!stored || stored.items.length < 2) return false;
  return stored.items.reduce((sum, item) => sum + Math.max(0, item.remaining), 0) >= amount;
};

/** Records the refusal, so every later delivery of this movement gives the same answer. */
const refuse = async (
  deps: LedgerDeps,
  request: ReserveRequest,
  scope: BudgetScope,
): Promise<ReserveOutcome> => {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tables.budgets,
        Item: {
          ...headerKey(request.movementKey),
          movementKey: request.movementKey,
          state: 'refused',
          amount: request.amount,
          at: request.at.toISOString(),
          lines: {},
          refusedBy: scope.key,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return followRecorded(deps, request.movementKey);
    throw error;
  }
  const fragmented = await isFragmented(deps, scope.key, request.amount);
  return { ok: false, scope: scope.key, fragmented, replayed: false };
};

/**
 * Reserves `amount` in every scope, all or nothing, in one transaction: the movement's header
 * (written only if absent, so a redelivery reserves nothing more) and one conditional update per
 * scope on one of its shards. A full shard is swapped for the scope's next one; a scope whose every
 * shard is full refuses the whole movement. There is no state in between for a crash to leave.
 */
export const reserve = async (deps: LedgerDeps, request: ReserveRequest): Promise<ReserveOutcome> => {
  const { movementKey, scopes, amount, commit = false } = request;
  const shardCounts = await Promise.all(scopes.map((scope) => ensureScope(deps, scope)));
  const orders = shardCounts.map((shards) => shardOrder(shards));
  const tried = scopes.map(() => 0);
  for (;;) {
    const lines: Record<string, MovementLine> = Object.fromEntries(
      scopes.map((scope, index) => [scope.key, { shard: orders[index]![tried[index]!]!, amount }]),
    );
    const items: TransactItems = [
      {
        Put: {
          TableName: deps.tables.budgets,
          Item: {
            ...headerKey(movementKey),
            movementKey,
            state: commit ? 'settled' : 'reserved',
            amount,
            at: request.at.toISOString(),
            lines,
            ...(commit ? { committed: true, settledAmount: amount } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...scopes.map((scope) => ({
        Update: {
          TableName: deps.tables.budgets,
          Key: { pk: scopePk(scope.key), sk: shardSk(lines[scope.key]!.shard) },
          UpdateExpression: `SET ${commit ? 'settled = settled' : 'reserved = reserved'} + :amount, remaining = remaining - :amount`,
          ConditionExpression: 'remaining >= :amount',
          ExpressionAttributeValues: { ':amount': amount },
        },
      })),
    ];
    const outcome = await transact(deps.db, items);
    if (outcome.ok) return { ok: true, replayed: false };
    if (outcome.failed.includes(0)) return followRecorded(deps, movementKey);
    for (const index of outcome.failed) tried[index - 1]! += 1;
    const full = scopes.findIndex((_, index) => tried[index]! >= orders[index]!.length);
    if (full >= 0) return refuse(deps, request, scopes[full]!);
  }
};

/** `spent`: what a scope keeps of the amount it reserved (every line of a movement reserved the same). */
type Closing = { state: 'settled' | 'released'; spent: (reserved: number) => number };

/** Closes every line of a reserved movement and its header together; a closed movement is left alone. */
const close = async (deps: LedgerDeps, header: MovementHeader, closing: Closing): Promise<void> => {
  const lines = Object.entries(header.lines);
  const settledAmount = closing.spent(header.amount);
  await transact(deps.db, [
    {
      Update: {
        TableName: deps.tables.budgets,
        Key: headerKey(header.movementKey),
        UpdateExpression: 'SET #state = :to, settledAmount = :spent',
        ConditionExpression: '#state = :reserved',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':to': closing.state, ':spent': settledAmount, ':reserved': 'reserved' },
      },
    },
    ...lines.map(([scopeKey, line]) => {
      const spent = closing.spent(line.amount);
      return {
        Update: {
          TableName: deps.tables.budgets,
          Key: { pk: scopePk(scopeKey), sk: shardSk(line.shard) },
          UpdateExpression:
            'SET reserved = reserved - :amount, settled = settled + :spent, remaining = remaining + :back, released = released + :back',
          ExpressionAttributeValues: {
            ':amount': line.amount,
            ':spent': spent,
            ':back': line.amount - spent,
          },
        },
      };
    }),
  ]);
  // A failed condition means another delivery closed this movement already: nothing left to do.
};

/**
 * Turns a reservation into spend: each scope keeps `amount` (at most what it reserved) as settled
 * and gets the rest back. Idempotent: a movement settles once.
 */
export const settle = async (
  deps: LedgerDeps,
  { movementKey, amount }: { movementKey: string; amount: number },
): Promise<void> => {
  const header = await readHeader(deps, movementKey);
  if (header?.state !== 'reserved') return;
  await close(deps, header, { state: 'settled', spent: (reserved) => Math.min(amount, reserved) });
};

/** Gives a committed spend back to every scope, once. */
const refund = async (deps: LedgerDeps, header: MovementHeader): Promise<void> => {
  await transact(deps.db, [
    {
      Update: {
        TableName: deps.tables.budgets,
        Key: headerKey(header.movementKey),
        UpdateExpression: 'SET #state = :released, settledAmount = :zero',
        ConditionExpression: '#state = :settled AND committed = :true',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':released': 'released',
          ':settled': 'settled',
          ':zero': 0,
          ':true': true,
        },
      },
    },
    ...Object.entries(header.lines).map(([scopeKey, line]) => ({
      Update: {
        TableName: deps.tables.budgets,
        Key: { pk: scopePk(scopeKey), sk: shardSk(line.shard) },
        UpdateExpression:
          'SET settled = settled - :amount, remaining = remaining + :amount, released = released + :amount',
        ExpressionAttributeValues: { ':amount': line.amount },
      },
    })),
  ]);
  // A failed condition means another delivery refunded it already.
};

/**
 * Gives back everything a movement still holds: a reservation, or a committed spend that did not
 * happen. A movement settled by `settle` (a redeemed coupon) stays spent.
 */
export const release = async (deps: LedgerDeps, { movementKey }: { movementKey: string }): Promise<void> => {
  const header = await readHeader(deps, movementKey);
  if (header?.state === 'reserved') await close(deps, header, { state: 'released', spent: () => 0 });
  else if (header?.state === 'settled' && header.committed) await refund(deps, header);
};

export const readMovement = async (
  deps: LedgerDeps,
  movementKey: string,
): Promise<{ header?: MovementHeader; lines: Array<MovementLine & { scope: string }> }> => {
  const header = await readHeader(deps, movementKey);
  return {
    header,
    lines: Object.entries(header?.lines ?? {}).map(([scope, line]) => ({ scope, ...line })),
  };
};
