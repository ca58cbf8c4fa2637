import { createHash } from 'node:crypto';
import type { StoredCart } from '../ingest/cart.js';
import type { Scheduler } from '../ports/scheduler.js';
import { type Campaign, durationToMs } from '../rules/schema/index.js';
import { type CampaignStepJob, campaignStepScheduledJob } from '../send/campaign-step-job.js';

/** Never remind earlier than this after the last cart change, whatever the rules say (DESIGN.md section 1). */
export const MIN_FIRST_DELAY_MS = 3_600_000;

export type CartVersion = Pick<StoredCart, 'cartId' | 'customerId' | 'version' | 'versionMs'>;

export const recallSubjectKey = (cart: Pick<CartVersion, 'cartId' | 'version'>): string =>
  `${cart.cartId}#${cart.version}`;

/** One schedule per (campaign, cart version, step): scheduling it again is a no-op. */
export const recallScheduleName = (
  campaignId: string,
  cart: Pick<CartVersion, 'cartId' | 'version'>,
  step: number,
) =>
  `recall-${createHash('sha256')
    .update(`${campaignId}\u0000${recallSubjectKey(cart)}`)
    .digest('hex')
    .slice(0, 40)}-s${step}`;

/** Every step counts from the cart's last change: 4 h, 24 h, 72 h after it by default. */
export const recallDueAt = (
  campaign: Pick<Campaign, 'steps'>,
  cart: Pick<CartVersion, 'versionMs'>,
  step: number,
) => {
  const delay = durationToMs(campaign.steps[step - 1]?.delay ?? 'PT4H') ?? 4 * 3_600_000;
  return new Date(cart.versionMs + Math.max(delay, MIN_FIRST_DELAY_MS));
};

export const recallJob = (
  campaign: Pick<Campaign, 'id' | 'steps'>,
  cart: CartVersion,
  step: number,
  ruleVersion: number,
): CampaignStepJob => ({
  flow: 'cart_recall',
  campaignId: campaign.id,
  customerId: cart.customerId,
  subjectKey: recallSubjectKey(cart),
  step,
  dueAt: recallDueAt(campaign, cart, step).toISOString(),
  ruleVersion,
  subject: { cartId: cart.cartId, cartVersion: cart.version },
});

/** Schedules one recall step; a due time already past fires at once (as EventBridge Scheduler does). */
export const scheduleRecallStep = async (
  scheduler: Scheduler,
  campaign: Pick<Campaign, 'id' | 'steps'>,
  cart: CartVersion,
  step: number,
  ruleVersion: number,
): Promise<void> => {
  const job = recallJob(campaign, cart, step, ruleVersion);
  await scheduler.scheduleAt(
    recallScheduleName(campaign.id, cart, step),
    new Date(job.dueAt),
    campaignStepScheduledJob(job),
  );
};
