import * as z from 'zod';
import { currencyCode, email, httpUrl, localeTag, timeZone } from '../../events/primitives.js';
import { lazy } from '../../shared/lazy.js';
import { isoDuration } from './duration.js';
import { money, percent, ratio, wholeCount } from './numbers.js';
import { clockTime, text } from './primitives.js';

export const settingsSchemas = lazy(() => {
  const senderSchema = z.strictObject({
    name: text('Name shown as the sender, e.g. the shop name.', { max: 100 }),
    email: email().meta({ description: 'From address; must be verified in SES.' }),
    replyTo: email().optional().meta({ description: 'Where replies go, if not the sender address.' }),
  });

  const frequencyCapSchema = z
    .strictObject({
      minGap: isoDuration({
        max: 'P7D',
        description: 'Least time between two marketing emails to one customer, across all campaigns.',
      }).default('PT16H'),
      maxPer7Days: wholeCount('Most marketing emails one customer gets in any 7 days.', {
        min: 1,
        max: 50,
      }).default(5),
    })
    .prefault({});

  const quietHoursSchema = z
    .strictObject({
      start: clockTime('When quiet hours begin, in the customer time zone.').default('21:00'),
      end: clockTime('When quiet hours end, in the customer time zone.').default('08:00'),
    })
    .prefault({});

  const budgetCapsSchema = z.strictObject({
    total: money('Most that may ever be spent in this scope.').optional(),
    monthly: money('Most that may be spent per calendar month (in settings.timeZone).').optional(),
    shards: wholeCount('Split the cap over this many items so a busy scope is not slowed down.', {
      min: 1,
      max: 64,
    }).optional(),
  });

  const channelsSchema = z
    .strictObject({
      email: z
        .strictObject({
          costPerThousand: money('What 1,000 emails cost (SES list price: 10 = 0.10).').default(10),
          budget: z
            .strictObject({ monthly: money('Most to spend on sending email per month.').optional() })
            .optional(),
        })
        .prefault({}),
    })
    .prefault({});

  const reputationSchema = z
    .strictObject({
      bounceRate: ratio('Pause all sending at this bounce rate (SES reviews accounts at 5%).').default(0.04),
      complaintRate: ratio(
        'Pause all sending at this complaint rate (SES reviews accounts at 0.1%).',
      ).default(0.0008),
      minSends: wholeCount('Rates are judged only after this many sends.', { min: 1 }).default(500),
    })
    .prefault({});

  const pacingSchema = z
    .strictObject({
      aheadPercent: percent(
        'Pause non-core campaigns when month-to-date spend runs this far ahead of pro rata.',
      ).default(10),
    })
    .prefault({});

  const settingsSchema = z.strictObject({
    sender: senderSchema,
    postalAddress: text('The shop postal address, printed in every email (required by anti-spam laws).', {
      min: 10,
      max: 300,
    }),
    shopUrl: httpUrl().optional().meta({ description: 'Home page of the shop; templates can link to it.' }),
    defaultLocale: localeTag()
      .default('en')
      .meta({ description: 'Language used when a customer locale has no template version.' }),
    currency: currencyCode().meta({
      description: 'ISO 4217 currency of every amount in these rules, e.g. USD.',
    }),
    timeZone: timeZone()
      .default('UTC')
      .meta({ description: 'Budget days and months are cut in this IANA time zone.' }),
    frequencyCap: frequencyCapSchema,
    quietHours: quietHoursSchema,
    attributionWindow: isoDuration({
      min: 'PT1H',
      max: 'P30D',
      description: 'An order within this time of a message counts for that message.',
    }).default('P5D'),
    budget: budgetCapsSchema.prefault({}).meta({ description: 'Global budget caps, across all campaigns.' }),
    channels: channelsSchema,
    reputation: reputationSchema,
    pacing: pacingSchema,
    budgetAlerts: z
      .array(percent('Alert when spend reaches this percent of a cap.', { min: 1, max: 100 }))
      .max(10, 'may list at most 10 thresholds')
      .default([80, 100]),
  });

  return {
    settings: settingsSchema,
    budgetCaps: budgetCapsSchema,
    /** rules/settings.json as a marketer writes it. */
    settingsFile: settingsSchema.extend({ $schema: z.string().optional() }),
  };
});
type SettingsSchemas = ReturnType<typeof settingsSchemas>;

export type Settings = z.infer<SettingsSchemas['settings']>;
export type BudgetCaps = z.infer<SettingsSchemas['budgetCaps']>;
