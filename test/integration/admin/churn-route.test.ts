import { describe, expect, it } from 'vitest';
import { churnRoutes } from '../../../functions/admin/routes/churn.js';
import { createScoreStore } from '../../../functions/churn/score-store.js';
import { churnDeps, statsFor } from '../churn/churn-deps.js';

describe('admin churn histogram on the stats items', () => {
  it('counts every stored score by tier and bin', async () => {
    const context = await churnDeps();
    const stats = statsFor('2025-03-05T03:00:00.000Z', {
      firstDaysAgo: 200,
      lastDaysAgo: 75,
      purchaseDays: 2,
      totalSpent: 9_000,
    });
    for (const id of ['a', 'b', 'c']) await context.putStats(id, stats);
    await context.putItem('customers', {
      pk: 'a',
      sk: 'profile',
      customerId: 'a',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    const store = createScoreStore(context.deps);
    const run = { modelVersion: 1, runId: '2025-03-05T03:00:00.000Z', scoredAt: '2025-03-05T03:00:00.000Z' };
    const score = {
      method: 'heuristic' as const,
      pAlive: 0.3,
      atRisk: true,
      expectedPurchases90d: 1,
      expectedValue: 1,
      valueAtRisk: 1,
      riskBand: 'medium' as const,
      valueTier: 'high' as const,
      reason: 'x',
    };
    await store.store('a', score, run, null);
    await store.store('b', { ...score, pAlive: 0.95, riskBand: 'low', valueTier: 'low' }, run, null);
    const [route] = churnRoutes(context.deps);
    const response = await route!.handle({
      method: 'GET',
      path: '/api/churn',
      query: {},
      headers: {},
      body: undefined,
    } as never);
    const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
    expect(body).toMatchObject({ customers: 2, atRisk: 1, unreadable: 0, truncated: false });
    expect(body.tiers.high[3]).toBe(1);
    expect(body.tiers.low[9]).toBe(1);
  });
});
