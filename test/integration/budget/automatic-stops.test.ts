import { describe, expect, it } from 'vitest';
import { readScopeTotals } from '../../../functions/budget/budget-figures.js';
import { settle } from '../../../functions/budget/ledger.js';
import { reserveSend, settleSend } from '../../../functions/budget/reserve-send.js';
import { reserveSpend, type SpendDeps } from '../../../functions/budget/reserve-spend.js';
import { runGuard } from '../../../functions/guard/guard.js';
import {
  incrementCampaignMetrics,
  incrementChannelMetrics,
} from '../../../functions/metrics/campaign-metrics.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { handleCostAlert } from '../../../functions/switches/cost-alert.js';
import { listSwitchAudit } from '../../../functions/switches/switch-audit.js';
import { ensureSwitches, setSwitch } from '../../../functions/switches/switch-commands.js';
import { readAllSwitches } from '../../../functions/switches/switch-store.js';
import { freshTables } from '../../support/dynamo.js';
import { RecordingBus } from './fakes.js';
import { ruleSetWith } from './rule-set-fixture.js';

const now = new Date('2025-04-01T12:00:00Z');

const setup = async (ruleSet: RuleSet) => {
  const dynamo = await freshTables();
  const bus = new RecordingBus();
  const deps: SpendDeps = { ...dynamo, bus, clock: new VirtualClock(now) };
  await ensureSwitches(deps, { campaignIds: ruleSet.campaigns.map((campaign) => campaign.id) });
  let sends = 0;
  const send = (campaignId = ruleSet.campaigns[0]!.id) => {
    sends += 1;
    return reserveSend(deps, { campaignId, messageKey: `${campaignId}#m${sends}`, ruleSet, at: now });
  };
  /** A settled spend of `minor` units in the campaign's scopes, as a redeemed coupon leaves it. */
  const spend = async (campaignId: string, minor: number, key: string) => {
    const campaign = ruleSet.campaigns.find((candidate) => candidate.id === campaignId)!;
    await reserveSpend(deps, {
      ruleSet,
      campaign,
      kind: 'coupon',
      movementKey: key,
      amount: minor * 1000,
      at: now,
    });
    await settle(deps, { movementKey: key, amount: minor * 1000 });
  };
  const stateOf = async (scope: string) => (await readAllSwitches(deps)).get(scope);
  return { deps, bus, send, spend, stateOf };
};

