import type { Consent } from '../events/shop-events.js';
import { earliestUnderCap, type FrequencyCap } from './frequency-cap.js';
import { isInHoldout } from './holdout.js';
import { endOfQuietHours, type QuietHours } from './quiet-hours.js';
import type { DeferReason, SkipReason } from './skip-reasons.js';

export type Decision =
  | { action: 'send'; reason: 'eligible' }
  | { action: 'skip'; reason: SkipReason }
  | { action: 'defer'; reason: DeferReason; at: Date };

export type SwitchState = 'active' | 'paused' | 'killed' | 'unknown';

/** What the flow's own gates found about the subject (the cart, for cart recall). */
export type SubjectCheck = { ok: true } | { ok: false; reason: SkipReason };

/** One earlier message to this customer (any campaign), as the messages table keeps it. */
export interface PastMessage {
  campaignId: string;
  subjectKey: string;
  step: number;
  state: 'sent' | 'unknown' | 'sending' | 'holdout' | 'failed';
  at: Date;
}

/** Everything the gates read, gathered right before the decision. */
export interface DecisionFacts {
  now: Date;
  customerId: string;
  /** When this step first fell due; deferrals do not move it. */
  dueAt: Date;
  step: number;
  subjectKey: string;
  subject: SubjectCheck;
  customer?: {
    email?: string;
    timeZone?: string;
    consent?: Pick<Consent, 'email' | 'source'>;
    unsubscribedCampaigns: readonly string[];
    suppressed: boolean;
  };
  campaign: {
    id: string;
    enabled: boolean;
    holdoutPercent: number;
    reentryCooldownMs: number;
    /** How long after `dueAt` the step is still worth sending. */
    staleAfterMs: number;
  };
  switches: { global: SwitchState; channel: SwitchState; campaign: SwitchState };
  history: readonly PastMessage[];
  settings: { frequencyCap: FrequencyCap; quietHours: QuietHours; timeZone: string };
}

type Gate = (facts: DecisionFacts) => Decision | undefined;

const skip = (reason: SkipReason): Decision => ({ action: 'skip', reason });

const countsTowardsCap = (message: PastMessage): boolean =>
  message.state === 'sent' || message.state === 'unknown' || message.state === 'sending';

/** Cap and quiet hours push each other on (a deferral may land in quiet hours and vice versa). */
const earliestAllowed = (facts: DecisionFacts): { at: Date; reason?: DeferReason } => {
  const sent = facts.history.filter(countsTowardsCap).map((message) => message.at);
  const timeZone = facts.customer?.timeZone ?? facts.settings.timeZone;
  let at = facts.now;
  let reason: DeferReason | undefined;
  for (let round = 0; round < 20; round += 1) {
    const capped = earliestUnderCap(sent, at, facts.settings.frequencyCap);
    const quiet = endOfQuietHours(capped, timeZone, facts.settings.quietHours);
    if (capped.getTime() > at.getTime()) reason ??= 'frequency_cap';
    if (quiet.getTime() > capped.getTime()) reason ??= 'quiet_hours';
    if (quiet.getTime() === at.getTime()) break;
    at = quiet;
  }
  return { at, reason };
};

/** The gates in the order the issue fixes; the first that objects decides. Budget comes after, as a write. */
export const gates: ReadonlyArray<{ name: string; check: Gate }> = [
  { name: 'subject', check: (facts) => (facts.subject.ok ? undefined : skip(facts.subject.reason)) },
  {
    name: 'consent',
    check: ({ customer }) => {
      if (!customer?.email) return skip('unknown_customer');
      const consent = customer.consent;
      if (consent?.email === 'withdrawn' && consent.source === 'unsubscribe') return skip('unsubscribed');
      if (consent?.email !== 'opted_in' && consent?.email !== 'soft_opt_in') return skip('no_consent');
      return undefined;
    },
  },
  {
    name: 'suppression',
    check: ({ customer, campaign }) => {
      if (customer?.suppressed) return skip('suppressed');
      if (customer?.unsubscribedCampaigns.includes(campaign.id)) return skip('unsubscribed');
      return undefined;
    },
  },
  {
    name: 'switches',
    check: ({ campaign, switches }) => {
      if (!campaign.enabled) return skip('campaign_disabled');
      // A missing or unreadable switch means stop.
      if (switches.global !== 'active') return skip('global_switch_off');
      if (switches.channel !== 'active') return skip('channel_switch_off');
      if (switches.campaign !== 'active') return skip('campaign_switch_off');
      return undefined;
    },
  },
  {
    name: 'holdout',
    check: (facts) =>
      isInHoldout(facts.customerId, facts.campaign.id, facts.campaign.holdoutPercent)
        ? skip('holdout')
        : undefined,
  },
  {
    name: 'frequency cap and quiet hours',
    check: (facts) => {
      const staleAt = facts.dueAt.getTime() + facts.campaign.staleAfterMs;
      const allowed = earliestAllowed(facts);
      if (allowed.at.getTime() > staleAt) return skip('stale');
      return allowed.reason ? { action: 'defer', reason: allowed.reason, at: allowed.at } : undefined;
    },
  },
  {
    name: 're-entry cooldown',
    check: ({ step, history, campaign, subjectKey, now }) => {
      if (step !== 1) return undefined;
      const since = now.getTime() - campaign.reentryCooldownMs;
      const recentEntry = history.some(
        (message) =>
          message.campaignId === campaign.id &&
          message.subjectKey !== subjectKey &&
          message.step === 1 &&
          message.at.getTime() > since,
      );
      return recentEntry ? skip('cooldown') : undefined;
    },
  },
];

/** Runs the gates; `send` means every gate passed and the budget may now be reserved. */
export const decide = (facts: DecisionFacts): Decision => {
  for (const gate of gates) {
    const decision = gate.check(facts);
    if (decision) return decision;
  }
  return { action: 'send', reason: 'eligible' };
};
