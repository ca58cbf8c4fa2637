import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { release } from '../budget/ledger.js';
import { dayKey } from '../budget/periods.js';
import { reserveSpend, type SpendDeps } from '../budget/reserve-spend.js';
import { toMilli } from '../budget/scopes.js';
import { transact } from '../budget/transact.js';
import { incrementCampaignMetrics } from '../metrics/campaign-metrics.js';
import type { Scheduler } from '../ports/scheduler.js';
import {
  type Campaign,
  durationToMs,
  type Offer,
  type RiskBand,
  type RuleSet,
  type ValueTier,
} from '../rules/schema/index.js';
import type { TableNames } from '../store/tables.js';
import { checkSwitches } from '../switches/switch-reader.js';
import { switchesForCampaign } from '../switches/switch-scope.js';
import { generateCouponCode } from './coupon-code.js';
import {
  COUPON_SK,
  couponMovementKey,
  couponPk,
  expiryScheduleName,
  ISSUE_SK,
  issuePk,
  LIVE_SK,
  livePk,
  type StoredCoupon,
} from './coupon-item.js';
import { freeLiveSlot, getCoupon, getItem } from './coupon-store.js';
import { transitionCoupon } from './coupon-transition.js';
import { type IssuedCoupon, presentCoupon } from './issued-coupon.js';
import { formatCouponValue, grossMarginOf, valueOffer } from './offer-value.js';

export interface CouponDeps extends SpendDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'coupons' | 'budgets' | 'control'>;
  scheduler: Scheduler;
}

export interface IssueCouponRequest {
  campaign: Pick<Campaign, 'id' | 'budget'>;
  offer: Offer;
  customer: {
    customerId: string;
    locale?: string;
    timeZone?: string;
    valueTier?: ValueTier;
    riskBand?: RiskBand;
  };
  /** The cart the coupon is for (cart recall); its subtotal drives spend-threshold offers. */
  cart?: {
    cartId: string;
    subtotal: number;
    items?: Array<{ unitPrice: number; quantity: number; margin?: number }>;
  };
  /** Without a cart: the period the coupon is for (win-back), e.g. `2025-03`. */
  period?: string;
  at: Date;
  ruleSet: Pick<RuleSet, 'settings'>;
}

export type IssueRefusalReason =
  | 'switch_off'
  | 'budget_exhausted'
  | 'margin_too_thin'
  | 'needs_cart'
  | 'expired_before_issue'
  | 'contention';

export type IssueCouponResult =
  | { ok: true; coupon: IssuedCoupon; replayed: boolean }
  | { ok: false; reason: IssueRefusalReason; message: string };

const refuse = (reason: IssueRefusalReason, message: string): IssueCouponResult => ({
  ok: false,
  reason,
  message,
});

/** Idempotency key of an issue: (campaign, customer, cart or period). */
export const issueKeyOf = (
  request: Pick<IssueCouponRequest, 'campaign' | 'customer' | 'cart' | 'period'>,
): string => {
  const scope = request.cart
    ? `cart:${request.cart.cartId}`
    : request.period
      ? `period:${request.period}`
      : undefined;
  if (!scope) throw new TypeError('issueCoupon needs a cart or a period');
  return `${request.campaign.id}#${request.customer.customerId}#${scope}`;
};

const scheduleExpiry = (deps: CouponDeps, coupon: StoredCoupon) =>
  deps.scheduler.scheduleAt(expiryScheduleName(coupon.code), new Date(coupon.validUntilMs), {
    kind: 'coupon-expiry',
    payload: { code: coupon.code },
  });

/**
 * Issues the customer's coupon for this campaign: computes its value, claims a unique code, and
 * reserves its maxDiscount in every budget scope, all or nothing. A second call with the same
 * (campaign, customer, cart or period) returns the same coupon and reserves nothing more; while the
 * customer holds a live code of this campaign, that code is returned.
 */
export const issueCoupon = async (
  deps: CouponDeps,
  request: IssueCouponRequest,
): Promise<IssueCouponResult> => {
  const verdict = await checkSwitches(deps, switchesForCampaign(request.campaign.id));
  if (!verdict.open) {
    return refuse(
      'switch_off',
      `switch ${verdict.scope} is ${verdict.state}${verdict.reason ? ` (${verdict.reason})` : ''}`,
    );
  }
  const issueKey = issueKeyOf(request);
  const { customerId } = request.customer;
  const nowMs = request.at.getTime();

  for (let attempt = 0; attempt < 6; attempt += 1) {
    const issue = await getItem(deps, { pk: issuePk(issueKey), sk: ISSUE_SK });
    const previousCode = issue?.code as string | undefined;
    if (previousCode) {
      const existing = await getCoupon(deps, previousCode);
      if (existing && existing.state !== 'aborted') {
        // A crash may have come before the schedule was made; scheduling is idempotent on its name.
        if (existing.state === 'reserving' || existing.state === 'live') await scheduleExpiry(deps, existing);
        if (existing.state === 'reserving') return finishReservation(deps, request, existing);
        return { ok: true, coupon: presentCoupon(existing), replayed: true };
      }
    }

    const slot = await getItem(deps, { pk: livePk(request.campaign.id, customerId), sk: LIVE_SK });
    if (slot) {
      const held = await getCoupon(deps, slot.code as string);
      const current =
        held && held.validUntilMs > nowMs && (held.state === 'live' || held.state === 'reserving');
      if (current && held.state === 'live') return { ok: true, coupon: presentCoupon(held), replayed: true };
      if (current) return finishReservation(deps, request, held);
      if (held) await freeLiveSlot(deps, held);
      else continue;
    }

    const claimed = await claimNewCoupon(deps, request, issueKey, previousCode);
    if (claimed === 'lost_race') continue;
    if (!claimed.ok) return claimed.refusal;
    await scheduleExpiry(deps, claimed.coupon);
    return finishReservation(deps, request, claimed.coupon);
  }
  return refuse('contention', `coupon ${issueKey} kept changing while being issued; try again`);
};

