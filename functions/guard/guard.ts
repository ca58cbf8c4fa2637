import { createRuleCache, NoActiveRulesError, type RuleCache } from '../rules/rule-cache.js';
import { createDynamoRuleStore } from '../rules/rule-store.js';
import type { RuleSet } from '../rules/schema/index.js';
import type { Deps } from '../shared/deps.js';
import { pauseAutomatically, type SwitchDeps } from '../switches/switch-commands.js';
import { resumeRenewedBudgets } from './budget-renewal.js';
import type { GuardStop } from './guard-stop.js';
import { checkPacing } from './pacing.js';
import { checkReputation } from './reputation.js';
import { checkRoiFloor, type RoiDeps } from './roi-floor.js';

export type GuardDeps = RoiDeps & SwitchDeps;

export interface GuardReport {
  stops: GuardStop[];
  /** Scopes this run paused (a scope already paused or killed is not paused again). */
  paused: string[];
  /** Scopes whose budget pause this run lifted because the budget's period renewed. */
  resumed: string[];
}

const apply = async (deps: GuardDeps, stops: GuardStop[], resumed: string[] = []): Promise<GuardReport> => {
  const paused: string[] = [];
  for (const stop of stops) {
    if (await pauseAutomatically(deps, { scope: stop.scope, reason: stop.reason, detail: stop.detail })) {
      paused.push(stop.scope);
    }
  }
  return { stops, paused, resumed };
};

/** Checks one campaign's ROI floor and pacing; cheap enough to call right after a spend settles. */
export const guardCampaign = async (
  deps: GuardDeps,
  ruleSet: Pick<RuleSet, 'settings' | 'campaigns'>,
  campaignId: string,
  now: Date,
): Promise<GuardReport> => {
  const campaign = ruleSet.campaigns.find((candidate) => candidate.id === campaignId);
  if (!campaign) return { stops: [], paused: [], resumed: [] };
  const roi = await checkRoiFloor(deps, ruleSet, campaign, now);
  const pacing = (await checkPacing(deps, ruleSet, now)).filter(
    (stop) => stop.scope === `campaign:${campaignId}`,
  );
  return apply(deps, [...(roi ? [roi] : []), ...pacing]);
};

/**
 * The periodic check: lifts budget pauses whose period renewed, then checks every campaign's ROI
 * floor, monthly pacing and the email reputation breaker.
 */
export const runGuard = async (
  deps: GuardDeps,
  ruleSet: Pick<RuleSet, 'settings' | 'campaigns'>,
  now: Date,
): Promise<GuardReport> => {
  const resumed = await resumeRenewedBudgets(deps, now);
  const enabled = ruleSet.campaigns.filter((campaign) => campaign.enabled);
  const roi = await Promise.all(enabled.map((campaign) => checkRoiFloor(deps, ruleSet, campaign, now)));
  const pacing = await checkPacing(deps, ruleSet, now);
  const reputation = await checkReputation(deps, ruleSet, now);
  const stops = [...roi, ...pacing, reputation].filter((stop): stop is GuardStop => stop !== undefined);
  return apply(deps, stops, resumed);
};

export const ruleCacheFor = (deps: Pick<Deps, 'db' | 'tables' | 'clock'>): RuleCache =>
  createRuleCache({
    store: createDynamoRuleStore({ db: deps.db, tableName: deps.tables.control }),
    clock: deps.clock,
  });

/** The `guard` function, woken by a scheduled rule every minute. */
export const createGuardHandler =
  (deps: Deps, rules: RuleCache = ruleCacheFor(deps)) =>
  async (_event?: unknown): Promise<GuardReport> => {
    let ruleSet: RuleSet;
    try {
      ruleSet = (await rules.active()).rules;
    } catch (error) {
      if (error instanceof NoActiveRulesError) return { stops: [], paused: [], resumed: [] };
      throw error;
    }
    const report = await runGuard(deps, ruleSet, deps.clock.now());
    if (report.resumed.length > 0) deps.log.info('guard resumed', { resumed: report.resumed });
    if (report.paused.length > 0) deps.log.warn('guard paused', { paused: report.paused });
    return report;
  };
