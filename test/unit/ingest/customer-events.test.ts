import { describe, expect, it } from 'vitest';
import type { CustomerUnsubscribed, CustomerUpserted } from '../../../functions/events/shop-events.js';
import { handleCustomerEvent } from '../../../functions/ingest/customer-events.js';
import {
  consentReplaces,
  type ProfileFields,
  type StoredConsent,
  storedConsent,
} from '../../../functions/ingest/customer-profile.js';
import type { CustomerStore } from '../../../functions/ingest/customer-store.js';
import type { ParsedShopEvent } from '../../../functions/ingest/parse-event.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import upsertFixture from '../../events/customer-upserted.json' with { type: 'json' };

const consent = (email: StoredConsent['email'], updatedAt: string): StoredConsent =>
  storedConsent({ email, updatedAt, source: 'test' });

/** Keeps what the store was asked to do, applying the consent rule as the real store's condition does. */
class FakeCustomerStore implements CustomerStore {
  profile?: ProfileFields;
  consent?: StoredConsent;
  campaigns = new Set<string>();

  async upsertProfile(fields: ProfileFields, incoming: StoredConsent) {
    this.profile = fields;
    return this.setConsent(fields.customerId, incoming);
  }
  async setConsent(_customerId: string, incoming: StoredConsent) {
    const consentApplied = consentReplaces(this.consent, incoming);
    if (consentApplied) this.consent = incoming;
    return { consentApplied };
  }
  async addUnsubscribedCampaign(_customerId: string, campaignId: string) {
    this.campaigns.add(campaignId);
  }
}

const upserted = (detail: Partial<CustomerUpserted> = {}): ParsedShopEvent<'Customer Upserted'> => ({
  envelope: { ...upsertFixture, version: '0' },
  detailType: 'Customer Upserted',
  detail: { ...(upsertFixture.detail as CustomerUpserted), ...detail },
});

const unsubscribed = (detail: CustomerUnsubscribed): ParsedShopEvent<'Customer Unsubscribed'> => ({
  envelope: { ...upsertFixture, 'detail-type': 'Customer Unsubscribed', version: '0' },
  detailType: 'Customer Unsubscribed',
  detail,
});

const clock = new VirtualClock(new Date('2025-03-05T00:00:00Z'));

describe('consentReplaces', () => {
  it('takes any consent when none is stored', () => {
    expect(consentReplaces(undefined, consent('none', '2025-01-01T00:00:00Z'))).toBe(true);
  });

  it('takes a newer consent and refuses an older one, comparing instants not strings', () => {
    const stored = consent('opted_in', '2025-02-14T10:12:00+08:00');

    expect(consentReplaces(stored, consent('withdrawn', '2025-02-14T03:00:00Z'))).toBe(true);
    expect(consentReplaces(stored, consent('withdrawn', '2025-02-14T01:00:00Z'))).toBe(false);
  });

  it('lets a withdrawal win a tie, and nothing else', () => {
    const stored = consent('opted_in', '2025-02-14T02:12:00Z');

    expect(consentReplaces(stored, consent('withdrawn', '2025-02-14T02:12:00Z'))).toBe(true);
    expect(consentReplaces(stored, consent('soft_opt_in', '2025-02-14T02:12:00Z'))).toBe(false);
  });
});

describe('handleCustomerEvent', () => {
  it('keeps the profile and its consent from Customer Upserted', async () => {
    const customers = new FakeCustomerStore();

    const outcome = await handleCustomerEvent({ customers, clock }, upserted());

    expect(outcome).toEqual({ kind: 'profile', consentApplied: true });
    expect(customers.profile).toMatchObject({
      customerId: 'cus_10482',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(customers.consent?.email).toBe('opted_in');
  });

  it('withdraws consent with source unsubscribe at the time of an unsubscribe from everything', async () => {
    const customers = new FakeCustomerStore();
    await handleCustomerEvent({ customers, clock }, upserted());

    const outcome = await handleCustomerEvent(
      { customers, clock },
      unsubscribed({ customerId: 'cus_10482', scope: 'all', at: '2025-03-04T20:31:06Z' }),
    );

    expect(outcome).toEqual({ kind: 'consent-withdrawn', consentApplied: true });
    expect(customers.consent).toMatchObject({
      email: 'withdrawn',
      source: 'unsubscribe',
      updatedAt: '2025-03-04T20:31:06Z',
    });
  });

  it('keeps consent and records the campaign when the unsubscribe names one campaign', async () => {
    const customers = new FakeCustomerStore();
    await handleCustomerEvent({ customers, clock }, upserted());

    await handleCustomerEvent(
      { customers, clock },
      unsubscribed({ customerId: 'cus_10482', scope: 'winback-spring', at: '2025-03-04T20:31:06Z' }),
    );

    expect(customers.consent?.email).toBe('opted_in');
    expect([...customers.campaigns]).toEqual(['winback-spring']);
  });
});
