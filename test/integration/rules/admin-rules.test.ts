import { beforeEach, describe, expect, it } from 'vitest';
import { type AdminRouter, createRouter } from '../../../functions/admin/router.js';
import { rulesRoutes } from '../../../functions/admin/routes/rules.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { readAllSwitches } from '../../../functions/switches/switch-store.js';
import { freshTables, type TestDynamo } from '../../support/dynamo.js';
import { exampleFiles } from '../../unit/rules/example-rules.js';

const request = (method: string, body?: unknown) => ({
  method,
  path: '/api/rules',
  query: {},
  headers: {},
  body,
});

describe('admin API /api/rules', () => {
  let router: AdminRouter;
  let files: Record<string, string>;
  let dynamo: TestDynamo;

  beforeEach(async () => {
    dynamo = await freshTables();
    const { db, tables } = dynamo;
    const bus = { publish: async () => {} };
    router = createRouter(
      rulesRoutes({ db, tables, bus, clock: new VirtualClock(new Date('2025-03-01T10:00:00Z')) }),
    );
    files = await exampleFiles();
  });

  it('publishes an uploaded rules folder and lists it as the active version', async () => {
    const published = await router(request('POST', { files, actor: 'maria' }));
    const overview = await router(request('GET'));

    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ published: true, version: 1 });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      active: { version: 1 },
      history: [{ version: 1, actor: 'maria', source: 'publish', publishedAt: '2025-03-01T10:00:00.000Z' }],
    });
  });

  it('creates an active switch for every campaign it publishes, so new campaigns can send', async () => {
    await router(request('POST', { files, actor: 'maria' }));

    const switches = await readAllSwitches(dynamo);

    const campaignFiles = Object.keys(files).filter((name) => name.startsWith('campaigns/'));
    expect(campaignFiles.length).toBeGreaterThan(0);
    for (const file of campaignFiles) {
      const id = file.replace(/^campaigns\//, '').replace(/\.json$/, '');
      expect(switches.get(`campaign:${id}`)?.state).toBe('active');
    }
    expect(switches.get('global')?.state).toBe('active');
    expect(switches.get('channel:email')?.state).toBe('active');
  });

  it('answers 200 without a new version when the content is already active', async () => {
    await router(request('POST', { files, actor: 'maria' }));

    const again = await router(request('POST', { files, actor: 'maria' }));

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ published: false, version: 1 });
  });

  it('answers 400 with the same problems as nudge validate and publishes nothing', async () => {
    files['campaigns/cart-recall.json'] = files['campaigns/cart-recall.json']!.replace(
      '"holdoutPercent"',
      '"holdoutPercnt"',
    );

    const refused = await router(request('POST', { files, actor: 'maria' }));
    const overview = await router(request('GET'));

    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 'invalid_rules',
        message: '1 problem in the rules; nothing was published',
        problems: [
          {
            file: 'campaigns/cart-recall.json',
            path: '$.holdoutPercnt',
            message: '"holdoutPercnt" is not a setting here; did you mean "holdoutPercent"?',
          },
        ],
      },
    });
    expect(overview.body).toEqual({ active: null, history: [] });
  });

  it('answers 400 for a body without files', async () => {
    const refused = await router(request('POST', { actor: 'maria' }));

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
