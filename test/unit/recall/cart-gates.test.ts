import { describe, expect, it } from 'vitest';
import { type CartFacts, checkCart } from '../../../functions/recall/cart-flow.js';
import { recallDueAt, recallJob, recallScheduleName } from '../../../functions/recall/recall-schedule.js';

const version = '2030-03-04T13:00:00.000Z';
const job = { subject: { cartId: 'cart-1', cartVersion: version } };
const item = { sku: 'TEA-1', name: 'Oolong tea', unitPrice: 1250, quantity: 2 };
const current: CartFacts = {
  cart: { version, versionMs: Date.parse(version), items: [item] },
  cartOrdered: false,
};

describe('cart gates', () => {
  it.each<[string, CartFacts, ReturnType<typeof checkCart>]>([
    ['the cart is unchanged and not empty', current, { ok: true }],
    [
      'a newer version of the cart exists',
      { ...current, cart: { ...current.cart!, versionMs: Date.parse(version) + 1 } },
      { ok: false, reason: 'cart_changed' },
    ],
    ['the cart is gone', { ...current, cart: undefined }, { ok: false, reason: 'cart_changed' }],
    [
      'the cart was emptied',
      { ...current, cart: { ...current.cart!, items: [] } },
      { ok: false, reason: 'cart_empty' },
    ],
    ['an order named this cart', { ...current, cartOrdered: true }, { ok: false, reason: 'ordered' }],
    [
      'the customer ordered anything since the cart changed',
      { ...current, lastOrderAt: '2030-03-04T14:00:00Z' },
      { ok: false, reason: 'ordered' },
    ],
    [
      'the customer last ordered before the cart changed',
      { ...current, lastOrderAt: '2030-03-01T00:00:00Z' },
      { ok: true },
    ],
  ])('when %s', (_situation, facts, expected) => {
    expect(checkCart(job, facts)).toEqual(expected);
  });
});

describe('recall schedules', () => {
  const campaign = {
    id: 'cart-recall',
    steps: ['PT4H', 'PT24H', 'PT72H'].map((delay) => ({ delay, template: 'cart-reminder' })),
  };
  const cart = { cartId: 'cart-1', customerId: 'c-1', version, versionMs: Date.parse(version) };

  it('counts every step from the last cart change', () => {
    const due = [1, 2, 3].map((step) => recallDueAt(campaign, cart, step).toISOString());

    expect(due).toEqual(['2030-03-04T17:00:00.000Z', '2030-03-05T13:00:00.000Z', '2030-03-07T13:00:00.000Z']);
  });

  it('never reminds earlier than one hour after the change', () => {
    const eager = { id: 'x', steps: [{ delay: 'PT10M', template: 'cart-reminder' }] };

    expect(recallDueAt(eager, cart, 1).toISOString()).toBe('2030-03-04T14:00:00.000Z');
  });

  it('names a schedule by campaign, cart version and step, within EventBridge Scheduler limits', () => {
    const name = recallScheduleName('cart-recall', cart, 2);

    expect(name).toBe(recallScheduleName('cart-recall', { ...cart }, 2));
    expect(name).not.toBe(
      recallScheduleName('cart-recall', { ...cart, version: '2030-03-04T13:00:01.000Z' }, 2),
    );
    expect(name).not.toBe(recallScheduleName('cart-recall', cart, 3));
    expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
  });

  it('keys the send on the cart version, so a new version is a new journey', () => {
    expect(recallJob(campaign, cart, 1, 3)).toMatchObject({
      subjectKey: `cart-1#${version}`,
      ruleVersion: 3,
      dueAt: '2030-03-04T17:00:00.000Z',
    });
  });
});
