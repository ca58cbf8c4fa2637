import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKill } from '../../../cli/commands/kill.js';
import { runPause } from '../../../cli/commands/pause.js';
import { runResume } from '../../../cli/commands/resume.js';
import { runStatus } from '../../../cli/commands/status.js';
import { createRouter } from '../../../functions/admin/router.js';
import { campaignRoutes } from '../../../functions/admin/routes/campaigns.js';
import { switchRoutes } from '../../../functions/admin/routes/switches.js';
import { reserveSend } from '../../../functions/budget/reserve-send.js';
import type { RuleCache } from '../../../functions/rules/rule-cache.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { ensureSwitches } from '../../../functions/switches/switch-commands.js';
import { checkSwitches, SWITCH_CACHE_MS } from '../../../functions/switches/switch-reader.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus } from '../budget/fakes.js';
import { ruleSetWith } from '../budget/rule-set-fixture.js';

const now = new Date('2025-03-14T10:00:00Z');
const ruleSet = ruleSetWith({ campaigns: [{ id: 'spring-sale', budget: { daily: 5_000 } }] });
const rules: RuleCache = {
  active: async () => ({ version: 1, rules: ruleSet }),
  version: async () => ruleSet,
};

let server: Server;
let url: string;
let deps: Deps;
let bus: RecordingBus;

const cli = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), cwd: '.' },
    out,
    err,
  };
};

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & Array<Record<string, unknown>>,
  };
};

const send = (key: string) =>
  reserveSend(deps, { campaignId: 'spring-sale', messageKey: key, ruleSet, at: now });

