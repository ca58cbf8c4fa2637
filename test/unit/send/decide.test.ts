import { describe, expect, it } from 'vitest';
import { type DecisionFacts, decide } from '../../../functions/send/decide.js';
import { holdoutBucket } from '../../../functions/send/holdout.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2030-03-05T15:00:00Z'); // 10:00 in New York: outside quiet hours

/** A customer id that is not in the 10% holdout of campaign `recall`. */
const treated = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'].find((id) => holdoutBucket(id, 'recall') >= 1000)!;
const heldOut = Array.from({ length: 200 }, (_, n) => `c-${n}`).find(
  (id) => holdoutBucket(id, 'recall') < 1000,
)!;

const eligible = (): DecisionFacts => ({
  now,
  customerId: treated,
  dueAt: now,
  step: 1,
  subjectKey: 'cart-1#2030-03-05T11:00:00.000Z',
  subject: { ok: true },
  customer: {
    email: 'ann@example.com',
    timeZone: 'America/New_York',
    consent: { email: 'opted_in', source: 'checkout' },
    unsubscribedCampaigns: [],
    suppressed: false,
  },
  campaign: {
    id: 'recall',
    enabled: true,
    holdoutPercent: 10,
    reentryCooldownMs: 7 * DAY,
    staleAfterMs: DAY,
  },
  switches: { global: 'active', channel: 'active', campaign: 'active' },
  history: [],
  settings: {
    frequencyCap: { minGapMs: 16 * HOUR, maxPer7Days: 5 },
    quietHours: { start: '21:00', end: '08:00' },
    timeZone: 'UTC',
  },
});

type Change = (facts: DecisionFacts) => DecisionFacts;

const skipRows: Array<[string, Change]> = [
  ['cart_changed', (f) => ({ ...f, subject: { ok: false, reason: 'cart_changed' } })],
  ['cart_empty', (f) => ({ ...f, subject: { ok: false, reason: 'cart_empty' } })],
  ['ordered', (f) => ({ ...f, subject: { ok: false, reason: 'ordered' } })],
  ['unknown_customer', (f) => ({ ...f, customer: undefined })],
  [
    'unsubscribed',
    (f) => ({ ...f, customer: { ...f.customer!, consent: { email: 'withdrawn', source: 'unsubscribe' } } }),
  ],
  ['unsubscribed', (f) => ({ ...f, customer: { ...f.customer!, unsubscribedCampaigns: ['recall'] } })],
  [
    'no_consent',
    (f) => ({ ...f, customer: { ...f.customer!, consent: { email: 'withdrawn', source: 'crm' } } }),
  ],
  ['no_consent', (f) => ({ ...f, customer: { ...f.customer!, consent: { email: 'none', source: 'crm' } } })],
  ['no_consent', (f) => ({ ...f, customer: { ...f.customer!, consent: undefined } })],
  ['suppressed', (f) => ({ ...f, customer: { ...f.customer!, suppressed: true } })],
  ['campaign_disabled', (f) => ({ ...f, campaign: { ...f.campaign, enabled: false } })],
  ['global_switch_off', (f) => ({ ...f, switches: { ...f.switches, global: 'killed' } })],
  ['global_switch_off', (f) => ({ ...f, switches: { ...f.switches, global: 'unknown' } })],
  ['channel_switch_off', (f) => ({ ...f, switches: { ...f.switches, channel: 'paused' } })],
  ['campaign_switch_off', (f) => ({ ...f, switches: { ...f.switches, campaign: 'paused' } })],
  ['holdout', (f) => ({ ...f, customerId: heldOut })],
  ['stale', (f) => ({ ...f, dueAt: new Date(now.getTime() - DAY - 1) })],
  [
    'stale',
    (f) => ({
      ...f,
      campaign: { ...f.campaign, staleAfterMs: HOUR },
      history: [
        { campaignId: 'other', subjectKey: 'x', step: 1, state: 'sent', at: new Date(now.getTime() - HOUR) },
      ],
    }),
  ],
  [
    'cooldown',
    (f) => ({
      ...f,
      history: [
        {
          campaignId: 'recall',
          subjectKey: 'cart-0#old',
          step: 1,
          state: 'holdout',
          at: new Date(now.getTime() - DAY),
        },
      ],
    }),
  ],
];

