import * as z from 'zod';
import { crossCheckRuleSet } from '../cross-check.js';
import { campaignSchema } from './campaign.js';
import { offerSchema } from './offer.js';
import { slug } from './primitives.js';
import { settingsSchema } from './settings.js';
import { templatesSchema } from './template.js';

/** The rule set without the checks that span fields; validation runs those on the raw input itself. */
export const ruleSetShapeSchema = z.strictObject({
  settings: settingsSchema,
  offers: z.record(slug, offerSchema).default({}),
  campaigns: z.array(campaignSchema).default([]),
  templates: templatesSchema.default({}),
});

/** A complete, consistent rule set; parsing applies every default of DESIGN.md section 1. */
export const ruleSetSchema = ruleSetShapeSchema.superRefine((ruleSet, ctx) => {
  for (const issue of crossCheckRuleSet(ruleSet)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
