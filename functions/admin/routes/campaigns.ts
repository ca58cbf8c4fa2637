import { ruleCacheFor } from '../../guard/guard.js';
import { budgetOverview, campaignOverviews } from '../../metrics/campaign-overview.js';
import { NoActiveRulesError, type RuleCache } from '../../rules/rule-cache.js';
import type { RuleSet } from '../../rules/schema/index.js';
import type { Deps } from '../../shared/deps.js';
import { json, type Route } from '../router.js';

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
        return json(ruleSet ? await campaignOverviews(deps, ruleSet, deps.clock.now()) : []);
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
