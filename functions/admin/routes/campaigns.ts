import { ruleCacheFor } from '../../guard/guard.js';
import { budgetOverview, type CampaignOverview, campaignOverviews } from '../../metrics/campaign-overview.js';
import { NoActiveRulesError, type RuleCache } from '../../rules/rule-cache.js';
import type { RuleSet } from '../../rules/schema/index.js';
import type { Deps } from '../../shared/deps.js';
import { BUDGET_PERIOD_RENEWED, budgetResumeAt } from '../../switches/budget-pause.js';
import { NUDGE_ACTOR } from '../../switches/switch-commands.js';
import { campaignSwitch } from '../../switches/switch-scope.js';
import { readAllSwitches, type SwitchRecord } from '../../switches/switch-store.js';
import { json, type Route } from '../router.js';

/** A campaign paused for a day or month budget also says when that pause ends by itself. */
export type CampaignStatus = CampaignOverview | (CampaignOverview & { resumeAt: string });

/**
 * Shows a budget pause as the guard will record it: active once its period has renewed (even
 * before the guard's next run tidies the switch), otherwise paused with its `resumeAt`.
 */
export const withBudgetRenewal = (
  overview: CampaignOverview,
  switches: Map<string, SwitchRecord>,
  now: Date,
): CampaignStatus => {
  const own = switches.get(campaignSwitch(overview.id));
  const resumeAt = own && overview.status === 'paused' ? budgetResumeAt(own) : undefined;
  if (!own || !resumeAt) return overview;
  if (resumeAt.getTime() > now.getTime()) return { ...overview, resumeAt: resumeAt.toISOString() };
  const { stoppedBy, ...rest } = overview;
  // stoppedBy is the widest switch that is off; only the campaign's own one has now lifted.
  const stillStopped = stoppedBy !== undefined && stoppedBy !== own.scope;
  return {
    ...rest,
    status: 'active',
    statusReason: BUDGET_PERIOD_RENEWED,
    statusActor: NUDGE_ACTOR,
    statusAt: resumeAt.toISOString(),
    sending: overview.enabled && !stillStopped,
    ...(stillStopped ? { stoppedBy } : {}),
  };
};

/** `GET /api/campaigns` (status, budget figures, metrics per campaign) and `GET /api/budgets` (shop-wide scopes). */
export const campaignRoutes = (deps: Deps, rules: RuleCache = ruleCacheFor(deps)): Route[] => {
  const activeRules = async (): Promise<RuleSet | undefined> => {
    try {
      return (await rules.active()).rules;
    } catch (error) {
      if (error instanceof NoActiveRulesError) return undefined;
      throw error;
    }
  };
  return [
    {
      method: 'GET',
      path: '/api/campaigns',
      handle: async () => {
        const ruleSet = await activeRules();
        if (!ruleSet) return json([]);
        const now = deps.clock.now();
        const [overviews, switches] = await Promise.all([
          campaignOverviews(deps, ruleSet, now),
          readAllSwitches(deps),
        ]);
        return json(overviews.map((overview) => withBudgetRenewal(overview, switches, now)));
      },
    },
    {
      method: 'GET',
      path: '/api/budgets',
      handle: async () => {
        const ruleSet = await activeRules();
        return json(
          ruleSet ? await budgetOverview(deps, ruleSet, deps.clock.now()) : { currency: null, scopes: [] },
        );
      },
    },
  ];
};
