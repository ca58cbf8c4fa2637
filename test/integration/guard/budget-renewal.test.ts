import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../functions/admin/router.js';
import { campaignRoutes } from '../../../functions/admin/routes/campaigns.js';
import { switchRoutes } from '../../../functions/admin/routes/switches.js';
import { reserveSend } from '../../../functions/budget/reserve-send.js';
import { runGuard } from '../../../functions/guard/guard.js';
import type { RuleCache } from '../../../functions/rules/rule-cache.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import type { Deps } from '../../../functions/shared/deps.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { listSwitchAudit } from '../../../functions/switches/switch-audit.js';
import {
  ensureSwitches,
  resumeRenewedBudget,
  setSwitch,
} from '../../../functions/switches/switch-commands.js';
import { checkSwitches } from '../../../functions/switches/switch-reader.js';
import { readAllSwitches } from '../../../functions/switches/switch-store.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus } from '../budget/fakes.js';
import { ruleSetWith } from '../budget/rule-set-fixture.js';

// 20:00 on 8 March 2025 in New York (EST, UTC-5); the next local midnight is 05:00 UTC.
const evening = new Date('2025-03-09T01:00:00Z');
const nextMidnight = new Date('2025-03-09T05:00:00Z');
const SCOPE = 'campaign:recall';

/** 100 milli-minor units per email: a cap of 2 cents pays for exactly 20 emails. */
const rulesWith = (budget: Record<string, number>): RuleSet =>
  ruleSetWith({
    settings: { timeZone: 'America/New_York', channels: { email: { costPerThousand: 100 } } },
    campaigns: [{ id: 'recall', budget }],
  });

const setup = async (ruleSet: RuleSet) => {
  const dynamo = await freshTables();
  const bus = new RecordingBus();
  const clock = new VirtualClock(evening);
  const deps: Deps = {
    ...dynamo,
    bus,
    clock,
    log: new MemoryLog(),
    mailer: { send: async () => ({ providerMessageId: 'x' }) },
    scheduler: { scheduleAt: async () => {}, cancel: async () => {} },
    unsubscribeUrl: 'http://127.0.0.1/unsubscribe',
  };
  await ensureSwitches(deps, { campaignIds: ['recall'] });
  let sends = 0;
  const send = () => {
    sends += 1;
    return reserveSend(deps, {
      campaignId: 'recall',
      messageKey: `recall#m${sends}`,
      ruleSet,
      at: clock.now(),
    });
  };
  const exhaust = async () => {
    for (let index = 0; index < 20; index += 1) expect(await send()).toMatchObject({ ok: true });
    expect(await send()).toMatchObject({ ok: false, reason: 'budget_exhausted' });
  };
  const switchOf = async () => (await readAllSwitches(deps)).get(SCOPE);
  const guard = () => runGuard(deps, ruleSet, clock.now());
  const rules: RuleCache = {
    active: async () => ({ version: 1, rules: ruleSet }),
    version: async () => ruleSet,
  };
  const router = createRouter([...campaignRoutes(deps, rules), ...switchRoutes(deps)]);
  const listedSwitch = async () => {
    const answer = await router({
      method: 'GET',
      path: '/api/switches',
      query: {},
      headers: {},
      body: undefined,
    });
    return (answer.body as Array<Record<string, unknown>>).find((listed) => listed.scope === SCOPE);
  };
  const campaignStatus = async () => {
    const answer = await router({
      method: 'GET',
      path: '/api/campaigns',
      query: {},
      headers: {},
      body: undefined,
    });
    return (answer.body as Array<Record<string, unknown>>)[0];
  };
  return { deps, bus, clock, send, exhaust, switchOf, guard, campaignStatus, listedSwitch };
};

