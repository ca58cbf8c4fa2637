import { instant } from '../events/primitives.js';
import { type CartUpdated, cartUpdatedSchema } from '../events/shop-events.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

export const CART_SK = 'cart';

/** The `carts` item pk=cartId, sk='cart': the latest version of the cart. */
export const storedCartSchema = lazy(() =>
  z.extend(cartUpdatedSchema.def.getter(), {
    /** The cart's updatedAt: only a strictly newer one replaces the stored cart. */
    version: instant,
    versionMs: z.number().check(z.int()),
    /** Which event brought this version. */
    stage: z.enum(['Cart Updated', 'Checkout Started']),
    recordedAt: instant,
  }),
);
export type StoredCart = z.infer<ReturnType<typeof storedCartSchema>>;

export const storedCartOf = (detail: CartUpdated, stage: StoredCart['stage'], now: Date): StoredCart => ({
  ...detail,
  version: detail.updatedAt,
  versionMs: Date.parse(detail.updatedAt),
  stage,
  recordedAt: now.toISOString(),
});

/**
 * `applied`: this event is now the stored version. `current`: the very same version was already
 * stored (a redelivery). `stale`: a newer version is stored and this event changes nothing.
 */
export type CartWriteOutcome = 'applied' | 'current' | 'stale';

export const cartWriteOutcome = (
  storedVersionMs: number | undefined,
  incomingVersionMs: number,
): CartWriteOutcome => {
  if (storedVersionMs === undefined || storedVersionMs < incomingVersionMs) return 'applied';
  return storedVersionMs === incomingVersionMs ? 'current' : 'stale';
};
