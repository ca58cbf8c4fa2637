import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEmail } from '../../../functions/ports/mailer.js';
import { loadRuleFiles } from '../../../functions/rules/load-rule-files.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { validateRuleSetFiles } from '../../../functions/rules/validate.js';
import type { CampaignStepJob } from '../../../functions/send/campaign-step-job.js';
import { createCustomerReader } from '../../../functions/send/customer-reader.js';
import { createMessageStore } from '../../../functions/send/message-store.js';
import type { CampaignStepDeps } from '../../../functions/send/run-step.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { MemoryLog } from '../../../functions/shared/logger.js';
import { generateKeyring } from '../../../functions/unsubscribe/keyring.js';
import type { TestDynamo } from '../../support/dynamo.js';

export const exampleRuleSet = async (): Promise<RuleSet> => {
  const validation = validateRuleSetFiles(await loadRuleFiles('rules'));
  if (!validation.ok) throw new Error(`example rules are invalid: ${JSON.stringify(validation.problems[0])}`);
  return validation.ruleSet;
};

/** A customer outside the 10% holdout of `cart-recall`, who may be mailed. */
export const seedCustomer = async ({ db, tables }: TestDynamo, customerId: string) => {
  await db.send(
    new PutCommand({
      TableName: tables.customers,
      Item: {
        pk: customerId,
        sk: 'profile',
        customerId,
        email: `${customerId}@example.com`,
        locale: 'en-US',
        timeZone: 'America/New_York',
        consent: { email: 'opted_in', updatedAt: '2030-01-01T00:00:00Z', source: 'checkout', updatedAtMs: 0 },
        updatedAt: '2030-01-01T00:00:00Z',
      },
    }),
  );
};

export const jobFor = (customerId: string, overrides: Partial<CampaignStepJob> = {}): CampaignStepJob => ({
  flow: 'cart_recall',
  campaignId: 'cart-recall',
  customerId,
  subjectKey: 'cart-1#2030-03-05T11:00:00.000Z',
  step: 1,
  dueAt: '2030-03-05T15:00:00.000Z',
  ruleVersion: 1,
  subject: { cartId: 'cart-1', cartVersion: '2030-03-05T11:00:00.000Z' },
  ...overrides,
});

/** The pipeline against DynamoDB Local for claims and customers; plain fakes for every other area. */
export const stepDeps = (
  dynamo: TestDynamo,
  ruleSet: RuleSet,
  send: (email: OutgoingEmail) => Promise<void>,
) => {
  const sent: OutgoingEmail[] = [];
  const scheduled: string[] = [];
  const published: unknown[] = [];
  const deps: CampaignStepDeps = {
    rules: { forScheduledMessage: async () => ruleSet },
    flows: {
      cart_recall: {
        inspect: async () => ({
          check: { ok: true },
          email: {
            cart: {
              currency: 'USD',
              subtotal: 4200,
              items: [{ name: 'Oolong', unitPrice: 2100, quantity: 2 }],
            },
            checkoutUrl: 'https://maplemoss.example/checkout/cart-1',
          },
        }),
        scheduleNext: async (job) => {
          scheduled.push(`step-${job.step + 1}`);
        },
      },
    },
    customers: createCustomerReader(dynamo),
    messages: createMessageStore(dynamo),
    switches: { states: async () => ({ global: 'active', channel: 'active', campaign: 'active' }) },
    budget: {
      reserveSend: async () => ({ ok: true }),
      settleSend: async () => {},
      releaseSend: async () => {},
    },
    coupons: { issue: async () => ({ ok: false, reason: 'budget_exhausted' }) },
    metrics: { count: async () => {} },
    keyring: { load: async () => generateKeyring(new Date('2030-01-01T00:00:00Z')) },
    mailer: {
      send: async (email) => {
        await send(email);
        sent.push(email);
        return { providerMessageId: `ses-${sent.length}` };
      },
    },
    scheduler: { scheduleAt: async (name) => void scheduled.push(name), cancel: async () => {} },
    bus: { publish: async (events) => void published.push(...events) },
    clock: new VirtualClock(new Date('2030-03-05T15:00:00Z')),
    log: new MemoryLog(),
    unsubscribeUrl: 'https://nudge.example.com/unsubscribe',
  };
  return { deps, sent, scheduled, published };
};
