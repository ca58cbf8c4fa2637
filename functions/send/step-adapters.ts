import { dayKey } from '../budget/periods.js';
import { releaseSend, reserveSend, settleSend } from '../budget/reserve-send.js';
import { issueCoupon } from '../coupons/issue-coupon.js';
import type { CouponValue as IssuedCouponValue } from '../coupons/offer-value.js';
import { incrementCampaignMetrics, incrementChannelMetrics } from '../metrics/campaign-metrics.js';
import { createRuleCache, NoActiveRulesError, type RuleCache } from '../rules/rule-cache.js';
import { createDynamoRuleStore } from '../rules/rule-store.js';
import { ruleSetForScheduledMessage } from '../rules/scheduled-version.js';
import type { Deps } from '../shared/deps.js';
import { checkSwitches } from '../switches/switch-reader.js';
import { campaignSwitch, EMAIL_SWITCH, GLOBAL_SWITCH } from '../switches/switch-scope.js';
import type { CouponValue } from '../templates/email-data.js';
import type { SwitchState } from './decide.js';
import type { SkipReason } from './skip-reasons.js';
import type { CouponIssuer, RuleVersions, SendBudget, StepMetrics, SwitchReader } from './step-ports.js';

/** The other areas' modules behind the send pipeline's narrow ports. */

const ruleCaches = new WeakMap<Deps['tables'], RuleCache>();

export const ruleCacheFor = (deps: Pick<Deps, 'db' | 'tables' | 'clock'>): RuleCache => {
  let cache = ruleCaches.get(deps.tables);
  if (!cache) {
    cache = createRuleCache({
      store: createDynamoRuleStore({ db: deps.db, tableName: deps.tables.control }),
      clock: deps.clock,
    });
    ruleCaches.set(deps.tables, cache);
  }
  return cache;
};

export const ruleVersionsFrom = (cache: RuleCache): RuleVersions => ({
  async forScheduledMessage(startedVersion, campaignId) {
    try {
      const scheduled = await ruleSetForScheduledMessage(cache, startedVersion, campaignId);
      return scheduled.status === 'run' ? scheduled.rules : undefined;
    } catch (error) {
      if (error instanceof NoActiveRulesError) return undefined;
      throw error;
    }
  },
});

export const activeRulesFrom = (cache: RuleCache) => ({
  async active() {
    try {
      const active = await cache.active();
      return { ruleSet: active.rules, version: active.version };
    } catch (error) {
      if (error instanceof NoActiveRulesError) return undefined;
      throw error;
    }
  },
});

export const switchReaderFrom = (deps: Pick<Deps, 'db' | 'tables' | 'clock'>): SwitchReader => {
  const stateOf = async (scope: string): Promise<SwitchState> => {
    const verdict = await checkSwitches(deps, [scope]);
    if (verdict.open) return 'active';
    return verdict.state === 'missing' || verdict.state === 'unreadable' ? 'unknown' : verdict.state;
  };
  return {
    async states(campaignId) {
      const [global, channel, campaign] = await Promise.all([
        stateOf(GLOBAL_SWITCH),
        stateOf(EMAIL_SWITCH),
        stateOf(campaignSwitch(campaignId)),
      ]);
      return { global, channel, campaign };
    },
  };
};

const switchSkip = (scope: string): SkipReason =>
  scope === GLOBAL_SWITCH
    ? 'global_switch_off'
    : scope === EMAIL_SWITCH
      ? 'channel_switch_off'
      : 'campaign_switch_off';

export const sendBudgetFrom = (deps: Pick<Deps, 'db' | 'tables' | 'bus' | 'clock' | 'log'>): SendBudget => ({
  async reserveSend(input) {
    const reservation = await reserveSend(deps, input);
    if (reservation.ok) return { ok: true };
    if (reservation.reason === 'switch_off') return { ok: false, reason: switchSkip(reservation.scope) };
    if (reservation.reason === 'unknown_campaign') return { ok: false, reason: 'campaign_disabled' };
    return { ok: false, reason: 'budget_exhausted' };
  },
  settleSend: (messageKey) => settleSend(deps, { messageKey }),
  releaseSend: (messageKey) => releaseSend(deps, { messageKey }),
});

const templateValue = (value: IssuedCouponValue): CouponValue => {
  switch (value.kind) {
    case 'percent_off':
      return { kind: 'percent_off', percent: value.percent ?? 0, maxDiscount: value.maxDiscount };
    case 'amount_off':
      return { kind: 'amount_off', amount: value.amount ?? value.maxDiscount };
    case 'spend_threshold':
      return { kind: 'spend_threshold', threshold: value.threshold ?? value.minSpend, save: value.save ?? 0 };
    default:
      return { kind: 'free_shipping' };
  }
};

export const couponIssuerFrom = (
  deps: Pick<Deps, 'db' | 'tables' | 'bus' | 'clock' | 'log' | 'scheduler'>,
): CouponIssuer => ({
  async issue(input) {
    const campaign = input.ruleSet.campaigns.find((candidate) => candidate.id === input.campaignId);
    const offer = input.ruleSet.offers[input.offerId];
    if (!campaign || !offer) return { ok: false, reason: 'campaign_disabled' };
    const issued = await issueCoupon(deps, {
      campaign,
      offer,
      customer: { ...input.customer, valueTier: input.valueTier, riskBand: input.riskBand },
      cart: input.cart,
      period: input.period,
      at: input.at,
      ruleSet: input.ruleSet,
    });
    if (issued.ok) {
      return {
        ok: true,
        coupon: {
          code: issued.coupon.code,
          expiresAt: issued.coupon.expiresAt,
          value: templateValue(issued.coupon.value),
        },
      };
    }
    if (issued.reason === 'switch_off') return { ok: false, reason: 'campaign_switch_off' };
    if (issued.reason === 'contention')
      throw new Error(`coupon issue for ${input.campaignId} hit contention; retry`);
    // A coupon that cannot be given (budget, margin, no cart) skips the step rather than sending without it.
    return { ok: false, reason: 'budget_exhausted' };
  },
});

/** Confirmed sends also count for the email channel, the denominator of the reputation breaker's rates. */
export const stepMetricsFrom = (deps: Pick<Deps, 'db' | 'tables'>): StepMetrics => ({
  async count({ campaignId, timeZone, at, deltas }) {
    const day = dayKey(at, timeZone);
    await incrementCampaignMetrics(deps.db, deps.tables, campaignId, day, deltas);
    if (deltas.sent) await incrementChannelMetrics(deps.db, deps.tables, 'email', day, { sent: deltas.sent });
  },
});
