import { describeDuration, durationToMs } from './schema/duration.js';
import { REQUIRED_TEMPLATE_LOCALES } from './schema/template.js';

/** A problem that involves more than one field or file, found on the raw (not yet parsed) rule set. */
export interface CrossCheckIssue {
  path: Array<string | number>;
  message: string;
  /** Set when the problem is a reference to something that does not exist. */
  missingRef?: { kind: 'offer' | 'template'; id: string };
}

const FIRST_CART_REMINDER_MIN_MS = 3_600_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

const checkSteps = (campaign: Record<string, unknown>, index: number, set: Record<string, unknown>) => {
  const issues: CrossCheckIssue[] = [];
  const offers = asRecord(set.offers);
  const templates = asRecord(set.templates);
  const hasBudget = isRecord(campaign.budget) && Object.keys(campaign.budget).some((key) => key !== 'shards');
  let previousMs: number | undefined;
  let previousDelay = '';
  asArray(campaign.steps).forEach((step, stepIndex) => {
    if (!isRecord(step)) return;
    const at = (field: string) => ['campaigns', index, 'steps', stepIndex, field];
    if (typeof step.template === 'string' && !(step.template in templates)) {
      issues.push({
        path: at('template'),
        message: `refers to template "${step.template}", which does not exist (no folder templates/${step.template}/)`,
        missingRef: { kind: 'template', id: step.template },
      });
    }
    if (typeof step.offer === 'string') {
      const offer = offers[step.offer];
      if (offer === undefined) {
        issues.push({
          path: at('offer'),
          message: `refers to offer "${step.offer}", which does not exist (no file offers/${step.offer}.json)`,
          missingRef: { kind: 'offer', id: step.offer },
        });
      } else if (
        hasBudget &&
        isRecord(offer) &&
        offer.kind === 'percent_off' &&
        offer.maxDiscount === undefined
      ) {
        issues.push({
          path: at('offer'),
          message: `offer "${step.offer}" is a percent offer without maxDiscount; a campaign with a budget needs it to know the most one coupon can cost`,
        });
      }
    }
    const delayMs = typeof step.delay === 'string' ? durationToMs(step.delay) : undefined;
    if (delayMs === undefined) return;
    if (stepIndex === 0 && campaign.type === 'cart_recall' && delayMs < FIRST_CART_REMINDER_MIN_MS) {
      issues.push({
        path: at('delay'),
        message: `the first cart reminder must wait at least 1 hour (PT1H), not ${describeDuration(delayMs)}: customers are often still shopping`,
      });
    }
    if (previousMs !== undefined && delayMs <= previousMs) {
      issues.push({
        path: at('delay'),
        message: `must be later than the step before it (${previousDelay}); delays count from the same starting point, so each must be larger`,
      });
    }
    previousMs = delayMs;
    previousDelay = String(step.delay);
  });
  return issues;
};

const checkCampaigns = (set: Record<string, unknown>): CrossCheckIssue[] => {
  const seen = new Set<unknown>();
  return asArray(set.campaigns).flatMap((campaign, index) => {
    if (!isRecord(campaign)) return [];
    const duplicate: CrossCheckIssue[] =
      campaign.id !== undefined && seen.has(campaign.id)
        ? [
            {
              path: ['campaigns', index, 'id'],
              message: `another campaign already has the id "${campaign.id}"`,
            },
          ]
        : [];
    seen.add(campaign.id);
    return [...duplicate, ...checkSteps(campaign, index, set)];
  });
};

const checkOfferIds = (set: Record<string, unknown>): CrossCheckIssue[] =>
  Object.entries(asRecord(set.offers)).flatMap(([key, offer]) =>
    isRecord(offer) && offer.id !== undefined && offer.id !== key
      ? [{ path: ['offers', key, 'id'], message: `must be "${key}", the key this offer is listed under` }]
      : [],
  );

const checkTemplateLocales = (set: Record<string, unknown>): CrossCheckIssue[] => {
  const defaultLocale = asRecord(set.settings).defaultLocale;
  const required = new Set<string>([...REQUIRED_TEMPLATE_LOCALES]);
  if (typeof defaultLocale === 'string') required.add(defaultLocale);
  return Object.entries(asRecord(set.templates)).flatMap(([id, versions]) =>
    [...required]
      .filter((locale) => !(locale in asRecord(versions)))
      .map((locale) => ({
        path: ['templates', id],
        message: `has no ${locale} version: add templates/${id}/${locale}.json, ${locale}.html and ${locale}.txt`,
      })),
  );
};

/** Checks that span fields or files: references, required locales, step order, holdout sanity. */
export const crossCheckRuleSet = (raw: unknown): CrossCheckIssue[] => {
  const set = asRecord(raw);
  return [...checkOfferIds(set), ...checkCampaigns(set), ...checkTemplateLocales(set)];
};
