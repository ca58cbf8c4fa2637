import type { CampaignMetricDeltas } from '../metrics/campaign-metrics.js';
import type { Bus } from '../ports/bus.js';
import type { Mailer } from '../ports/mailer.js';
import type { Scheduler } from '../ports/scheduler.js';
import { type Campaign, durationToMs, type RuleSet, type Step } from '../rules/schema/index.js';
import type { Clock } from '../shared/clock.js';
import type { Log } from '../shared/logger.js';
import { renderEmail } from '../templates/render-email.js';
import type { KeyringSource } from '../unsubscribe/keyring.js';
import { signUnsubscribeToken } from '../unsubscribe/token.js';
import { type CampaignStepJob, campaignStepScheduledJob, claimSortKey } from './campaign-step-job.js';
import type { CustomerFacts, CustomerReader } from './customer-reader.js';
import { type DecisionFacts, decide } from './decide.js';
import { deferralScheduleName, messageIdFor, messageIdHeader } from './message-id.js';
import type { ClaimRecord, MessageStore } from './message-store.js';
import { buildMime } from './mime.js';
import { type SkipReason, skipEndsTheFlow } from './skip-reasons.js';
import { messageSent, messageSkipped } from './step-events.js';
import type {
  CampaignFlow,
  CouponIssuer,
  IssuedCoupon,
  RuleVersions,
  SendBudget,
  StepMetrics,
  SwitchReader,
} from './step-ports.js';
import { withUtm } from './utm.js';

export interface CampaignStepDeps {
  rules: RuleVersions;
  flows: Partial<Record<Campaign['type'], CampaignFlow>>;
  customers: CustomerReader;
  messages: MessageStore;
  switches: SwitchReader;
  budget: SendBudget;
  coupons: CouponIssuer;
  metrics: StepMetrics;
  keyring: KeyringSource;
  mailer: Mailer;
  scheduler: Scheduler;
  bus: Bus;
  clock: Clock;
  log: Log;
  /** Base URL of the public unsubscribe endpoint. */
  unsubscribeUrl: string;
  configurationSet?: string;
}

export type StepOutcome =
  | { kind: 'duplicate' }
  | { kind: 'deferred'; at: Date }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'holdout' }
  | { kind: 'sent' | 'unknown' | 'failed' };

const DAY_MS = 86_400_000;
/** A deferred step is dropped once it is this late, unless the step sets its own `staleAfter`. */
export const DEFAULT_STALE_AFTER_MS = DAY_MS;

const ms = (duration: string | undefined, fallback: number): number =>
  duration === undefined ? fallback : (durationToMs(duration) ?? fallback);

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

const factsFor = (
  job: CampaignStepJob,
  now: Date,
  ruleSet: RuleSet,
  campaign: Campaign,
  step: Step,
  parts: Pick<DecisionFacts, 'subject' | 'switches' | 'history'> & { customer: CustomerFacts },
): DecisionFacts => {
  const { profile } = parts.customer;
  return {
    now,
    customerId: job.customerId,
    dueAt: new Date(job.dueAt),
    step: job.step,
    subjectKey: job.subjectKey,
    subject: parts.subject,
    customer: profile && {
      email: profile.email,
      timeZone: profile.timeZone,
      consent: profile.consent,
      unsubscribedCampaigns: profile.unsubscribedCampaigns,
      suppressed: parts.customer.suppressed,
    },
    campaign: {
      id: campaign.id,
      enabled: campaign.enabled,
      holdoutPercent: campaign.holdoutPercent,
      reentryCooldownMs: ms(campaign.reentryCooldown, 7 * DAY_MS),
      staleAfterMs: ms(step.staleAfter, DEFAULT_STALE_AFTER_MS),
    },
    switches: parts.switches,
    history: parts.history,
    settings: {
      frequencyCap: {
        minGapMs: ms(ruleSet.settings.frequencyCap.minGap, 16 * 3_600_000),
        maxPer7Days: ruleSet.settings.frequencyCap.maxPer7Days,
      },
      quietHours: ruleSet.settings.quietHours,
      timeZone: ruleSet.settings.timeZone,
    },
  };
};

/**
 * A delivery that died after recording a step's outcome may have left its budget movement open,
 * the customer uncounted in the campaign's lift and the next step unscheduled; all three are
 * idempotent, so a redelivery finishes them. (Its daily counters are not: they may stay short.)
 */
