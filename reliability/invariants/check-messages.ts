import { ORDER_SK } from '../../functions/ingest/order.js';
import type { DeliveredEvent } from '../replaying-runtime.js';
import {
  type AcceptedSend,
  Invariant,
  type InvariantResult,
  type Item,
  type TablesSnapshot,
} from './invariant.js';

const CONSENTED = new Set(['opted_in', 'soft_opt_in']);
const SENT_STATES = new Set(['sent', 'unknown', 'sending']);

export interface MessageFacts {
  accepted: AcceptedSend[];
  snapshot: Pick<TablesSnapshot, 'messages' | 'orders' | 'customers'>;
  delivered: DeliveredEvent[];
}

const customerOfSesEvent = (event: DeliveredEvent): string | undefined => {
  const tags = (event.detail.mail as { tags?: Record<string, string[]> } | undefined)?.tags;
  const encoded = tags?.customer?.[0];
  return encoded ? Buffer.from(encoded, 'base64url').toString('utf8') : undefined;
};

const byCustomer = <T>(items: T[], customerOf: (item: T) => string | undefined): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const customerId = customerOf(item);
    if (customerId === undefined) continue;
    map.set(customerId, [...(map.get(customerId) ?? []), item]);
  }
  return map;
};

/** When the journey a message belongs to began: its cart version, or its win-back entry. */
const journeyStart = (claim: Item, customers: Map<string, Item[]>): number | undefined => {
  if (claim.flow === 'cart_recall') {
    const subjectKey = String(claim.subjectKey);
    return Date.parse(subjectKey.slice(subjectKey.lastIndexOf('#') + 1));
  }
  const entry = customers
    .get(String(claim.customerId))
    ?.find((item) => item.sk === `winback#${String(claim.campaignId)}`);
  return entry ? Date.parse(String(entry.enteredAt)) : undefined;
};

/**
 * Exactly-once sends and the send gates, judged from what SES accepted: one message per
 * (campaign, customer, subject, step); none after an order nudge had recorded, none to a customer
 * who had unsubscribed, been suppressed, or never consented by then.
 */
export const checkMessages = ({ accepted, snapshot, delivered }: MessageFacts): InvariantResult[] => {
  const once = new Invariant('one message per (campaign, customer, subject, step)');
  const recorded = new Invariant('every accepted message is on record as sent or unknown');
  const afterOrder = new Invariant('no message after an order');
  const consent = new Invariant('no message without consent');
  const unsubscribed = new Invariant('no message to an unsubscribed customer');
  const suppressed = new Invariant('no message to a suppressed address');

  const claims = new Map(
    snapshot.messages
      .filter((item) => String(item.sk).startsWith('claim#'))
      .map((item) => [String(item.messageId), item]),
  );
  const customers = byCustomer(snapshot.customers, (item) => String(item.pk));
  const orders = byCustomer(
    snapshot.orders.filter((item) => item.sk === ORDER_SK),
    (item) => String(item.customerId),
  );
  const events = (detailType: string) =>
    byCustomer(
      delivered.filter((event) => event.detailType === detailType),
      (event) => (event.source === 'aws.ses' ? customerOfSesEvent(event) : String(event.detail.customerId)),
    );
  const upserts = events('Customer Upserted');
  const unsubscribes = events('Customer Unsubscribed');
  const bounces = events('Email Bounced');

  const sendsPerMessage = new Map<string, number>();
  for (const send of accepted)
    sendsPerMessage.set(send.messageId, (sendsPerMessage.get(send.messageId) ?? 0) + 1);
  for (const [messageId, sends] of sendsPerMessage) {
    once.check(sends <= 1, () => `message ${messageId} was accepted by SES ${sends} times`);
  }

  const firstSends = [...new Map(accepted.map((send) => [send.messageId, send])).values()];
  for (const send of firstSends) {
    const claim = claims.get(send.messageId);
    recorded.check(
      claim !== undefined && SENT_STATES.has(String(claim.state)),
      () => `message ${send.messageId} was accepted but its claim is ${String(claim?.state ?? 'missing')}`,
    );
    const label = `${send.campaignId} step ${send.step} to ${send.customerId} at ${new Date(send.at).toISOString()}`;

    const start = claim ? journeyStart(claim, customers) : undefined;
    const knownOrder = (orders.get(send.customerId) ?? []).find(
      (order) =>
        start !== undefined &&
        Date.parse(String(order.placedAt)) >= start &&
        Date.parse(String(order.recordedAt)) < send.at,
    );
    afterOrder.check(
      knownOrder === undefined,
      () => `${label} came after order ${String(knownOrder?.orderId)}`,
    );

    const known = (list: DeliveredEvent[] | undefined) =>
      (list ?? []).filter((event) => event.deliveredAt < send.at);
    const latestConsent = known(upserts.get(send.customerId))
      .map((event) => event.detail.consent as { email: string; updatedAt: string })
      .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
      .at(-1);
    consent.check(
      latestConsent !== undefined && CONSENTED.has(latestConsent.email),
      () => `${label} went to a customer whose consent was ${latestConsent?.email ?? 'unknown'}`,
    );
    const unsubscribe = known(unsubscribes.get(send.customerId)).find(
      (event) => event.detail.scope === 'all' || event.detail.scope === send.campaignId,
    );
    unsubscribed.check(unsubscribe === undefined, () => `${label} came after the customer unsubscribed`);
    const bounce = known(bounces.get(send.customerId)).find(
      (event) => (event.detail.bounce as { bounceType?: string } | undefined)?.bounceType === 'Permanent',
    );
    suppressed.check(bounce === undefined, () => `${label} went to an address that bounced permanently`);
  }
  return [once, recorded, afterOrder, consent, unsubscribed, suppressed].map((invariant) => invariant.result);
};
