import { readScopeTotals } from '../budget/budget-figures.js';
import type { LedgerDeps } from '../budget/ensure-scope.js';
import { recentDayKeys } from '../budget/periods.js';
import { MILLI_PER_MINOR, scopeKeys } from '../budget/scopes.js';
import { readCampaignMetrics } from '../metrics/campaign-metrics.js';
import { type Campaign, durationToMs, type RuleSet } from '../rules/schema/index.js';
import type { TableNames } from '../store/tables.js';
import { campaignSwitch } from '../switches/switch-scope.js';
import type { GuardStop } from './guard-stop.js';

export interface RoiDeps extends LedgerDeps {
  tables: Pick<TableNames, 'budgets' | 'control'>;
}

const DAY_MS = 86_400_000;

/**
 * Attributed revenue per unit of settled spend over the campaign's rolling window. Judged only once
 * the window's spend exceeds `minSpend`, so a campaign is not stopped on its first few coupons.
 */
export const checkRoiFloor = async (
  deps: RoiDeps,
  ruleSet: Pick<RuleSet, 'settings'>,
  campaign: Pick<Campaign, 'id' | 'roiFloor'>,
  now: Date,
): Promise<GuardStop | undefined> => {
  const floor = campaign.roiFloor;
  if (!floor) return undefined;
  const days = recentDayKeys(
    now,
    ruleSet.settings.timeZone,
    Math.max(1, Math.ceil((durationToMs(floor.window) ?? 7 * DAY_MS) / DAY_MS)),
  );
  const totals = await Promise.all(
    days.map((day) => readScopeTotals(deps, scopeKeys.campaignDay(campaign.id, day))),
  );
  const spend = totals.reduce((sum, scope) => sum + scope.settled, 0) / MILLI_PER_MINOR;
  if (spend <= floor.minSpend) return undefined;
  const { revenue } = await readCampaignMetrics(deps.db, deps.tables, campaign.id, days);
  const ratio = revenue / spend;
  if (ratio >= floor.ratio) return undefined;
  return {
    scope: campaignSwitch(campaign.id),
    reason: 'roi_below_floor',
    detail: {
      spend: Math.ceil(spend),
      revenue,
      ratio: Math.round(ratio * 100) / 100,
      floor: floor.ratio,
      window: floor.window,
    },
  };
};
