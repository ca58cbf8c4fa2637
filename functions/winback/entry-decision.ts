import { type Campaign, durationToMs } from '../rules/schema/index.js';
import { matchingWinBackCampaigns, type WinBackCandidate } from './audience.js';
import { entryIdOf, type WinBackEntry } from './entry.js';

export type EntryDecision =
  | { enter: true; campaign: Campaign; entryId: string; replay: boolean }
  | {
      enter: false;
      reason: 'not_at_risk' | 'no_profile' | 'no_matching_campaign' | 'cooldown';
      campaignId?: string;
    };

export interface EntryFacts {
  atRisk: boolean;
  /** Segment from the score, locale, country and tier from the profile (absent: no profile). */
  candidate: Pick<WinBackCandidate, 'valueTier' | 'riskBand'> & {
    profile?: Omit<WinBackCandidate, 'valueTier' | 'riskBand'>;
  };
  campaigns: readonly Campaign[];
  /** The customer's latest entry per win-back campaign, by campaign id. */
  previous: Readonly<Record<string, Pick<WinBackEntry, 'entryId' | 'enteredAt'>>>;
  period: string;
  now: Date;
}

const DEFAULT_COOLDOWN_MS = 7 * 86_400_000;

/**
 * Who enters which win-back campaign tonight. One campaign per customer: the first in rule-set
 * order whose audience matches, so a specific audience (high value, high risk) listed first wins.
 * A journey of the same period is a replay (a retried run) and goes on, so step 1 gets scheduled.
 */
export const decideEntry = (facts: EntryFacts): EntryDecision => {
  if (!facts.atRisk) return { enter: false, reason: 'not_at_risk' };
  const { profile } = facts.candidate;
  if (!profile) return { enter: false, reason: 'no_profile' };
  const [campaign] = matchingWinBackCampaigns(facts.campaigns, { ...profile, ...facts.candidate });
  if (!campaign) return { enter: false, reason: 'no_matching_campaign' };
  const entryId = entryIdOf(campaign.id, facts.period);
  const previous = facts.previous[campaign.id];
  if (previous?.entryId === entryId) return { enter: true, campaign, entryId, replay: true };
  const cooldownMs = durationToMs(campaign.reentryCooldown) ?? DEFAULT_COOLDOWN_MS;
  if (previous && facts.now.getTime() - Date.parse(previous.enteredAt) < cooldownMs) {
    return { enter: false, reason: 'cooldown', campaignId: campaign.id };
  }
  return { enter: true, campaign, entryId, replay: false };
};
