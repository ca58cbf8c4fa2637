import type { NudgeEvent } from '../events/nudge-events.js';
import type { CampaignStepJob } from './campaign-step-job.js';
import type { SkipReason } from './skip-reasons.js';

const about = (job: CampaignStepJob, messageId: string) => ({
  messageId,
  campaignId: job.campaignId,
  customerId: job.customerId,
  step: job.step,
  subjectKey: job.subjectKey,
  flow: job.flow,
});

/** `outcome: 'unknown'` when SES's answer was lost: the message may have gone out and is never repeated. */
export const messageSent = (
  job: CampaignStepJob,
  messageId: string,
  outcome: 'sent' | 'unknown',
  at: Date,
  couponCode?: string,
): NudgeEvent => ({
  detailType: 'Message Sent',
  detail: {
    ...about(job, messageId),
    outcome,
    sentAt: at.toISOString(),
    ...(couponCode ? { couponCode } : {}),
  },
});

export const messageSkipped = (
  job: CampaignStepJob,
  messageId: string,
  reason: SkipReason,
  at: Date,
): NudgeEvent => ({
  detailType: 'Message Skipped',
  detail: { ...about(job, messageId), reason, decidedAt: at.toISOString() },
});
