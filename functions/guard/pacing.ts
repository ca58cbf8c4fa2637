import { readScopeTotals } from '../budget/budget-figures.js';
import type { LedgerDeps } from '../budget/ensure-scope.js';
import { monthElapsedThroughToday, monthKey } from '../budget/periods.js';
import { scopeKeys, toMilli } from '../budget/scopes.js';
import type { RuleSet } from '../rules/schema/index.js';
import { campaignSwitch } from '../switches/switch-scope.js';
import type { GuardStop } from './guard-stop.js';

/**
 * Month-to-date spend (reserved + settled) against the month's pro-rata budget, counting today as
 * a whole day so the first hours of a month are not judged against almost nothing. More than
 * `aheadPercent` ahead pauses the non-core campaigns: each over its own monthly cap, all of them
 * when the global monthly budget runs ahead.
 */
export const checkPacing = async (
  deps: LedgerDeps,
  ruleSet: Pick<RuleSet, 'settings' | 'campaigns'>,
  now: Date,
): Promise<GuardStop[]> => {
  const { settings } = ruleSet;
  const month = monthKey(now, settings.timeZone);
  const elapsed = monthElapsedThroughToday(now, settings.timeZone);
  const factor = 1 + settings.pacing.aheadPercent / 100;
  const nonCore = ruleSet.campaigns.filter((campaign) => campaign.enabled && !campaign.core);

  const ahead = async (scope: string, monthlyCap: number) => {
    const totals = await readScopeTotals(deps, scope);
    const used = totals.reserved + totals.settled;
    const allowed = toMilli(monthlyCap) * elapsed * factor;
    return used > allowed ? { used: Math.ceil(used / 1000), allowed: Math.floor(allowed / 1000) } : undefined;
  };

  if (settings.budget.monthly !== undefined) {
    const global = await ahead(scopeKeys.globalMonth(month), settings.budget.monthly);
    if (global) {
      return nonCore.map((campaign) => ({
        scope: campaignSwitch(campaign.id),
        reason: 'pacing_ahead' as const,
        detail: { budgetScope: scopeKeys.globalMonth(month), ...global },
      }));
    }
  }
  const stops = await Promise.all(
    nonCore.map(async (campaign): Promise<GuardStop | undefined> => {
      if (campaign.budget?.monthly === undefined) return undefined;
      const scope = scopeKeys.campaignMonth(campaign.id, month);
      const found = await ahead(scope, campaign.budget.monthly);
      return (
        found && {
          scope: campaignSwitch(campaign.id),
          reason: 'pacing_ahead',
          detail: { budgetScope: scope, ...found },
        }
      );
    }),
  );
  return stops.filter((stop): stop is GuardStop => stop !== undefined);
};