type Claim = { ok: true; coupon: StoredCoupon } | { ok: false; refusal: IssueCouponResult } | 'lost_race';

const claimNewCoupon = async (
  deps: CouponDeps,
  request: IssueCouponRequest,
  issueKey: string,
  previousCode: string | undefined,
): Promise<Claim> => {
  const { settings } = request.ruleSet;
  const locale = request.customer.locale ?? settings.defaultLocale;
  const valuation = valueOffer(request.offer, {
    currency: settings.currency,
    locale,
    subtotal: request.cart?.subtotal,
    grossMargin: request.cart?.items ? grossMarginOf(request.cart.items) : undefined,
    valueTier: request.customer.valueTier,
    riskBand: request.customer.riskBand,
  });
  if (!valuation.ok) return { ok: false, refusal: refuse(valuation.reason, valuation.message) };
  const validUntilMs = request.at.getTime() + (durationToMs(request.offer.validFor) ?? 0);

  for (let collision = 0; collision < 3; collision += 1) {
    const coupon: StoredCoupon = {
      code: generateCouponCode(),
      campaignId: request.campaign.id,
      customerId: request.customer.customerId,
      issueKey,
      state: 'reserving',
      value: valuation.value,
      formattedValue: formatCouponValue(valuation.value, locale, request.cart?.subtotal),
      locale,
      timeZone: request.customer.timeZone,
      issuedAt: request.at.toISOString(),
      validUntil: new Date(validUntilMs).toISOString(),
      validUntilMs,
      minSpend: valuation.value.minSpend,
    };
    const outcome = await transact(deps.db, [
      {
        Put: {
          TableName: deps.tables.coupons,
          Item: { pk: couponPk(coupon.code), sk: COUPON_SK, ...coupon },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: deps.tables.coupons,
          Item: { pk: issuePk(issueKey), sk: ISSUE_SK, code: coupon.code },
          // A new attempt after a refused one replaces exactly that attempt.
          ConditionExpression: previousCode ? 'code = :previous' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: previousCode ? { ':previous': previousCode } : undefined,
        },
      },
      {
        Put: {
          TableName: deps.tables.coupons,
          Item: {
            pk: livePk(coupon.campaignId, coupon.customerId),
            sk: LIVE_SK,
            code: coupon.code,
            validUntilMs,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    if (outcome.ok) return { ok: true, coupon };
    // Index 0 alone is a code collision (60 random bits: practically never); draw another.
    if (outcome.failed.some((index) => index !== 0)) return 'lost_race';
  }
  return 'lost_race';
};

const finishReservation = async (
  deps: CouponDeps,
  request: IssueCouponRequest,
  coupon: StoredCoupon,
): Promise<IssueCouponResult> => {
  const movementKey = couponMovementKey(coupon.code);
  const spend = await reserveSpend(deps, {
    ruleSet: request.ruleSet,
    campaign: request.campaign,
    kind: 'coupon',
    movementKey,
    amount: toMilli(coupon.value.maxDiscount),
    at: request.at,
  });

  if (spend.ok) {
    const live = await transitionCoupon(deps, coupon.code, { from: 'reserving', to: 'live' });
    if (live.moved) {
      const issued = presentCoupon({ ...coupon, state: 'live' });
      await deps.bus.publish([
        {
          detailType: 'Coupon Issued',
          detail: {
            code: issued.code,
            campaignId: coupon.campaignId,
            customerId: coupon.customerId,
            offerId: coupon.value.offerId,
            kind: coupon.value.kind,
            maxDiscount: coupon.value.maxDiscount,
            currency: coupon.value.currency,
            expiresAt: coupon.validUntil,
          },
        },
      ]);
      await incrementCampaignMetrics(deps.db, deps.tables, coupon.campaignId, metricsDay(request), {
        couponsIssued: 1,
      });
      return { ok: true, coupon: issued, replayed: spend.replayed };
    }
    if (live.current?.state === 'live')
      return { ok: true, coupon: presentCoupon(live.current), replayed: true };
    // The expiry job gave up on this coupon while we were reserving: give the reservation back.
    await release(deps, { movementKey });
    return refuse('expired_before_issue', `coupon for ${coupon.issueKey} expired before it could be issued`);
  }

  const aborted = await transitionCoupon(deps, coupon.code, {
    from: 'reserving',
    to: 'aborted',
    set: { closedAt: request.at.toISOString(), closedReason: 'budget_exhausted' },
  });
  if (!aborted.moved && aborted.current?.state === 'live') {
    return { ok: true, coupon: presentCoupon(aborted.current), replayed: true };
  }
  await freeLiveSlot(deps, coupon);
  await deps.scheduler.cancel(expiryScheduleName(coupon.code));
  return refuse(
    'budget_exhausted',
    `budget scope ${spend.scope} has no room for ${coupon.value.maxDiscount}`,
  );
};

const metricsDay = (request: IssueCouponRequest) => dayKey(request.at, request.ruleSet.settings.timeZone);
