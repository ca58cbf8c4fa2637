import type { Clock } from '../shared/clock.js';
import type { Deps } from '../shared/deps.js';
import { profileFieldsOf, storedConsent, withdrawnByUnsubscribe } from './customer-profile.js';
import { type CustomerStore, createCustomerStore } from './customer-store.js';
import { createDeadLetterStore } from './dead-letters.js';
import { type ParsedShopEvent, parseShopEvent } from './parse-event.js';
import { type EventHandler, withDeadLetter } from './with-dead-letter.js';

const customerDetailTypes = ['Customer Upserted', 'Customer Unsubscribed'] as const;
type CustomerDetailType = (typeof customerDetailTypes)[number];

export type CustomerEventOutcome =
  | { kind: 'profile'; consentApplied: boolean }
  | { kind: 'consent-withdrawn'; consentApplied: boolean }
  | { kind: 'campaign-unsubscribed'; campaignId: string };

export const handleCustomerEvent = async (
  deps: { customers: CustomerStore; clock: Clock },
  event: ParsedShopEvent<CustomerDetailType>,
): Promise<CustomerEventOutcome> => {
  const now = deps.clock.now();
  if (event.detailType === 'Customer Upserted') {
    const { detail } = event;
    const result = await deps.customers.upsertProfile(
      profileFieldsOf(detail),
      storedConsent(detail.consent),
      now,
    );
    return { kind: 'profile', ...result };
  }
  const { detail } = event;
  if (detail.scope === 'all') {
    const result = await deps.customers.setConsent(detail.customerId, withdrawnByUnsubscribe(detail.at), now);
    return { kind: 'consent-withdrawn', ...result };
  }
  await deps.customers.addUnsubscribedCampaign(detail.customerId, detail.scope, now);
  return { kind: 'campaign-unsubscribed', campaignId: detail.scope };
};

export const createCustomerEventsHandler = (deps: Deps): EventHandler => {
  const customers = createCustomerStore(deps);
  return withDeadLetter(
    'customer-events',
    { ...deps, deadLetters: createDeadLetterStore(deps) },
    async (event) => {
      const outcome = await handleCustomerEvent(
        { customers, clock: deps.clock },
        parseShopEvent(event, customerDetailTypes),
      );
      deps.log.info('customer event recorded', { outcome: outcome.kind });
    },
  );
};
