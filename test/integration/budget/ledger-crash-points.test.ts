import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readScopeTotals } from '../../../functions/budget/budget-figures.js';
import { type LedgerDeps, reserve, settle } from '../../../functions/budget/ledger.js';
import type { BudgetScope } from '../../../functions/budget/scopes.js';
import { freshTables } from '../../support/dynamo.js';

const at = new Date('2025-03-14T10:00:00Z');

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/**
 * A client whose `crashAfter`-th write commits and then fails as if the function died before
 * hearing the answer: the state a redelivery finds after a crash at that point.
 */
const crashingClient = (db: DynamoDBDocumentClient, crashAfter: number): DynamoDBDocumentClient => {
  let writes = 0;
  const send = async (command: { constructor: { name: string } }) => {
    const isWrite = /^(Put|Update|Delete|TransactWrite)Command$/.test(command.constructor.name);
    const result = await db.send(command as Parameters<DynamoDBDocumentClient['send']>[0]);
    if (isWrite) {
      writes += 1;
      if (writes === crashAfter) throw new SimulatedCrash(`crashed after write ${writes}`);
    }
    return result;
  };
  return new Proxy(db, { get: (target, name) => (name === 'send' ? send : Reflect.get(target, name)) });
};

const scopes: BudgetScope[] = [
  { key: 'campaign:c:day:2025-03-14', cap: 50_000, shards: 1 },
  { key: 'campaign:c:month:2025-03', cap: 200_000, shards: 2 },
  { key: 'global:month:2025-03', cap: 900_000, shards: 1 },
];
const amount = 7_000;

describe('budget ledger at every crash point', () => {
  it.each([1, 2, 3, 4, 5])(
    'takes each scope exactly once when a redelivery finishes a reservation that crashed after write %i',
    async (crashAfter) => {
      const deps = await freshTables();
      // An earlier reservation creates the scopes, so the writes counted are this reservation's own.
      await reserve(deps, { movementKey: 'send:m0', scopes, amount, at });
      const crashing: LedgerDeps = { ...deps, db: crashingClient(deps.db, crashAfter) };

      const first = await reserve(crashing, { movementKey: 'send:m1', scopes, amount, at }).catch(
        (error: unknown) => error,
      );
      const redelivered = await reserve(deps, { movementKey: 'send:m1', scopes, amount, at });
      const again = await reserve(deps, { movementKey: 'send:m1', scopes, amount, at });

      expect(first instanceof SimulatedCrash || (first as { ok?: boolean }).ok === true).toBe(true);
      expect(redelivered.ok).toBe(true);
      expect(again).toEqual({ ok: true, replayed: true });
      for (const scope of scopes) {
        const totals = await readScopeTotals(deps, scope.key);
        expect(totals).toMatchObject({
          reserved: 2 * amount,
          settled: 0,
          remaining: scope.cap! - 2 * amount,
        });
      }
    },
  );

  it.each([1, 2, 3, 4])(
    'settles each scope exactly once when a redelivery finishes a settle that crashed after write %i',
    async (crashAfter) => {
      const deps = await freshTables();
      await reserve(deps, { movementKey: 'coupon:K', scopes, amount, at });
      const crashing: LedgerDeps = { ...deps, db: crashingClient(deps.db, crashAfter) };

      await settle(crashing, { movementKey: 'coupon:K', amount: 5_000 }).catch(() => undefined);
      await settle(deps, { movementKey: 'coupon:K', amount: 5_000 });
      await settle(deps, { movementKey: 'coupon:K', amount: 5_000 });

      for (const scope of scopes) {
        expect(await readScopeTotals(deps, scope.key)).toMatchObject({
          reserved: 0,
          settled: 5_000,
          released: 2_000,
          remaining: scope.cap! - 5_000,
        });
      }
    },
  );
});
