import { describe, expect, it } from 'vitest';
import { churnRoutes } from '../../../functions/admin/routes/churn.js';
import { createRunPictureStore, emptyPicture } from '../../../functions/churn/run-picture.js';
import { churnDeps } from '../churn/churn-deps.js';

const getChurn = async (context: Awaited<ReturnType<typeof churnDeps>>) => {
  const [route] = churnRoutes(context.deps);
  const response = await route!.handle({
    method: 'GET',
    path: '/api/churn',
    query: {},
    headers: {},
    body: undefined,
  } as never);
  return typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
};

const job = (runId: string, segment: number, totalSegments = 2) => ({
  runId,
  segment,
  totalSegments,
  modelVersion: 1,
});

const partWith = (tier: 'low' | 'mid' | 'high', bin: number, customers: number, atRisk = 0) => {
  const picture = emptyPicture();
  picture.tiers[tier][bin] = customers;
  return { ...picture, customers, atRisk };
};

describe('admin churn picture', () => {
  it('sums the segments of the newest run that every segment finished, passing over one still running', async () => {
    const context = await churnDeps();
    const pictures = createRunPictureStore(context.deps);
    await pictures.save(job('2025-03-05T03:00:00.000Z', 0), partWith('high', 3, 2, 2));
    await pictures.save(job('2025-03-05T03:00:00.000Z', 1), partWith('low', 9, 5));
    await pictures.save(job('2025-03-06T03:00:00.000Z', 1), partWith('mid', 0, 7, 7));

    const body = await getChurn(context);

    expect(body).toMatchObject({ runId: '2025-03-05T03:00:00.000Z', segments: 2, customers: 7, atRisk: 2 });
    expect(body.tiers.high[3]).toBe(2);
    expect(body.tiers.low[9]).toBe(5);
    expect(body.tiers.mid).toEqual(Array(10).fill(0));
    expect(body.bins).toHaveLength(10);
  });

  it('counts a retried segment once, with what the retry saw', async () => {
    const context = await churnDeps();
    const pictures = createRunPictureStore(context.deps);
    await pictures.save(job('2025-03-05T03:00:00.000Z', 0, 1), partWith('high', 3, 2));
    await pictures.save(job('2025-03-05T03:00:00.000Z', 0, 1), partWith('high', 4, 3));

    const body = await getChurn(context);

    expect(body).toMatchObject({ customers: 3 });
    expect(body.tiers.high.slice(3, 5)).toEqual([0, 3]);
  });

  it('shows no customers and no run before the first run has finished', async () => {
    const context = await churnDeps();

    const body = await getChurn(context);

    expect(body).toMatchObject({ runId: null, customers: 0, atRisk: 0 });
    expect(body.tiers.low).toHaveLength(10);
  });
});
