import { describe, expect, it } from 'vitest';
import { readScopeTotals } from '../../../functions/budget/budget-figures.js';
import { readMovement, release, reserve, settle } from '../../../functions/budget/ledger.js';
import type { BudgetScope } from '../../../functions/budget/scopes.js';
import { freshTables } from '../../support/dynamo.js';

const at = new Date('2025-03-14T10:00:00Z');

/** Samples a scope while `work` runs, returning every sampled reserved + settled. */
const sampleWhile = async <T>(read: () => Promise<number>, work: Promise<T>) => {
  const samples: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) samples.push(await read());
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await sampler;
  samples.push(await read());
  return { result, samples };
};

describe('budget ledger against DynamoDB Local', () => {
  it.each([
    { shards: 1, label: 'one item' },
    { shards: 4, label: 'four shards' },
  ])(
    'never lets 32 concurrent reservations push a capped scope ($label) past its cap',
    async ({ shards }) => {
      const deps = await freshTables();
      const cap = 100_000;
      const scope: BudgetScope = { key: 'campaign:hot:total', cap, shards };
      const amount = 7_000;

      const { result, samples } = await sampleWhile(
        async () => {
          const totals = await readScopeTotals(deps, scope.key);
          return totals.reserved + totals.settled;
        },
        Promise.all(
          Array.from({ length: 32 }, (_, index) =>
            reserve(deps, { movementKey: `m${index}`, scopes: [scope], amount, at }),
          ),
        ),
      );

      const granted = result.filter((outcome) => outcome.ok).length;
      const totals = await readScopeTotals(deps, scope.key);
      expect(samples.length).toBeGreaterThan(1);
      expect(Math.max(...samples)).toBeLessThanOrEqual(cap);
      expect(totals.reserved).toBe(granted * amount);
      expect(totals.reserved + totals.settled + (totals.remaining ?? 0)).toBe(cap);
      expect(granted).toBeLessThanOrEqual(Math.floor(cap / amount));
      // One item can hand out all but the last fraction; shards may strand up to one amount each.
      expect(granted).toBeGreaterThanOrEqual(Math.floor(cap / amount) - (shards - 1));
    },
  );

  it('reserves nothing more when the same movement is reserved again, even concurrently', async () => {
    const deps = await freshTables();
    const scopes: BudgetScope[] = [
      { key: 'campaign:a:day:2025-03-14', cap: 50_000, shards: 2 },
      { key: 'global:total', cap: undefined, shards: 1 },
    ];

    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => reserve(deps, { movementKey: 'coupon:X', scopes, amount: 10_000, at })),
    );
    const again = await reserve(deps, { movementKey: 'coupon:X', scopes, amount: 10_000, at });

    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(again).toEqual({ ok: true, replayed: true });
    expect((await readScopeTotals(deps, scopes[0]!.key)).reserved).toBe(10_000);
    expect((await readScopeTotals(deps, scopes[1]!.key)).reserved).toBe(10_000);
  });

  it('takes nothing from any scope when one of them is full, and says which', async () => {
    const deps = await freshTables();
    const roomy: BudgetScope = { key: 'campaign:a:month:2025-03', cap: 1_000_000, shards: 1 };
    const tight: BudgetScope = { key: 'campaign:a:day:2025-03-14', cap: 5_000, shards: 1 };

    const outcome = await reserve(deps, { movementKey: 'm1', scopes: [roomy, tight], amount: 6_000, at });

    expect(outcome).toMatchObject({ ok: false, scope: tight.key });
    expect((await readScopeTotals(deps, roomy.key)).reserved).toBe(0);
    expect((await readScopeTotals(deps, roomy.key)).released).toBe(0);
    expect((await readMovement(deps, 'm1')).header?.state).toBe('refused');
  });

  it('settles the actual amount and releases the rest, once', async () => {
    const deps = await freshTables();
    const scope: BudgetScope = { key: 'campaign:a:total', cap: 100_000, shards: 3 };
    await reserve(deps, { movementKey: 'coupon:A', scopes: [scope], amount: 20_000, at });

    await settle(deps, { movementKey: 'coupon:A', amount: 12_000 });
    await settle(deps, { movementKey: 'coupon:A', amount: 12_000 });
    await release(deps, { movementKey: 'coupon:A' });

    expect(await readScopeTotals(deps, scope.key)).toMatchObject({
      cap: 100_000,
      reserved: 0,
      settled: 12_000,
      released: 8_000,
      remaining: 88_000,
    });
  });

  it('applies a cap published later to the stored scope', async () => {
    const deps = await freshTables();
    const before: BudgetScope = { key: 'campaign:a:total', cap: 10_000, shards: 2 };
    await reserve(deps, { movementKey: 'm1', scopes: [before], amount: 4_000, at });
    const refused = await reserve(deps, { movementKey: 'm2', scopes: [before], amount: 8_000, at });

    const raised = await reserve(deps, {
      movementKey: 'm3',
      scopes: [{ ...before, cap: 30_000 }],
      amount: 8_000,
      at,
    });

    expect(refused.ok).toBe(false);
    expect(raised.ok).toBe(true);
    expect(await readScopeTotals(deps, before.key)).toMatchObject({
      cap: 30_000,
      reserved: 12_000,
      remaining: 18_000,
    });
  });

  it('reports a refusal as fragmented when the shards together had room but none alone did', async () => {
    const deps = await freshTables();
    const scope: BudgetScope = { key: 'campaign:frag:total', cap: 10_000, shards: 2 };
    await reserve(deps, { movementKey: 'a', scopes: [scope], amount: 3_000, at });
    await reserve(deps, { movementKey: 'b', scopes: [scope], amount: 3_000, at });
    const totals = await readScopeTotals(deps, scope.key);

    const outcome = await reserve(deps, { movementKey: 'c', scopes: [scope], amount: 4_000, at });

    expect(totals.remaining).toBe(4_000);
    // Both reservations may have landed on one shard; only a split leaves each with 2,000.
    if (outcome.ok) expect((await readScopeTotals(deps, scope.key)).remaining).toBe(0);
    else expect(outcome).toMatchObject({ ok: false, fragmented: true });
  });

  it('counts a committed spend as settled at once, and refunds it once when the spend did not happen', async () => {
    const deps = await freshTables();
    const scope: BudgetScope = { key: 'channel:email:month:2025-03', cap: 50_000, shards: 2 };

    const committed = await reserve(deps, {
      movementKey: 'send:m1',
      scopes: [scope],
      amount: 10,
      at,
      commit: true,
    });
    const afterCommit = await readScopeTotals(deps, scope.key);
    await settle(deps, { movementKey: 'send:m1', amount: Number.MAX_SAFE_INTEGER });
    await release(deps, { movementKey: 'send:m1' });
    await release(deps, { movementKey: 'send:m1' });
    const replayed = await reserve(deps, {
      movementKey: 'send:m1',
      scopes: [scope],
      amount: 10,
      at,
      commit: true,
    });

    expect(committed).toEqual({ ok: true, replayed: false });
    expect(afterCommit).toMatchObject({ reserved: 0, settled: 10, remaining: 49_990 });
    expect(replayed).toEqual({ ok: true, replayed: true });
    expect(await readScopeTotals(deps, scope.key)).toMatchObject({
      reserved: 0,
      settled: 0,
      released: 10,
      remaining: 50_000,
    });
  });

  it('never gives back what a settled reservation spent', async () => {
    const deps = await freshTables();
    const scope: BudgetScope = { key: 'campaign:a:total', cap: 100_000, shards: 1 };
    await reserve(deps, { movementKey: 'coupon:B', scopes: [scope], amount: 20_000, at });

    await settle(deps, { movementKey: 'coupon:B', amount: 15_000 });
    await release(deps, { movementKey: 'coupon:B' });

    expect(await readScopeTotals(deps, scope.key)).toMatchObject({
      reserved: 0,
      settled: 15_000,
      released: 5_000,
    });
  });
});
