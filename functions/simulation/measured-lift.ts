import { computeLift, type Lift } from '../lift/lift.js';
import { isInHoldout } from '../send/holdout.js';
import type { SimulatedShop } from './shop.js';

/** The cart recall campaign as the simulation measures it; defaults match rules/campaigns/cart-recall.json. */
export interface RecallExperiment {
  campaignId: string;
  holdoutPercent: number;
  minSubtotal: number;
  /** A cart counts as converted when bought within this many hours of being abandoned. */
  windowHours: number;
}

export const defaultRecallExperiment: RecallExperiment = {
  campaignId: 'cart-recall',
  holdoutPercent: 10,
  minSubtotal: 1_000,
  windowHours: 7 * 24,
};

/**
 * Lift measured from the simulation's own ground truth: every customer whose first abandoned
 * cart met the campaign's audience, split by the same stable hash nudge uses for its holdout.
 * It checks the figures nudge reports, and works even when the campaign paused early.
 */
export function measureRecallLift(shop: SimulatedShop, experiment: RecallExperiment, spend: number): Lift {
  const firstCart = new Map<string, ReturnType<SimulatedShop['abandonedCarts']>[number]>();
  for (const cart of shop.abandonedCarts()) {
    const consent = shop.consentOf(cart.customerId);
    if (consent !== 'opted_in' && consent !== 'soft_opt_in') continue;
    if (cart.subtotal < experiment.minSubtotal) continue;
    const known = firstCart.get(cart.customerId);
    if (!known || cart.openedAt < known.openedAt) firstCart.set(cart.customerId, cart);
  }
  const arms = {
    treatment: { customers: 0, converters: 0, revenue: 0 },
    holdout: { customers: 0, converters: 0, revenue: 0 },
  };
  for (const cart of firstCart.values()) {
    const arm = isInHoldout(cart.customerId, experiment.campaignId, experiment.holdoutPercent)
      ? arms.holdout
      : arms.treatment;
    arm.customers++;
    const bought =
      cart.purchasedAt !== undefined &&
      cart.purchasedAt - cart.openedAt <= experiment.windowHours * 3_600_000;
    if (bought) {
      arm.converters++;
      arm.revenue += cart.paid ?? 0;
    }
  }
  return computeLift({ ...arms, spend });
}
