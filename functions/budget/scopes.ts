import type { Campaign, RuleSet } from '../rules/schema/index.js';
import { dayKey, monthKey } from './periods.js';

/** Ledger amounts are milli-minor units (1/1000 cent) so one email's send cost is exact. */
export const MILLI_PER_MINOR = 1000;

export const toMilli = (minorUnits: number): number => minorUnits * MILLI_PER_MINOR;

/** Rounded up, so a figure shown to a marketer never understates what is held. */
export const toMinorCeil = (milli: number): number => Math.ceil(milli / MILLI_PER_MINOR);

/** One budget scope as a reservation sees it: cap in milli-minor units, undefined when uncapped. */
export interface BudgetScope {
  key: string;
  cap: number | undefined;
  shards: number;
}

export type SpendKind = 'coupon' | 'email';

const capOf = (minor: number | undefined): number | undefined =>
  minor === undefined ? undefined : toMilli(minor);

export const scopeKeys = {
  globalTotal: () => 'global:total',
  globalMonth: (month: string) => `global:month:${month}`,
  campaignTotal: (campaignId: string) => `campaign:${campaignId}:total`,
  campaignDay: (campaignId: string, day: string) => `campaign:${campaignId}:day:${day}`,
  campaignMonth: (campaignId: string, month: string) => `campaign:${campaignId}:month:${month}`,
  emailMonth: (month: string) => `channel:email:month:${month}`,
};

/**
 * Every scope one spend counts against, narrowest first so a full scope is usually met before
 * wider ones are touched. A campaign's day and month are tracked even when uncapped, because the
 * ROI floor and monthly pacing read them; other scopes are tracked only when they have a cap.
 */
export const scopesForSpend = (
  ruleSet: Pick<RuleSet, 'settings'>,
  campaign: Pick<Campaign, 'id' | 'budget'>,
  kind: SpendKind,
  at: Date,
): BudgetScope[] => {
  const { settings } = ruleSet;
  const day = dayKey(at, settings.timeZone);
  const month = monthKey(at, settings.timeZone);
  const campaignShards = campaign.budget?.shards ?? 1;
  const globalShards = settings.budget.shards ?? 1;
  const scopes: BudgetScope[] = [
    {
      key: scopeKeys.campaignDay(campaign.id, day),
      cap: capOf(campaign.budget?.daily),
      shards: campaignShards,
    },
    {
      key: scopeKeys.campaignMonth(campaign.id, month),
      cap: capOf(campaign.budget?.monthly),
      shards: campaignShards,
    },
  ];
  if (campaign.budget?.total !== undefined) {
    scopes.push({
      key: scopeKeys.campaignTotal(campaign.id),
      cap: capOf(campaign.budget.total),
      shards: campaignShards,
    });
  }
  const emailMonthly = settings.channels.email.budget?.monthly;
  if (kind === 'email' && emailMonthly !== undefined) {
    scopes.push({ key: scopeKeys.emailMonth(month), cap: capOf(emailMonthly), shards: globalShards });
  }
  if (settings.budget.monthly !== undefined) {
    scopes.push({
      key: scopeKeys.globalMonth(month),
      cap: capOf(settings.budget.monthly),
      shards: globalShards,
    });
  }
  if (settings.budget.total !== undefined) {
    scopes.push({ key: scopeKeys.globalTotal(), cap: capOf(settings.budget.total), shards: globalShards });
  }
  return scopes;
};

/** What one email costs in milli-minor units: costPerThousand minor units per 1,000 emails. */
export const emailSendCost = (ruleSet: Pick<RuleSet, 'settings'>): number =>
  ruleSet.settings.channels.email.costPerThousand;