describe('automatic stops', () => {
  it('pauses the campaign with budget_exhausted when a send finds its cap full, and refuses further sends', async () => {
    // 100 milli-minor units per email: a daily cap of 2 cents pays for exactly 20 emails.
    const ruleSet = ruleSetWith({
      settings: { channels: { email: { costPerThousand: 100 } } },
      campaigns: [{ id: 'recall', budget: { daily: 2 } }],
    });
    const { deps, bus, send, stateOf } = await setup(ruleSet);

    const granted = [];
    for (let index = 0; index < 20; index += 1) granted.push(await send());
    const refused = await send();
    const afterPause = await send();

    expect(granted.every((outcome) => outcome.ok)).toBe(true);
    expect(refused).toMatchObject({
      ok: false,
      reason: 'budget_exhausted',
      scope: 'campaign:recall:day:2025-04-01',
    });
    expect(afterPause).toMatchObject({ ok: false, reason: 'switch_off', scope: 'campaign:recall' });
    expect(await stateOf('campaign:recall')).toMatchObject({
      state: 'paused',
      reason: 'budget_exhausted',
      actor: 'nudge',
    });
    expect(bus.of('Campaign Paused')).toEqual([
      expect.objectContaining({ campaignId: 'recall', reason: 'budget_exhausted' }),
    ]);
    expect(await listSwitchAudit(deps)).toContainEqual(
      expect.objectContaining({ scope: 'campaign:recall', from: 'active', to: 'paused', actor: 'nudge' }),
    );
  });

  it('announces 80% and 100% of a cap once each', async () => {
    const ruleSet = ruleSetWith({ campaigns: [{ id: 'recall', budget: { total: 1_000 } }] });
    const { bus, spend } = await setup(ruleSet);

    await spend('recall', 500, 'a');
    await spend('recall', 350, 'b');
    await spend('recall', 100, 'c');
    await spend('recall', 100, 'd');

    expect(bus.of('Budget Threshold Reached').map((event) => [event.scope, event.threshold])).toEqual([
      ['campaign:recall:total', 80],
      ['campaign:recall:total', 100],
    ]);
  });

  it('pauses a campaign whose return over 7 days falls below its ROI floor, and only that one', async () => {
    const roiFloor = { ratio: 1.5, minSpend: 1_000 };
    const ruleSet = ruleSetWith({
      campaigns: [
        { id: 'poor', roiFloor },
        { id: 'good', roiFloor },
      ],
    });
    const { deps, send, spend, stateOf } = await setup(ruleSet);
    await spend('poor', 2_000, 'p');
    await spend('good', 2_000, 'g');
    await incrementCampaignMetrics(deps.db, deps.tables, 'poor', '2025-04-01', { revenue: 2_500 });
    await incrementCampaignMetrics(deps.db, deps.tables, 'good', '2025-03-29', { revenue: 4_000 });

    const report = await runGuard(deps, ruleSet, now);

    expect(report.paused).toEqual(['campaign:poor']);
    expect(await stateOf('campaign:poor')).toMatchObject({ state: 'paused', reason: 'roi_below_floor' });
    expect(await send('poor')).toMatchObject({ ok: false, reason: 'switch_off' });
    expect(await send('good')).toMatchObject({ ok: true });
  });

  it('does not judge ROI before the window spend exceeds minSpend', async () => {
    const ruleSet = ruleSetWith({ campaigns: [{ id: 'young', roiFloor: { ratio: 1.5, minSpend: 5_000 } }] });
    const { deps, spend } = await setup(ruleSet);
    await spend('young', 2_000, 'y');

    expect((await runGuard(deps, ruleSet, now)).paused).toEqual([]);
  });

  it('pauses non-core campaigns whose month runs more than 10% ahead of pro rata, never core ones', async () => {
    // 1 April is day 1 of 30: pro rata is 1,000 of 30,000, and 10% ahead of it is 1,100.
    const ruleSet = ruleSetWith({
      campaigns: [
        { id: 'extra', core: false, budget: { monthly: 30_000 } },
        { id: 'steady', core: false, budget: { monthly: 30_000 } },
        { id: 'essential', core: true, budget: { monthly: 30_000 } },
      ],
    });
    const { deps, send, spend } = await setup(ruleSet);
    await spend('extra', 1_200, 'x');
    await spend('steady', 1_000, 's');
    await spend('essential', 5_000, 'e');

    const report = await runGuard(deps, ruleSet, now);

    expect(report.stops.map((stop) => [stop.scope, stop.reason])).toEqual([
      ['campaign:extra', 'pacing_ahead'],
    ]);
    expect(await send('extra')).toMatchObject({ ok: false, reason: 'switch_off' });
    expect(await send('essential')).toMatchObject({ ok: true });
  });

  it('pauses every non-core campaign when the global month runs ahead', async () => {
    const ruleSet = ruleSetWith({
      settings: { budget: { monthly: 30_000 } },
      campaigns: [
        { id: 'a', core: false },
        { id: 'b', core: false },
        { id: 'core', core: true },
      ],
    });
    const { deps, spend } = await setup(ruleSet);
    await spend('a', 1_500, 'a1');

    const report = await runGuard(deps, ruleSet, now);

    expect(report.paused.sort()).toEqual(['campaign:a', 'campaign:b']);
  });

  it('pauses all email at a 4% bounce rate once there are enough sends', async () => {
    const ruleSet = ruleSetWith({ settings: { reputation: { minSends: 500 } } });
    const { deps, bus, send, stateOf } = await setup(ruleSet);
    await incrementChannelMetrics(deps.db, deps.tables, 'email', '2025-03-30', { sent: 600, bounces: 20 });
    expect((await runGuard(deps, ruleSet, now)).paused).toEqual([]);
    await incrementChannelMetrics(deps.db, deps.tables, 'email', '2025-04-01', { sent: 400, bounces: 20 });

    const report = await runGuard(deps, ruleSet, now);

    expect(report.paused).toEqual(['channel:email']);
    expect(await stateOf('channel:email')).toMatchObject({
      state: 'paused',
      reason: 'reputation_bounce_rate',
    });
    expect(await send()).toMatchObject({ ok: false, reason: 'switch_off', scope: 'channel:email' });
    expect(bus.of('Campaign Paused')).toEqual([expect.objectContaining({ scope: 'channel:email' })]);
  });

  it('pauses all email at a 0.08% complaint rate', async () => {
    const ruleSet = ruleSetWith({ settings: { reputation: { minSends: 500 } } });
    const { deps, stateOf } = await setup(ruleSet);
    await incrementChannelMetrics(deps.db, deps.tables, 'email', '2025-04-01', {
      sent: 2_500,
      complaints: 2,
    });

    await runGuard(deps, ruleSet, now);

    expect(await stateOf('channel:email')).toMatchObject({
      state: 'paused',
      reason: 'reputation_complaint_rate',
    });
  });

  it('flips the global switch on an AWS Budgets alert, and stops every send', async () => {
    const ruleSet = ruleSetWith();
    const { deps, send, stateOf } = await setup(ruleSet);
    const alert = {
      Records: [{ EventSource: 'aws:sns', Sns: { Subject: 'AWS Budgets: nudge', Message: 'over 100%' } }],
    };

    const outcome = await handleCostAlert(deps, alert);

    expect(outcome).toEqual({ paused: true });
    expect(await stateOf('global')).toMatchObject({
      state: 'paused',
      reason: 'aws_cost_budget',
      actor: 'aws-budgets',
    });
    expect(await send()).toMatchObject({ ok: false, reason: 'switch_off', scope: 'global' });
  });

  it('never turns a kill into a pause', async () => {
    const ruleSet = ruleSetWith();
    const { deps, stateOf } = await setup(ruleSet);
    await setSwitch(deps, { scope: 'global', state: 'killed', reason: 'incident', actor: 'ops' });

    const outcome = await handleCostAlert(deps, { Records: [{ Sns: { Message: 'alert' } }] });

    expect(outcome).toEqual({ paused: false });
    expect(await stateOf('global')).toMatchObject({ state: 'killed', reason: 'incident' });
  });

  it('settles a send once, whatever the redeliveries', async () => {
    const ruleSet = ruleSetWith({ campaigns: [{ id: 'recall', budget: { daily: 1 } }] });
    const { deps } = await setup(ruleSet);

    await reserveSend(deps, { campaignId: 'recall', messageKey: 'k', ruleSet, at: now });
    await reserveSend(deps, { campaignId: 'recall', messageKey: 'k', ruleSet, at: now });
    await settleSend(deps, { messageKey: 'k' });
    await settleSend(deps, { messageKey: 'k' });

    expect(await readScopeTotals(deps, 'campaign:recall:day:2025-04-01')).toMatchObject({
      reserved: 0,
      settled: 10,
    });
  });
});