const finishBookkeeping = async (
  deps: CampaignStepDeps,
  job: CampaignStepJob,
  state: ClaimRecord['state'],
  count: (deltas: CampaignMetricDeltas) => Promise<void>,
  scheduleNext: () => Promise<void>,
): Promise<void> => {
  if (state === 'holdout') {
    await count({ entered: { customerId: job.customerId, group: 'holdout' } });
    return;
  }
  if (state !== 'sent' && state !== 'unknown' && state !== 'failed') return;
  const messageKey = `${job.customerId}#${claimSortKey(job)}`;
  if (state === 'failed') await deps.budget.releaseSend(messageKey);
  else await deps.budget.settleSend(messageKey);
  if (state !== 'failed' && job.step === 1) {
    await count({ entered: { customerId: job.customerId, group: 'treatment' } });
  }
  await scheduleNext();
};

/** One scheduled step: re-read everything, decide, then send at most once. */
export const runCampaignStep = async (deps: CampaignStepDeps, job: CampaignStepJob): Promise<StepOutcome> => {
  const now = deps.clock.now();
  const messageId = messageIdFor(job);
  const ruleSet = await deps.rules.forScheduledMessage(job.ruleVersion, job.campaignId);
  const campaign = ruleSet?.campaigns.find((candidate) => candidate.id === job.campaignId);
  const step = campaign?.steps[job.step - 1];
  const flow = campaign && deps.flows[campaign.type];

  const count = (deltas: CampaignMetricDeltas) =>
    deps.metrics.count({
      campaignId: job.campaignId,
      timeZone: ruleSet?.settings.timeZone ?? 'UTC',
      at: now,
      deltas,
    });

  const skip = async (reason: SkipReason): Promise<StepOutcome> => {
    const state = reason === 'holdout' ? 'holdout' : 'skipped';
    if (!(await deps.messages.recordFinal(job, messageId, state, reason, now))) return { kind: 'duplicate' };
    await count(
      reason === 'holdout'
        ? { holdoutEntered: 1, entered: { customerId: job.customerId, group: 'holdout' } }
        : { skipped: { [reason]: 1 } },
    );
    await deps.bus.publish([messageSkipped(job, messageId, reason, now)]);
    if (ruleSet && flow && !skipEndsTheFlow(reason)) await flow.scheduleNext(job, ruleSet);
    return reason === 'holdout' ? { kind: 'holdout' } : { kind: 'skipped', reason };
  };

  if (!ruleSet || !campaign || !step || !flow) return skip('campaign_disabled');
  // A redelivery of a decided step stops here, before its own message could defer it under the cap.
  const earlier = await deps.messages.find(job);
  if (earlier && earlier.state !== 'claimed') {
    await finishBookkeeping(deps, job, earlier.state, count, () => flow.scheduleNext(job, ruleSet));
    return { kind: 'duplicate' };
  }

  const cooldownMs = ms(campaign.reentryCooldown, 7 * DAY_MS);
  const [inspection, customer, switches, history] = await Promise.all([
    flow.inspect(job),
    deps.customers.read(job.customerId),
    deps.switches.states(job.campaignId),
    deps.messages.history(job.customerId, new Date(now.getTime() - Math.max(7 * DAY_MS, cooldownMs))),
  ]);
  // A concurrent delivery of this very step may already be sending; it must not cap itself.
  const others = history.filter(
    (message) =>
      !(
        message.campaignId === job.campaignId &&
        message.subjectKey === job.subjectKey &&
        message.step === job.step
      ),
  );
  const decision = decide(
    factsFor(job, now, ruleSet, campaign, step, {
      subject: inspection.check,
      customer,
      switches,
      history: others,
    }),
  );
  deps.log.debug('campaign step decided', {
    messageId,
    campaignId: job.campaignId,
    step: job.step,
    ...decision,
  });

  if (decision.action === 'defer') {
    await deps.scheduler.scheduleAt(
      deferralScheduleName(job, decision.at),
      decision.at,
      campaignStepScheduledJob(job),
    );
    await count({ skipped: { [decision.reason]: 1 } });
    return { kind: 'deferred', at: decision.at };
  }
  if (decision.action === 'skip') return skip(decision.reason);

  const claim = await deps.messages.claim(job, messageId, now);
  if (!claim.won) return { kind: 'duplicate' };
  const { owner } = claim;

  const refuse = async (reason: SkipReason): Promise<StepOutcome> => {
    await deps.messages.advance(job, owner, 'skipped', { reason });
    await count({ skipped: { [reason]: 1 } });
    await deps.bus.publish([messageSkipped(job, messageId, reason, now)]);
    await flow.scheduleNext(job, ruleSet);
    return { kind: 'skipped', reason };
  };
  const messageKey = `${job.customerId}#${claimSortKey(job)}`;
  let coupon: IssuedCoupon | undefined;
  try {
    const reservation = await deps.budget.reserveSend({
      ruleSet,
      campaignId: campaign.id,
      messageKey,
      at: now,
    });
    if (!reservation.ok) return refuse(reservation.reason);
    if (step.offer) {
      const issued = await deps.coupons.issue({
        ruleSet,
        campaignId: campaign.id,
        offerId: step.offer,
        customer: {
          customerId: job.customerId,
          locale: customer.profile?.locale,
          timeZone: customer.profile?.timeZone,
        },
        cart:
          inspection.email?.cart && job.subject.cartId
            ? { cartId: job.subject.cartId, ...inspection.email.cart }
            : undefined,
        ...inspection.coupon,
        at: now,
      });
      if (!issued.ok) {
        await deps.budget.releaseSend(messageKey);
        return refuse(issued.reason);
      }
      coupon = issued.coupon;
    }
  } catch (error) {
    await deps.messages.release(job, owner);
    throw error;
  }

  let raw: string;
  let subject: string;
  const profile = customer.profile!;
  try {
    const keyring = await deps.keyring.load();
    const token = signUnsubscribeToken(keyring, {
      customerId: job.customerId,
      scope: 'all',
      campaignId: campaign.id,
    });
    const unsubscribeUrl = `${deps.unsubscribeUrl}?token=${encodeURIComponent(token)}`;
    const link = (url: string) => withUtm(url, campaign.id, job.step);
    const cart = inspection.email?.cart;
    const rendered = renderEmail(
      {
        ...ruleSet,
        settings: {
          ...ruleSet.settings,
          shopUrl: ruleSet.settings.shopUrl && link(ruleSet.settings.shopUrl),
        },
      },
      step.template,
      profile.locale,
      {
        customer: { firstName: profile.firstName },
        timeZone: profile.timeZone,
        cart: cart && {
          ...cart,
          items: cart.items.map((item) => ({ ...item, url: item.url && link(item.url) })),
        },
        checkoutUrl: inspection.email?.checkoutUrl && link(inspection.email.checkoutUrl),
        coupon,
        unsubscribeUrl,
      },
    );
    subject = rendered.subject;
    raw = buildMime({
      from: { name: ruleSet.settings.sender.name, email: ruleSet.settings.sender.email },
      to: profile.email!,
      replyTo: ruleSet.settings.sender.replyTo,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: messageIdHeader(messageId, ruleSet.settings.sender.email),
      date: now,
      unsubscribeUrl,
      configurationSet: deps.configurationSet,
      tags: {
        campaign: campaign.id,
        step: String(job.step),
        customer: Buffer.from(job.customerId).toString('base64url'),
      },
    });
  } catch (error) {
    await deps.messages.release(job, owner);
    throw error;
  }

  await deps.messages.advance(job, owner, 'sending', {});
  let outcome: 'sent' | 'unknown' | 'failed';
  try {
    const result = await deps.mailer.send({
      messageId,
      campaignId: campaign.id,
      customerId: job.customerId,
      step: job.step,
      to: profile.email!,
      from: ruleSet.settings.sender.email,
      subject,
      raw,
    });
    await deps.messages.advance(job, owner, 'sent', {
      sentAt: now,
      providerMessageId: result.providerMessageId,
    });
    outcome = 'sent';
  } catch (error) {
    if (isNamed(error, 'SendRetryableError')) {
      // Nothing left this machine: give the claim back so the platform's retry may send.
      await deps.messages.release(job, owner);
      throw error;
    }
    // Only a refusal proves nothing was sent; anything else may have been delivered and is never repeated.
    outcome = isNamed(error, 'SendRefusedError') ? 'failed' : 'unknown';
    await deps.messages.advance(
      job,
      owner,
      outcome,
      outcome === 'unknown' ? { sentAt: now } : { reason: String(error) },
    );
    deps.log.warn('send did not complete', {
      messageId,
      outcome,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  if (outcome === 'failed') await deps.budget.releaseSend(messageKey);
  else await deps.budget.settleSend(messageKey);
  const entered = job.step === 1 && outcome !== 'failed' ? 1 : 0;
  const entrant = entered ? { entered: { customerId: job.customerId, group: 'treatment' as const } } : {};
  await count(
    outcome === 'sent'
      ? { sent: 1, treatmentEntered: entered, ...entrant }
      : {
          treatmentEntered: entered,
          ...entrant,
          skipped: { [outcome === 'failed' ? 'send_failed' : 'outcome_unknown']: 1 },
        },
  );
  await deps.bus.publish([
    outcome === 'failed'
      ? messageSkipped(job, messageId, 'send_failed', now)
      : messageSent(job, messageId, outcome, now, coupon?.code),
  ]);
  await flow.scheduleNext(job, ruleSet);
  return { kind: outcome };
};