describe('decide', () => {
  it('sends when every gate passes', () => {
    const facts = eligible();

    const decision = decide(facts);

    expect(decision).toEqual({ action: 'send', reason: 'eligible' });
  });

  it.each(skipRows)('skips with reason %s', (reason, change) => {
    const facts = change(eligible());

    const decision = decide(facts);

    expect(decision).toEqual({ action: 'skip', reason });
  });

  it('checks the cart before consent: an ordered cart of an unsubscribed customer is reported as ordered', () => {
    const facts = {
      ...eligible(),
      subject: { ok: false, reason: 'ordered' } as const,
      customer: { ...eligible().customer!, consent: { email: 'withdrawn' as const, source: 'unsubscribe' } },
    };

    expect(decide(facts)).toEqual({ action: 'skip', reason: 'ordered' });
  });

  it('defers under the frequency cap to 16 hours after the last email', () => {
    const lastSent = new Date(now.getTime() - 10 * HOUR);
    const facts: DecisionFacts = {
      ...eligible(),
      history: [{ campaignId: 'winback', subjectKey: 'p', step: 1, state: 'sent', at: lastSent }],
    };

    const decision = decide(facts);

    expect(decision).toEqual({
      action: 'defer',
      reason: 'frequency_cap',
      at: new Date(lastSent.getTime() + 16 * HOUR),
    });
  });

  it('counts an email whose outcome is unknown towards the cap, and a holdout record not', () => {
    const at = new Date(now.getTime() - HOUR);
    const unknown = decide({
      ...eligible(),
      history: [{ campaignId: 'w', subjectKey: 'p', step: 2, state: 'unknown', at }],
    });
    const holdout = decide({
      ...eligible(),
      history: [{ campaignId: 'w', subjectKey: 'p', step: 2, state: 'holdout', at }],
    });

    expect(unknown.action).toBe('defer');
    expect(holdout.action).toBe('send');
  });

  it('defers in quiet hours to 08:00 in the customer time zone', () => {
    const facts: DecisionFacts = {
      ...eligible(),
      now: new Date('2030-03-06T03:00:00Z'),
      dueAt: new Date('2030-03-06T03:00:00Z'),
    };

    const decision = decide(facts);

    expect(decision).toEqual({
      action: 'defer',
      reason: 'quiet_hours',
      at: new Date('2030-03-06T13:00:00Z'),
    });
  });

  it('defers out of a cap that ends in quiet hours to the end of those quiet hours', () => {
    const lastSent = new Date('2030-03-05T12:00:00Z');
    const facts: DecisionFacts = {
      ...eligible(),
      campaign: { ...eligible().campaign, staleAfterMs: 2 * DAY },
      history: [{ campaignId: 'w', subjectKey: 'p', step: 1, state: 'sent', at: lastSent }],
    };

    const decision = decide(facts);

    // 16 h after 07:00 New York time is 23:00, inside quiet hours: wait until 08:00 next morning.
    expect(decision).toEqual({
      action: 'defer',
      reason: 'frequency_cap',
      at: new Date('2030-03-06T13:00:00Z'),
    });
  });

  it('lets a later step of the same cart through the cooldown', () => {
    const facts: DecisionFacts = {
      ...eligible(),
      step: 2,
      history: [
        {
          campaignId: 'recall',
          subjectKey: 'cart-0#old',
          step: 1,
          state: 'sent',
          at: new Date(now.getTime() - 2 * DAY),
        },
      ],
    };

    expect(decide(facts)).toEqual({ action: 'send', reason: 'eligible' });
  });

  it('lets a customer re-enter once the cooldown has passed', () => {
    const facts: DecisionFacts = {
      ...eligible(),
      history: [
        {
          campaignId: 'recall',
          subjectKey: 'cart-0#old',
          step: 1,
          state: 'sent',
          at: new Date(now.getTime() - 8 * DAY),
        },
      ],
    };

    expect(decide(facts)).toEqual({ action: 'send', reason: 'eligible' });
  });
});