beforeAll(async () => {
  const dynamo = await freshTables();
  bus = new RecordingBus();
  deps = {
    ...dynamo,
    bus,
    clock: new VirtualClock(now),
    log: new MemoryLog(),
    mailer: { send: async () => ({ providerMessageId: 'x' }) },
    scheduler: { scheduleAt: async () => {}, cancel: async () => {} },
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
  };
  await ensureSwitches(deps, { campaignIds: ['spring-sale'] });
  const router = createRouter([...switchRoutes(deps), ...campaignRoutes(deps, rules)]);
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const parsed = new URL(request.url ?? '/', 'http://local');
    const answer = await router({
      method: request.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      ),
      body: text ? JSON.parse(text) : undefined,
    });
    response.writeHead(answer.status, answer.headers);
    response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('switches from the CLI and the admin API', () => {
  it('pauses a campaign from the CLI, which stops its sends, and resumes it', async () => {
    const pause = cli();
    const resume = cli();

    const paused = await runPause(
      ['spring-sale', '--reason', 'stock ran out', '--actor', 'maria', '--url', url],
      pause.io,
    );
    const whilePaused = await send('p1');
    const resumed = await runResume(['spring-sale', '--url', url], resume.io);
    const afterResume = await send('p2');

    expect([paused, resumed]).toEqual([0, 0]);
    expect(pause.out.join('')).toBe('campaign:spring-sale: active -> paused\n');
    expect(whilePaused).toMatchObject({ ok: false, reason: 'switch_off', scope: 'campaign:spring-sale' });
    expect(afterResume).toMatchObject({ ok: true });
    expect(bus.of('Campaign Paused')).toContainEqual(
      expect.objectContaining({ campaignId: 'spring-sale', reason: 'stock ran out', actor: 'maria' }),
    );
    expect(bus.of('Campaign Resumed')).toContainEqual(expect.objectContaining({ campaignId: 'spring-sale' }));
  });

  it('kills all spending with one command, and shows it in status', async () => {
    const kill = cli();
    const status = cli();

    const killed = await runKill(['--reason', 'incident 42', '--url', url], kill.io);
    const refused = await send('k1');
    const shown = await runStatus(['--url', url], status.io);
    await runResume(['global', '--reason', 'incident over', '--url', url], cli().io);

    expect(killed).toBe(0);
    expect(refused).toMatchObject({ ok: false, reason: 'switch_off', scope: 'global', state: 'killed' });
    expect(shown).toBe(0);
    expect(status.out.join('')).toMatch(/global\s+killed\s+incident 42/);
    expect(status.out.join('')).toContain('spring-sale  [cart_recall]  active, stopped by global');
  });

  it('says what to fix when the CLI gets no reason or an unknown switch', async () => {
    const noReason = cli();
    const badScope = cli();

    expect(await runPause(['spring-sale', '--url', url], noReason.io)).toBe(1);
    expect(await runPause(['channel:sms', '--reason', 'x', '--url', url], badScope.io)).toBe(1);
    expect(noReason.err.join('')).toContain('--reason <text> is required');
    expect(badScope.err.join('')).toContain('is not a campaign id or a switch');
  });

  it('answers an unknown scope or state on the API with a 400 and a message', async () => {
    const badScope = await call('PUT', '/api/switches/channel:sms', { state: 'paused', reason: 'x' });
    const badState = await call('PUT', '/api/switches/global', { state: 'sleeping', reason: 'x' });
    const noReason = await call('PUT', '/api/switches/global', { state: 'killed' });

    expect(badScope).toMatchObject({ status: 400, body: { error: { code: 'invalid_scope' } } });
    expect(badState).toMatchObject({
      status: 400,
      body: {
        error: { code: 'invalid_state', message: expect.stringContaining('active, paused or killed') },
      },
    });
    expect(noReason).toMatchObject({ status: 400, body: { error: { code: 'reason_required' } } });
  });

  it('lists switches and audits every change with actor, reason and time', async () => {
    await call('PUT', '/api/switches/channel:email', {
      state: 'paused',
      reason: 'warming up IP',
      actor: 'ops',
    });
    await call('PUT', '/api/switches/channel:email', { state: 'active', actor: 'ops' });

    const listed = await call('GET', '/api/switches');
    const audit = await call('GET', '/api/switches/audit');

    expect(listed.body.map((entry) => [entry.scope, entry.state])).toEqual([
      ['campaign:spring-sale', 'active'],
      ['channel:email', 'active'],
      ['global', 'active'],
    ]);
    expect(audit.body).toContainEqual(
      expect.objectContaining({
        scope: 'channel:email',
        from: 'active',
        to: 'paused',
        actor: 'ops',
        reason: 'warming up IP',
        at: expect.any(String),
      }),
    );
  });

  it('shows each campaign with its status, budget figures per scope and metrics', async () => {
    const campaigns = await call('GET', '/api/campaigns');

    expect(campaigns.body).toEqual([
      expect.objectContaining({
        id: 'spring-sale',
        type: 'cart_recall',
        status: 'active',
        sending: true,
        budget: expect.arrayContaining([
          expect.objectContaining({ period: 'day', cap: 5_000, reserved: 0, settled: 1, remaining: 4_999 }),
          expect.objectContaining({ period: 'total', cap: null }),
        ]),
        metrics: expect.objectContaining({ sent: 0, window: 'P7D' }),
      }),
    ]);
  });

  it(`sees a change made elsewhere within ${SWITCH_CACHE_MS / 1000} seconds`, async () => {
    expect(await checkSwitches(deps, ['global'])).toEqual({ open: true });
    // Another container pauses it: this process's cache does not hear about the write.
    await deps.db.send(
      new PutCommand({
        TableName: deps.tables.control,
        Item: {
          pk: 'switch',
          sk: 'global',
          scope: 'global',
          state: 'paused',
          reason: 'elsewhere',
          actor: 'x',
          at: now.toISOString(),
        },
      }),
    );

    await new Promise((resolve) => setTimeout(resolve, SWITCH_CACHE_MS + 100));

    expect(await checkSwitches(deps, ['global'])).toMatchObject({ open: false, state: 'paused' });
  });
});
