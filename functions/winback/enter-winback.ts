import type { CustomerStats } from '../churn/customer-stats.js';
import type { StoredScore } from '../churn/score-store.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { RuleSet } from '../rules/schema/index.js';
import type { CustomerReader } from '../send/customer-reader.js';
import type { Log } from '../shared/logger.js';
import { periodOf, type WinBackEntry } from './entry.js';
import { decideEntry, type EntryDecision } from './entry-decision.js';
import type { EntryStore } from './entry-store.js';
import { scheduleWinBackStep } from './winback-schedule.js';

export interface ActiveRules {
  active(): Promise<{ ruleSet: RuleSet; version: number } | undefined>;
}

export interface WinBackEntryDeps {
  rules: ActiveRules;
  customers: CustomerReader;
  entries: EntryStore;
  scheduler: Scheduler;
  log: Log;
}

/**
 * After a customer is scored: an at-risk customer whose segment and profile match an enabled
 * win-back campaign enters it (once per campaign and period, not within its re-entry cooldown),
 * and step 1 is scheduled on the shared send pipeline. Safe to repeat for the same run.
 */
export const enterWinBack = async (
  deps: WinBackEntryDeps,
  score: StoredScore,
  stats: Pick<CustomerStats, 'orders'>,
): Promise<EntryDecision> => {
  if (!score.atRisk) return { enter: false, reason: 'not_at_risk' };
  const active = await deps.rules.active();
  const campaigns =
    active?.ruleSet.campaigns.filter((campaign) => campaign.type === 'win_back' && campaign.enabled) ?? [];
  if (!active || campaigns.length === 0) return { enter: false, reason: 'no_matching_campaign' };
  const [facts, previous] = await Promise.all([
    deps.customers.read(score.customerId),
    deps.entries.latest(score.customerId),
  ]);
  const period = periodOf(score.runId);
  const decision = decideEntry({
    atRisk: score.atRisk,
    candidate: { valueTier: score.valueTier, riskBand: score.riskBand, profile: facts.profile },
    campaigns,
    previous,
    period,
    now: new Date(score.runId),
  });
  if (!decision.enter) return decision;
  const seen = previous[decision.campaign.id];
  const entry: WinBackEntry = decision.replay
    ? (seen as WinBackEntry)
    : {
        customerId: score.customerId,
        campaignId: decision.campaign.id,
        entryId: decision.entryId,
        period,
        enteredAt: score.runId,
        ruleVersion: active.version,
        valueTier: score.valueTier,
        riskBand: score.riskBand,
        ordersAtEntry: stats.orders,
        modelVersion: score.modelVersion,
      };
  if (!decision.replay && !(await deps.entries.record(entry, seen))) {
    // Another run recorded an entry between our read and write; that run schedules its own step 1.
    return { enter: false, reason: 'cooldown', campaignId: decision.campaign.id };
  }
  await scheduleWinBackStep(deps.scheduler, decision.campaign, entry, 1);
  deps.log.debug('customer entered win-back', {
    customerId: score.customerId,
    campaignId: entry.campaignId,
    period,
  });
  return decision;
};
