import type { RuleCache } from './rule-cache.js';
import type { Campaign, RuleSet } from './schema/index.js';

export type ScheduledRules =
  | { status: 'run'; version: number; rules: RuleSet; campaign: Campaign }
  | { status: 'campaign_disabled'; reason: 'disabled' | 'removed'; activeVersion: number };

/**
 * The rules a scheduled message runs under: the version it started with, so a later edit does
 * not change a sequence halfway, unless the active version disables or removes its campaign.
 */
export const ruleSetForScheduledMessage = async (
  cache: RuleCache,
  startedVersion: number,
  campaignId: string,
): Promise<ScheduledRules> => {
  const active = await cache.active();
  const current = active.rules.campaigns.find((campaign) => campaign.id === campaignId);
  if (!current) return { status: 'campaign_disabled', reason: 'removed', activeVersion: active.version };
  if (!current.enabled)
    return { status: 'campaign_disabled', reason: 'disabled', activeVersion: active.version };
  const rules = startedVersion === active.version ? active.rules : await cache.version(startedVersion);
  const campaign = rules.campaigns.find((candidate) => candidate.id === campaignId);
  if (!campaign) return { status: 'campaign_disabled', reason: 'removed', activeVersion: active.version };
  return { status: 'run', version: startedVersion, rules, campaign };
};
