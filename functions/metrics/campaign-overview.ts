import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readScopeTotals, type ScopeFigures, toFigures } from '../budget/budget-figures.js';
import { dayKey, monthKey, recentDayKeys } from '../budget/periods.js';
import { scopeKeys } from '../budget/scopes.js';
import type { Lift } from '../lift/lift.js';
import { liftFromCounters } from '../lift/metrics-lift.js';
import type { Campaign, RuleSet } from '../rules/schema/index.js';
import type { TableNames } from '../store/tables.js';
import { switchesForCampaign } from '../switches/switch-scope.js';
import { readAllSwitches, type SwitchRecord } from '../switches/switch-store.js';
import { type CampaignMetrics, readCampaignMetrics } from './campaign-metrics.js';
import { type LiftCounters, readLiftCounters } from './lift-counters.js';

export interface OverviewDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'budgets' | 'control'>;
}

export type BudgetPeriod = 'total' | 'day' | 'month';

export interface CampaignOverview {
  id: string;
  name: string;
  type: Campaign['type'];
  enabled: boolean;
  core: boolean;
  /** The campaign's own switch; `disabled` when the rules turn it off; `missing` means stopped. */
  status: 'active' | 'paused' | 'killed' | 'missing' | 'disabled';
  statusReason?: string;
  statusActor?: string;
  statusAt?: string;
  /** Whether new sends and coupons go out now: enabled, and every switch that applies is active. */
  sending: boolean;
  /** The first switch that stops it, when not sending because of a switch. */
  stoppedBy?: string;
  /** Minor units of the shop currency. */
  budget: Array<ScopeFigures & { period: BudgetPeriod }>;
  /** Daily counters summed over the last 7 days (settings.timeZone). */
  metrics: CampaignMetrics & {
    window: 'P7D';
  } /** The campaign's liability so far (its total scope: reserved + settled), minor units. */;
  spend: number;
  /** Distinct customers and converters of treatment against holdout over the campaign's life, with a 95% Newcombe interval. */
  lift: Lift;
}

export interface BudgetOverview {
  currency: string;
  scopes: Array<ScopeFigures & { period: BudgetPeriod }>;
}

const statusOf = (campaign: Campaign, switches: Map<string, SwitchRecord>) => {
  const own = switches.get(`campaign:${campaign.id}`);
  const stoppedBy = switchesForCampaign(campaign.id).find((scope) => switches.get(scope)?.state !== 'active');
  return {
    status: campaign.enabled ? (own?.state ?? 'missing') : 'disabled',
    statusReason: own?.reason,
    statusActor: own?.actor,
    statusAt: own?.at,
    sending: campaign.enabled && stoppedBy === undefined,
    ...(stoppedBy ? { stoppedBy } : {}),
  } as const;
};

/** What `GET /api/campaigns` shows for each campaign of the active rule set. */
export const campaignOverviews = async (
  deps: OverviewDeps,
  ruleSet: Pick<RuleSet, 'settings' | 'campaigns'>,
  now: Date,
): Promise<CampaignOverview[]> => {
  const { timeZone } = ruleSet.settings;
  const switches = await readAllSwitches(deps);
  const day = dayKey(now, timeZone);
  const month = monthKey(now, timeZone);
  const week = recentDayKeys(now, timeZone, 7);
  return Promise.all(
    ruleSet.campaigns.map(async (campaign) => {
      const scopes: Array<{ key: string; period: BudgetPeriod }> = [
        { key: scopeKeys.campaignTotal(campaign.id), period: 'total' },
        { key: scopeKeys.campaignMonth(campaign.id, month), period: 'month' },
        { key: scopeKeys.campaignDay(campaign.id, day), period: 'day' },
      ];
      const budget = await Promise.all(
        scopes.map(async ({ key, period }) => ({ ...toFigures(await readScopeTotals(deps, key)), period })),
      );
      const metrics = await readCampaignMetrics(deps.db, deps.tables, campaign.id, week);
      const liftCounters = await readLiftCounters(deps, campaign.id);
      return {
        id: campaign.id,
        name: campaign.name,
        type: campaign.type,
        enabled: campaign.enabled,
        core: campaign.core,
        ...statusOf(campaign, switches),
        budget: budget.map((figures) => withCap(figures, capInRules(campaign, figures.period))),
        metrics: { ...metrics, window: 'P7D' as const },
        ...spendAndLift(liftCounters, budget),
      };
    }),
  );
};

const capInRules = (campaign: Campaign, period: BudgetPeriod): number | null => {
  const caps = {
    total: campaign.budget?.total,
    month: campaign.budget?.monthly,
    day: campaign.budget?.daily,
  };
  return caps[period] ?? null;
};

/** Figures against the cap of the active rules, which the ledger applies at its next reservation. */
const withCap = <T extends ScopeFigures>(figures: T, cap: number | null): T => {
  if (cap === null) return { ...figures, cap: null, remaining: null, usedPercent: null };
  const used = figures.reserved + figures.settled;
  return {
    ...figures,
    cap,
    remaining: Math.max(0, cap - used),
    usedPercent: cap === 0 ? null : Math.round((used / cap) * 1000) / 10,
  };
};

/** The shop-wide scopes: global total and month, and the email channel's month. */
export const budgetOverview = async (
  deps: OverviewDeps,
  ruleSet: Pick<RuleSet, 'settings'>,
  now: Date,
): Promise<BudgetOverview> => {
  const month = monthKey(now, ruleSet.settings.timeZone);
  const scopes: Array<{ key: string; period: BudgetPeriod }> = [
    { key: scopeKeys.globalTotal(), period: 'total' },
    { key: scopeKeys.globalMonth(month), period: 'month' },
    { key: scopeKeys.emailMonth(month), period: 'month' },
  ];
  const { budget, channels } = ruleSet.settings;
  const caps = [budget.total, budget.monthly, channels.email.budget?.monthly];
  return {
    currency: ruleSet.settings.currency,
    scopes: await Promise.all(
      scopes.map(async ({ key, period }, index) => {
        const figures = { ...toFigures(await readScopeTotals(deps, key)), period };
        return withCap(figures, caps[index] ?? null);
      }),
    ),
  };
};

/** Spend is the total scope's liability; lift compares treatment and holdout over the campaign's life. */
const spendAndLift = (counters: LiftCounters, budget: Array<ScopeFigures & { period: BudgetPeriod }>) => {
  const total = budget.find((figures) => figures.period === 'total');
  const spend = total ? total.reserved + total.settled : 0;
  return { spend, lift: liftFromCounters(counters, spend) };
};
