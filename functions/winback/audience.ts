import type { Audience, Campaign, RiskBand, ValueTier } from '../rules/schema/index.js';

/** What a win-back audience is matched against: the nightly score and the shop's profile. */
export interface WinBackCandidate {
  valueTier: ValueTier;
  riskBand: RiskBand;
  locale?: string;
  country?: string;
  tier?: string;
}

/** RFC 4647 basic filtering: `en` takes `en-US`, `zh-CN` takes only `zh-CN...`. */
const localeInRange = (locale: string, range: string): boolean => {
  const tag = locale.toLowerCase();
  const wanted = range.toLowerCase();
  return tag === wanted || tag.startsWith(`${wanted}-`);
};

/** Every filter the audience names must hold; `minSubtotal` is about carts and does not apply. */
export const audienceMatches = (audience: Audience | undefined, candidate: WinBackCandidate): boolean => {
  if (!audience) return true;
  const { locales, countries, tiers, valueTiers, riskBands } = audience;
  if (valueTiers && !valueTiers.includes(candidate.valueTier)) return false;
  if (riskBands && !riskBands.includes(candidate.riskBand)) return false;
  if (
    locales &&
    !locales.some((range) => candidate.locale !== undefined && localeInRange(candidate.locale, range))
  ) {
    return false;
  }
  if (countries && !countries.some((code) => code.toUpperCase() === candidate.country?.toUpperCase()))
    return false;
  if (tiers && !(candidate.tier !== undefined && tiers.includes(candidate.tier))) return false;
  return true;
};

/** Enabled win-back campaigns whose audience takes this customer, in rule-set order. */
export const matchingWinBackCampaigns = (
  campaigns: readonly Campaign[],
  candidate: WinBackCandidate,
): Campaign[] =>
  campaigns.filter(
    (campaign) =>
      campaign.type === 'win_back' && campaign.enabled && audienceMatches(campaign.audience, candidate),
  );