describe('a campaign paused by a full period budget', () => {
  it('refuses sends for the rest of the day and sends again from the next local midnight, when the guard records the resume', async () => {
    const { deps, bus, clock, send, exhaust, switchOf, guard } = await setup(rulesWith({ daily: 2 }));

    await exhaust();
    const paused = await switchOf();
    clock.set(new Date(nextMidnight.getTime() - 1));
    const lastMinute = await send();
    const guardBeforeMidnight = await guard();
    clock.set(nextMidnight);
    const atMidnight = await send();
    const guardAtMidnight = await guard();
    const guardAgain = await guard();

    expect(paused).toMatchObject({
      state: 'paused',
      reason: 'budget_exhausted',
      actor: 'nudge',
      detail: { budgetScope: 'campaign:recall:day:2025-03-08', resumeAt: nextMidnight.toISOString() },
    });
    expect(lastMinute).toMatchObject({ ok: false, reason: 'switch_off', scope: SCOPE });
    expect(guardBeforeMidnight.resumed).toEqual([]);
    expect(atMidnight).toMatchObject({ ok: true });
    expect(guardAtMidnight.resumed).toEqual([SCOPE]);
    expect(guardAgain.resumed).toEqual([]);
    expect(await switchOf()).toMatchObject({
      state: 'active',
      reason: 'budget_period_renewed',
      actor: 'nudge',
    });
    expect(bus.of('Campaign Resumed')).toEqual([
      expect.objectContaining({
        campaignId: 'recall',
        previousState: 'paused',
        reason: 'budget_period_renewed',
        actor: 'nudge',
      }),
    ]);
    expect(await listSwitchAudit(deps)).toContainEqual(
      expect.objectContaining({
        scope: SCOPE,
        from: 'paused',
        to: 'active',
        reason: 'budget_period_renewed',
      }),
    );
  });

  it('lets sends through once the period renewed even before the guard ran, with the reader cache warm', async () => {
    const { deps, clock, exhaust } = await setup(rulesWith({ daily: 2 }));
    await exhaust();
    const before = await checkSwitches(deps, [SCOPE]);

    clock.set(nextMidnight);
    const after = await checkSwitches(deps, [SCOPE]);

    expect(before).toMatchObject({ open: false, state: 'paused', reason: 'budget_exhausted' });
    expect(after).toEqual({ open: true });
  });

  it('resumes a monthly budget pause on the first of the next month in the shop time zone', async () => {
    const { clock, send, exhaust, switchOf, guard } = await setup(rulesWith({ monthly: 2 }));

    await exhaust();
    const resumeAt = (await switchOf())?.detail?.resumeAt;
    clock.set(new Date('2025-04-01T03:59:59.999Z'));
    const lastMinute = await send();
    clock.set(new Date('2025-04-01T04:00:00Z'));
    const report = await guard();

    expect(resumeAt).toBe('2025-04-01T04:00:00.000Z');
    expect(lastMinute).toMatchObject({ ok: false, reason: 'switch_off' });
    expect(report.resumed).toEqual([SCOPE]);
    expect(await send()).toMatchObject({ ok: true });
  });

  it('pauses again with the new period when that fills up too before the guard tidied the first pause', async () => {
    const { bus, clock, exhaust, switchOf } = await setup(rulesWith({ daily: 2 }));

    await exhaust();
    clock.set(new Date('2025-03-09T18:00:00Z'));
    await exhaust();

    expect(await switchOf()).toMatchObject({
      state: 'paused',
      reason: 'budget_exhausted',
      detail: { budgetScope: 'campaign:recall:day:2025-03-09', resumeAt: '2025-03-10T04:00:00.000Z' },
    });
    const switchEvents = bus.events.filter((event) => event.detailType.startsWith('Campaign'));
    expect(switchEvents.map((event) => [event.detailType, event.detail.reason])).toEqual([
      ['Campaign Paused', 'budget_exhausted'],
      ['Campaign Resumed', 'budget_period_renewed'],
      ['Campaign Paused', 'budget_exhausted'],
    ]);
  });

  it('stays paused after a total budget ran out, until a person resumes it', async () => {
    const { clock, send, exhaust, switchOf, guard } = await setup(rulesWith({ total: 2 }));

    await exhaust();
    clock.set(new Date('2025-05-01T12:00:00Z'));
    const report = await guard();

    expect(await switchOf()).toMatchObject({ state: 'paused', reason: 'budget_exhausted' });
    expect((await switchOf())?.detail?.resumeAt).toBeUndefined();
    expect(report.resumed).toEqual([]);
    expect(await send()).toMatchObject({ ok: false, reason: 'switch_off' });
  });

  it.each([
    ['paused', 'stock ran out'],
    ['killed', 'incident 42'],
  ] as const)(
    'never overrides a person who %s the campaign after the budget pause',
    async (state, reason) => {
      const { deps, clock, send, exhaust, switchOf, guard } = await setup(rulesWith({ daily: 2 }));
      await exhaust();
      const automatic = (await switchOf())!;
      await setSwitch(deps, { scope: SCOPE, state, reason, actor: 'ann' });

      clock.set(nextMidnight);
      const report = await guard();
      const staleResume = await resumeRenewedBudget(deps, automatic);

      expect(report.resumed).toEqual([]);
      expect(staleResume).toBe(false);
      expect(await switchOf()).toMatchObject({ state, reason, actor: 'ann' });
      expect(await send()).toMatchObject({ ok: false, reason: 'switch_off' });
    },
  );

  it('shows the campaign paused with its resumeAt, then active once the period renewed, before the guard ran', async () => {
    const { clock, exhaust, campaignStatus } = await setup(rulesWith({ daily: 2 }));
    await exhaust();

    const duringDay = await campaignStatus();
    clock.set(nextMidnight);
    const afterMidnight = await campaignStatus();

    expect(duringDay).toMatchObject({
      status: 'paused',
      statusReason: 'budget_exhausted',
      sending: false,
      stoppedBy: SCOPE,
      resumeAt: nextMidnight.toISOString(),
    });
    expect(afterMidnight).toMatchObject({
      status: 'active',
      statusReason: 'budget_period_renewed',
      statusActor: 'nudge',
      statusAt: nextMidnight.toISOString(),
      sending: true,
    });
    expect(afterMidnight).not.toHaveProperty('stoppedBy');
    expect(afterMidnight).not.toHaveProperty('resumeAt');
  });

  it('lists the switch as paused until the period renews, then as the guard will record it, while the stored switch is untouched', async () => {
    const { clock, exhaust, switchOf, listedSwitch } = await setup(rulesWith({ daily: 2 }));
    await exhaust();

    const duringDay = await listedSwitch();
    clock.set(nextMidnight);
    const afterMidnight = await listedSwitch();

    expect(duringDay).toMatchObject({
      state: 'paused',
      reason: 'budget_exhausted',
      detail: { resumeAt: nextMidnight.toISOString() },
    });
    expect(afterMidnight).toEqual({
      scope: SCOPE,
      state: 'active',
      reason: 'budget_period_renewed',
      actor: 'nudge',
      at: nextMidnight.toISOString(),
    });
    expect(await switchOf()).toMatchObject({ state: 'paused', reason: 'budget_exhausted' });
  });

  it("keeps listing a person's pause after the budget period renewed", async () => {
    const { deps, clock, exhaust, listedSwitch } = await setup(rulesWith({ daily: 2 }));
    await exhaust();
    await setSwitch(deps, { scope: SCOPE, state: 'paused', reason: 'stock ran out', actor: 'ann' });

    clock.set(nextMidnight);

    expect(await listedSwitch()).toMatchObject({ state: 'paused', reason: 'stock ran out', actor: 'ann' });
  });
});
