import { currencyCode, email, httpUrl, localeTag, timeZone } from '../../events/primitives.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { isoDuration } from './duration.js';
import { money, percent, ratio, wholeCount } from './numbers.js';
import { clockTime, text } from './primitives.js';

export const settingsSchemas = lazy(() => {
  const senderSchema = z.strictObject({
    name: text('Name shown as the sender, e.g. the shop name.', { max: 100 }),
    email: email().check(z.meta({ description: 'From address; must be verified in SES.' })),
    replyTo: z
      .optional(email())
      .check(z.meta({ description: 'Where replies go, if not the sender address.' })),
  });

  const frequencyCapSchema = z.prefault(
    z.strictObject({
      minGap: z._default(
        isoDuration({
          max: 'P7D',
          description: 'Least time between two marketing emails to one customer, across all campaigns.',
        }),
        'PT16H',
      ),
      maxPer7Days: z._default(
        wholeCount('Most marketing emails one customer gets in any 7 days.', { min: 1, max: 50 }),
        5,
      ),
    }),
    {},
  );

  const quietHoursSchema = z.prefault(
    z.strictObject({
      start: z._default(clockTime('When quiet hours begin, in the customer time zone.'), '21:00'),
      end: z._default(clockTime('When quiet hours end, in the customer time zone.'), '08:00'),
    }),
    {},
  );

  const budgetCapsSchema = z.strictObject({
    total: z.optional(money('Most that may ever be spent in this scope.')),
    monthly: z.optional(money('Most that may be spent per calendar month (in settings.timeZone).')),
    shards: z.optional(
      wholeCount('Split the cap over this many items so a busy scope is not slowed down.', {
        min: 1,
        max: 64,
      }),
    ),
  });

  const channelsSchema = z.prefault(
    z.strictObject({
      email: z.prefault(
        z.strictObject({
          costPerThousand: z._default(money('What 1,000 emails cost (SES list price: 10 = 0.10).'), 10),
          budget: z.optional(
            z.strictObject({ monthly: z.optional(money('Most to spend on sending email per month.')) }),
          ),
        }),
        {},
      ),
    }),
    {},
  );

  const reputationSchema = z.prefault(
    z.strictObject({
      bounceRate: z._default(
        ratio('Pause all sending at this bounce rate (SES reviews accounts at 5%).'),
        0.04,
      ),
      complaintRate: z._default(
        ratio('Pause all sending at this complaint rate (SES reviews accounts at 0.1%).'),
        0.0008,
      ),
      minSends: z._default(wholeCount('Rates are judged only after this many sends.', { min: 1 }), 500),
    }),
    {},
  );

  const pacingSchema = z.prefault(
    z.strictObject({
      aheadPercent: z._default(
        percent('Pause non-core campaigns when month-to-date spend runs this far ahead of pro rata.'),
        10,
      ),
    }),
    {},
  );

  const settingsSchema = z.strictObject({
    sender: senderSchema,
    postalAddress: text('The shop postal address, printed in every email (required by anti-spam laws).', {
      min: 10,
      max: 300,
    }),
    shopUrl: z
      .optional(httpUrl())
      .check(z.meta({ description: 'Home page of the shop; templates can link to it.' })),
    defaultLocale: z
      ._default(localeTag(), 'en')
      .check(z.meta({ description: 'Language used when a customer locale has no template version.' })),
    currency: currencyCode().check(
      z.meta({ description: 'ISO 4217 currency of every amount in these rules, e.g. USD.' }),
    ),
    timeZone: z
      ._default(timeZone(), 'UTC')
      .check(z.meta({ description: 'Budget days and months are cut in this IANA time zone.' })),
    frequencyCap: frequencyCapSchema,
    quietHours: quietHoursSchema,
    attributionWindow: z._default(
      isoDuration({
        min: 'PT1H',
        max: 'P30D',
        description: 'An order within this time of a message counts for that message.',
      }),
      'P5D',
    ),
    budget: z
      .prefault(budgetCapsSchema, {})
      .check(z.meta({ description: 'Global budget caps, across all campaigns.' })),
    channels: channelsSchema,
    reputation: reputationSchema,
    pacing: pacingSchema,
    budgetAlerts: z._default(
      z
        .array(percent('Alert when spend reaches this percent of a cap.', { min: 1, max: 100 }))
        .check(z.maxLength(10, 'may list at most 10 thresholds')),
      [80, 100],
    ),
  });

  return {
    settings: settingsSchema,
    budgetCaps: budgetCapsSchema,
    /** rules/settings.json as a marketer writes it. */
    settingsFile: z.extend(settingsSchema, { $schema: z.optional(z.string()) }),
  };
});
type SettingsSchemas = ReturnType<typeof settingsSchemas>;

export type Settings = z.infer<SettingsSchemas['settings']>;
export type BudgetCaps = z.infer<SettingsSchemas['budgetCaps']>;
