import * as z from '../../shared/zod.js';
import { campaignSchemas } from './campaign.js';
import { offerSchemas } from './offer.js';
import { ruleSetSchemas } from './rule-set.js';
import { settingsSchemas } from './settings.js';

export * from './campaign.js';
export * from './duration.js';
export * from './offer.js';
export * from './rule-set.js';
export * from './settings.js';
export * from './template.js';

// The rule schemas under their plain names, for code that parses with them outside the rules
// module (tools, tests). `z.lazy`: importing them builds nothing until the first parse.
export const ruleSetSchema = z.lazy(() => ruleSetSchemas().ruleSet);
export const campaignSchema = z.lazy(() => campaignSchemas().campaign);
export const offerSchema = z.lazy(() => offerSchemas().offer);
export const settingsSchema = z.lazy(() => settingsSchemas().settings);
