import { canonicalJson } from './canonical-json.js';
import type { RuleSet } from './schema/index.js';

export interface ChangeList {
  added: string[];
  removed: string[];
  changed: string[];
}

/** What a new rule-set version changes compared with the one it replaces; kept in the audit log. */
export interface RuleChangeSummary {
  firstVersion: boolean;
  campaigns: ChangeList;
  offers: ChangeList;
  templates: ChangeList;
  /** Top-level settings whose value changed, e.g. frequencyCap. */
  settings: string[];
}

const compare = (before: Record<string, unknown>, after: Record<string, unknown>): ChangeList => ({
  added: Object.keys(after).filter((id) => !(id in before)),
  removed: Object.keys(before).filter((id) => !(id in after)),
  changed: Object.keys(after).filter(
    (id) => id in before && canonicalJson(before[id]) !== canonicalJson(after[id]),
  ),
});

const byId = (campaigns: RuleSet['campaigns']) =>
  Object.fromEntries(campaigns.map((campaign) => [campaign.id, campaign]));

export const summarizeChanges = (before: RuleSet | undefined, after: RuleSet): RuleChangeSummary => {
  const previous = before ?? { settings: {}, offers: {}, campaigns: [], templates: {} };
  const settingKeys = new Set([...Object.keys(previous.settings), ...Object.keys(after.settings)]);
  return {
    firstVersion: before === undefined,
    campaigns: compare(byId(previous.campaigns as RuleSet['campaigns']), byId(after.campaigns)),
    offers: compare(previous.offers, after.offers),
    templates: compare(previous.templates, after.templates),
    settings: [...settingKeys].filter(
      (key) =>
        canonicalJson((previous.settings as Record<string, unknown>)[key]) !==
        canonicalJson((after.settings as Record<string, unknown>)[key]),
    ),
  };
};

/** One line for people: "campaigns: +win-back ~cart-recall; settings: frequencyCap". */
export const describeChanges = (summary: RuleChangeSummary): string => {
  if (summary.firstVersion) return 'first version';
  const list = (name: string, changes: ChangeList) => {
    const parts = [
      ...changes.added.map((id) => `+${id}`),
      ...changes.removed.map((id) => `-${id}`),
      ...changes.changed.map((id) => `~${id}`),
    ];
    return parts.length ? [`${name}: ${parts.join(' ')}`] : [];
  };
  const parts = [
    ...list('campaigns', summary.campaigns),
    ...list('offers', summary.offers),
    ...list('templates', summary.templates),
    ...(summary.settings.length ? [`settings: ${summary.settings.join(' ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'no changes';
};
