import type { ScheduledJob } from '../ports/scheduler.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

/** The payload of a `campaign-step` schedule: one step of one campaign for one customer and subject. */
export const campaignStepJobSchema = lazy(() =>
  z.object({
    flow: z.enum(['cart_recall', 'win_back']),
    campaignId: z.string().check(z.minLength(1)),
    customerId: z.string().check(z.minLength(1)),
    /** What the messages are about, e.g. `<cartId>#<cart version>`; part of the send-once key. */
    subjectKey: z.string().check(z.minLength(1)),
    /** 1-based. */
    step: z.number().check(z.int(), z.positive()),
    /** When the step first fell due; a deferral keeps it, so `staleAfter` counts from here. */
    dueAt: z.iso.datetime({ offset: true }),
    /** The rule version the journey started with. */
    ruleVersion: z.number().check(z.int(), z.nonnegative()),
    /** Flow-specific facts, e.g. cartId and cart version. */
    subject: z.record(z.string(), z.string()),
  }),
);
export type CampaignStepJob = z.infer<ReturnType<typeof campaignStepJobSchema>>;

export const campaignStepScheduledJob = (job: CampaignStepJob): ScheduledJob => ({
  kind: 'campaign-step',
  payload: job,
});

/** The send-once business key: (campaign, customer, subject, step). */
export const claimSortKey = (job: Pick<CampaignStepJob, 'campaignId' | 'subjectKey' | 'step'>): string =>
  `claim#${job.campaignId}#${job.subjectKey}#${job.step}`;
