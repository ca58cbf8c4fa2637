import { release } from '../budget/ledger.js';
import { createDeadLetterStore } from '../ingest/dead-letters.js';
import { type EventHandler, withDeadLetter } from '../ingest/with-dead-letter.js';
import { scheduledJobSchema } from '../ports/scheduler.js';
import type { Deps } from '../shared/deps.js';
import { InvalidEventError } from '../shared/errors.js';
import * as z from '../shared/zod.js';
import type { TableNames } from '../store/tables.js';
import { couponMovementKey, expiryScheduleName, type StoredCoupon } from './coupon-item.js';
import { freeLiveSlot, getCoupon } from './coupon-store.js';
import { transitionCoupon } from './coupon-transition.js';

export interface ExpiryDeps extends Pick<Deps, 'db' | 'scheduler' | 'clock'> {
  tables: Pick<TableNames, 'coupons' | 'budgets'>;
}

export type ExpiryOutcome = 'expired' | 'abandoned' | 'not_due' | 'already_closed' | 'missing';

const giveBack = async (deps: ExpiryDeps, coupon: StoredCoupon) => {
  await release(deps, { movementKey: couponMovementKey(coupon.code) });
  await freeLiveSlot(deps, coupon);
};

/**
 * Runs at a coupon's expiry (a one-time schedule made when it was claimed): an unredeemed coupon
 * expires and gives back its whole reservation, exactly once however often the job fires. A coupon
 * whose issue never finished (a crash mid-reservation) is abandoned the same way.
 */
export const expireCoupon = async (deps: ExpiryDeps, code: string): Promise<ExpiryOutcome> => {
  const coupon = await getCoupon(deps, code);
  if (!coupon) return 'missing';
  const now = deps.clock.now();
  if (coupon.validUntilMs > now.getTime()) {
    await deps.scheduler.scheduleAt(expiryScheduleName(code), new Date(coupon.validUntilMs), {
      kind: 'coupon-expiry',
      payload: { code },
    });
    return 'not_due';
  }
  const closing = { closedAt: now.toISOString() };
  const due = { expression: 'validUntilMs <= :now', values: { ':now': now.getTime() } };
  if (coupon.state === 'live' || coupon.state === 'reserving') {
    const to = coupon.state === 'live' ? 'expired' : 'aborted';
    const transition = await transitionCoupon(deps, code, {
      from: coupon.state,
      to,
      set: { ...closing, closedReason: coupon.state === 'live' ? 'expired' : 'abandoned' },
      condition: due,
    });
    if (transition.moved) {
      await giveBack(deps, coupon);
      return to === 'expired' ? 'expired' : 'abandoned';
    }
    if (transition.current?.state === 'redeemed' || !transition.current) return 'already_closed';
  } else if (coupon.state === 'redeemed') {
    return 'already_closed';
  }
  // Expired or aborted already: a redelivery finishes what a crashed run may have left undone.
  await giveBack(deps, coupon);
  return 'already_closed';
};

const expiryPayloadSchema = z.object({
  code: z.string().check(z.regex(/^[0-9A-Z]{13}$/, 'must be a canonical coupon code')),
});

/** The `coupon-expiry` function: EventBridge Scheduler delivers the scheduled job itself. */
export const createCouponExpiryHandler = (deps: Deps): EventHandler =>
  withDeadLetter('coupon-expiry', { ...deps, deadLetters: createDeadLetterStore(deps) }, async (event) => {
    const job = scheduledJobSchema.safeParse(event);
    if (!job.success || job.data.kind !== 'coupon-expiry') {
      throw new InvalidEventError('coupon-expiry expects a scheduled job of kind coupon-expiry');
    }
    const payload = expiryPayloadSchema.safeParse(job.data.payload);
    if (!payload.success) throw new InvalidEventError(`payload.code ${payload.error.issues[0]?.message}`);
    const outcome = await expireCoupon(deps, payload.data.code);
    deps.log.info('coupon expiry ran', { code: payload.data.code, outcome });
    return outcome;
  });
