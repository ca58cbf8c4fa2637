import type { CampaignMetricDeltas } from '../metrics/campaign-metrics.js';
import type { RiskBand, RuleSet, ValueTier } from '../rules/schema/index.js';
import type { CouponValue, EmailData } from '../templates/email-data.js';
import type { CampaignStepJob } from './campaign-step-job.js';
import type { SubjectCheck, SwitchState } from './decide.js';
import type { SkipReason } from './skip-reasons.js';

/** The narrow views of other areas that a campaign step needs; campaign-step.ts binds the real ones. */

export interface RuleVersions {
  /** The version the journey started with, unless a newer version disabled or removed the campaign. */
  forScheduledMessage(startedVersion: number, campaignId: string): Promise<RuleSet | undefined>;
}

export interface SwitchReader {
  /** Fail closed: anything unreadable is reported as `unknown`. */
  states(campaignId: string): Promise<{ global: SwitchState; channel: SwitchState; campaign: SwitchState }>;
}

/** Refusals the pipeline records as a skip of this step. */
export type Refusal = { ok: false; reason: SkipReason };

export interface SendBudget {
  /** Reserves the email's send cost, idempotent on `messageKey`. */
  reserveSend(input: {
    ruleSet: RuleSet;
    campaignId: string;
    messageKey: string;
    at: Date;
  }): Promise<{ ok: true } | Refusal>;
  /** The email went out, or may have: the reservation is spent. */
  settleSend(messageKey: string): Promise<void>;
  /** The email was refused: the reservation is given back. */
  releaseSend(messageKey: string): Promise<void>;
}

export interface IssuedCoupon {
  code: string;
  expiresAt: string;
  value: CouponValue;
}

export interface CouponIssuer {
  /** One live code per customer per campaign; refuses when its reserve does not fit a budget. */
  issue(
    input: {
      ruleSet: RuleSet;
      campaignId: string;
      offerId: string;
      customer: { customerId: string; locale?: string; timeZone?: string };
      /** Cart recall: the cart the coupon is for (win-back passes a `period` instead). */
      cart?: { cartId: string; subtotal: number; items: Array<{ unitPrice: number; quantity: number }> };
      at: Date;
    } & CouponContext,
  ): Promise<{ ok: true; coupon: IssuedCoupon } | Refusal>;
}

export interface StepMetrics {
  /** Adds to the campaign's counters for the day of `at` in `timeZone` (the rule set's). */
  count(input: {
    campaignId: string;
    timeZone: string;
    at: Date;
    deltas: CampaignMetricDeltas;
  }): Promise<void>;
}

/** What a flow knows that shapes the coupon: win-back's tier and band pick the offer's `adjust`, its period keys the issue. */
export interface CouponContext {
  valueTier?: ValueTier;
  riskBand?: RiskBand;
  /** Issue key without a cart, e.g. the win-back entry's period. */
  period?: string;
}

/** What one workflow (cart recall, win-back) adds to the shared pipeline. */
export interface CampaignFlow {
  /** Re-reads the subject (the cart) at fire time: may the step go on, and what goes into the email. */
  inspect(job: CampaignStepJob): Promise<{
    check: SubjectCheck;
    email?: Pick<EmailData, 'cart' | 'checkoutUrl'>;
    coupon?: CouponContext;
  }>;
  /** Schedules the journey's next step, if there is one; idempotent. */
  scheduleNext(job: CampaignStepJob, ruleSet: RuleSet): Promise<void>;
}
