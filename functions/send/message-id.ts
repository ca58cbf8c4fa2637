import { createHash } from 'node:crypto';
import { type CampaignStepJob, claimSortKey } from './campaign-step-job.js';

/** Derived from the send-once key, so every retry of one step builds the same message. */
export const messageIdFor = (job: CampaignStepJob): string =>
  createHash('sha256')
    .update(`${job.customerId}\u0000${claimSortKey(job)}`)
    .digest('hex')
    .slice(0, 32);

/** The `Message-ID` header value (without brackets), in the sender's domain. */
export const messageIdHeader = (messageId: string, senderEmail: string): string =>
  `${messageId}@${senderEmail.split('@')[1] ?? 'nudge.invalid'}`;

/** A deterministic schedule name for a deferral of this step to `at`. */
export const deferralScheduleName = (job: CampaignStepJob, at: Date): string =>
  `defer-${messageIdFor(job).slice(0, 24)}-${at.getTime().toString(36)}`;
