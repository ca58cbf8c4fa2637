import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { CART_SK, type StoredCart } from '../ingest/cart.js';
import { STATS_SK } from '../ingest/order.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { CampaignStepJob } from '../send/campaign-step-job.js';
import type { SubjectCheck } from '../send/decide.js';
import type { CampaignFlow } from '../send/step-ports.js';
import type { Deps } from '../shared/deps.js';
import { ORDERED_SK } from './order-marker.js';
import { scheduleRecallStep } from './recall-schedule.js';

export interface CartFacts {
  cart?: Pick<StoredCart, 'version' | 'versionMs' | 'items'>;
  /** An order named this cart. */
  cartOrdered: boolean;
  /** The customer's latest order, any cart. */
  lastOrderAt?: string;
}

/**
 * Only the latest cart version may send; older schedules find a newer version and stop. Any order
 * naming this cart, or any order of the customer placed since this version, ends the reminders.
 */
export const checkCart = (job: Pick<CampaignStepJob, 'subject'>, facts: CartFacts): SubjectCheck => {
  const versionMs = Date.parse(job.subject.cartVersion ?? '');
  if (!facts.cart || facts.cart.versionMs > versionMs) return { ok: false, reason: 'cart_changed' };
  if (facts.cart.items.length === 0) return { ok: false, reason: 'cart_empty' };
  if (facts.cartOrdered) return { ok: false, reason: 'ordered' };
  if (facts.lastOrderAt && Date.parse(facts.lastOrderAt) >= versionMs)
    return { ok: false, reason: 'ordered' };
  return { ok: true };
};

export const createCartFlow = ({
  db,
  tables,
  scheduler,
}: Pick<Deps, 'db' | 'tables'> & { scheduler: Scheduler }): CampaignFlow => ({
  async inspect(job) {
    const cartId = job.subject.cartId ?? '';
    const result = await db.send(
      new BatchGetCommand({
        RequestItems: {
          [tables.carts]: {
            Keys: [
              { pk: cartId, sk: CART_SK },
              { pk: cartId, sk: ORDERED_SK },
            ],
            ConsistentRead: true,
          },
          [tables.customers]: { Keys: [{ pk: job.customerId, sk: STATS_SK }], ConsistentRead: true },
        },
      }),
    );
    if (Object.keys(result.UnprocessedKeys ?? {}).length > 0)
      throw new Error(`cart ${cartId} read was throttled; retry`);
    const carts = result.Responses?.[tables.carts] ?? [];
    const cart = carts.find((item) => item.sk === CART_SK) as StoredCart | undefined;
    const stats = result.Responses?.[tables.customers]?.[0];
    const check = checkCart(job, {
      cart,
      cartOrdered: carts.some((item) => item.sk === ORDERED_SK),
      lastOrderAt: stats?.lastOrderAt as string | undefined,
    });
    if (!check.ok || !cart) return { check };
    return {
      check,
      email: {
        cart: {
          currency: cart.currency,
          subtotal: cart.subtotal,
          items: cart.items.map(({ name, unitPrice, quantity, imageUrl, url }) => ({
            name,
            unitPrice,
            quantity,
            imageUrl,
            url,
          })),
        },
        checkoutUrl: cart.checkoutUrl,
      },
    };
  },
  async scheduleNext(job, ruleSet) {
    const campaign = ruleSet.campaigns.find((candidate) => candidate.id === job.campaignId);
    const next = job.step + 1;
    if (!campaign || next > campaign.steps.length) return;
    const cartVersion = job.subject.cartVersion ?? '';
    await scheduleRecallStep(
      scheduler,
      campaign,
      {
        cartId: job.subject.cartId ?? '',
        customerId: job.customerId,
        version: cartVersion,
        versionMs: Date.parse(cartVersion),
      },
      next,
      job.ruleVersion,
    );
  },
});
