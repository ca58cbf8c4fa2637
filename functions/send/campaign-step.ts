import { createCartFlow } from '../recall/cart-flow.js';
import type { Deps } from '../shared/deps.js';
import { readEnv } from '../shared/env.js';
import { InvalidEventError } from '../shared/errors.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { keyringFor } from '../unsubscribe/keyring-source.js';
import { createWinBackFlow } from '../winback/winback-flow.js';
import { campaignStepJobSchema } from './campaign-step-job.js';
import { createCustomerReader } from './customer-reader.js';
import { createMessageStore } from './message-store.js';
import { type CampaignStepDeps, runCampaignStep } from './run-step.js';
import {
  couponIssuerFrom,
  ruleCacheFor,
  ruleVersionsFrom,
  sendBudgetFrom,
  stepMetricsFrom,
  switchReaderFrom,
} from './step-adapters.js';

const sendEnvSchema = z.object({
  SES_CONFIGURATION_SET: z._default(z.string().check(z.minLength(1)), 'nudge-local'),
});
const { SES_CONFIGURATION_SET } = readEnv(sendEnvSchema);

const scheduledPayloadSchema = lazy(() =>
  z.object({ kind: z.literal('campaign-step'), payload: campaignStepJobSchema() }),
);

export const campaignStepDeps = (deps: Deps): CampaignStepDeps => ({
  rules: ruleVersionsFrom(ruleCacheFor(deps)),
  flows: { cart_recall: createCartFlow(deps), win_back: createWinBackFlow(deps) },
  customers: createCustomerReader(deps),
  messages: createMessageStore(deps),
  switches: switchReaderFrom(deps),
  budget: sendBudgetFrom(deps),
  coupons: couponIssuerFrom(deps),
  metrics: stepMetricsFrom(deps),
  keyring: keyringFor(deps),
  mailer: deps.mailer,
  scheduler: deps.scheduler,
  bus: deps.bus,
  clock: deps.clock,
  log: deps.log,
  unsubscribeUrl: deps.unsubscribeUrl,
  configurationSet: SES_CONFIGURATION_SET,
});

/** EventBridge Scheduler (or the local scheduler) delivers the scheduled job itself as the event. */
export const createCampaignStepHandler = (deps: Deps) => {
  const stepDeps = campaignStepDeps(deps);
  return async (event: unknown): Promise<void> => {
    const parsed = scheduledPayloadSchema().safeParse(event);
    if (!parsed.success) {
      // Nothing can make a malformed job valid: say why, and let the schedule's dead-letter queue keep it.
      throw new InvalidEventError(`campaign-step job: ${z.prettifyError(parsed.error)}`);
    }
    const outcome = await runCampaignStep(stepDeps, parsed.data.payload);
    deps.log.info('campaign step done', {
      campaignId: parsed.data.payload.campaignId,
      step: parsed.data.payload.step,
      outcome: outcome.kind,
    });
  };
};
