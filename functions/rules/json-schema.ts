import type * as z from '../shared/zod.js';
import { campaignSchemas } from './schema/campaign.js';
import { offerSchemas } from './schema/offer.js';
import { ruleSetSchemas } from './schema/rule-set.js';
import { settingsSchemas } from './schema/settings.js';
import { templateSchemas } from './schema/template.js';

/** The JSON Schemas editors use to autocomplete rule files (each file names one in "$schema"). */
export const ruleSchemaFiles = (): Array<{
  path: string;
  schema: z.core.$ZodType;
  title: string;
  description: string;
}> => [
  {
    path: 'schemas/rules/settings.schema.json',
    schema: settingsSchemas().settingsFile,
    title: 'nudge rules: settings.json',
    description: 'Shop-wide settings: sender, postal address, currency, frequency cap, quiet hours, budgets.',
  },
  {
    path: 'schemas/rules/offer.schema.json',
    schema: offerSchemas().offerFile,
    title: 'nudge rules: offers/<offer-id>.json',
    description:
      'One offer (coupon definition); the file name is its id. Money in minor units (2000 = 20.00).',
  },
  {
    path: 'schemas/rules/campaign.schema.json',
    schema: campaignSchemas().campaignFile,
    title: 'nudge rules: campaigns/<campaign-id>.json',
    description: 'One campaign; the file name is its id. Delays are ISO 8601 durations such as PT4H.',
  },
  {
    path: 'schemas/rules/template.schema.json',
    schema: templateSchemas().templateSubjectFile,
    title: 'nudge rules: templates/<template-id>/<locale>.json',
    description:
      'Subject line and preview text of one template in one locale; the bodies are .html and .txt.',
  },
  {
    path: 'schemas/rules/rule-set.schema.json',
    schema: ruleSetSchemas().ruleSetShape,
    title: 'nudge rule set',
    description: 'A whole rule set as published and served by the admin API (GET /api/rules/versions/:n).',
  },
];
