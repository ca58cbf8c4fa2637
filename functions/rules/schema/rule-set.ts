import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { crossCheckRuleSet } from '../cross-check.js';
import { campaignSchemas } from './campaign.js';
import { offerSchemas } from './offer.js';
import { slug } from './primitives.js';
import { settingsSchemas } from './settings.js';
import { templateSchemas } from './template.js';

/** Built on first use: the largest schema nudge has, and most of a cold start when built at import. */
export const ruleSetSchemas = lazy(() => {
  /** The rule set without the checks that span fields; validation runs those on the raw input itself. */
  const ruleSetShape = z.strictObject({
    settings: settingsSchemas().settings,
    offers: z._default(z.record(slug(), offerSchemas().offer), {}),
    campaigns: z._default(z.array(campaignSchemas().campaign), []),
    templates: z._default(templateSchemas().templates, {}),
  });
  return {
    ruleSetShape,
    /** A complete, consistent rule set; parsing applies every default of DESIGN.md section 1. */
    ruleSet: ruleSetShape.check(
      z.superRefine((ruleSet, ctx) => {
        for (const issue of crossCheckRuleSet(ruleSet)) {
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        }
      }),
    ),
  };
});
type RuleSetSchemas = ReturnType<typeof ruleSetSchemas>;

export type RuleSet = z.infer<RuleSetSchemas['ruleSet']>;
export type RuleSetInput = z.input<RuleSetSchemas['ruleSet']>;
