import { createHash } from 'node:crypto';
import type { Scheduler } from '../ports/scheduler.js';
import { type Campaign, durationToMs } from '../rules/schema/index.js';
import { type CampaignStepJob, campaignStepScheduledJob } from '../send/campaign-step-job.js';
import { type WinBackEntry, winBackEntrySchema, winBackSubjectKey } from './entry.js';

/** One schedule per (campaign, customer, period, step): scheduling it again is a no-op. */
export const winBackScheduleName = (
  entry: Pick<WinBackEntry, 'customerId' | 'entryId'>,
  step: number,
): string =>
  `winback-${createHash('sha256').update(`${entry.customerId}\u0000${entry.entryId}`).digest('hex').slice(0, 40)}-s${step}`;

/** Every step's delay counts from entry (the scoring run), e.g. P0D, P7D, P21D. */
export const winBackDueAt = (
  campaign: Pick<Campaign, 'steps'>,
  entry: Pick<WinBackEntry, 'enteredAt'>,
  step: number,
) => new Date(Date.parse(entry.enteredAt) + (durationToMs(campaign.steps[step - 1]?.delay ?? 'P0D') ?? 0));

/** The job carries the whole entry (as strings), so a step needs no extra read to know its journey. */
export const winBackJob = (
  campaign: Pick<Campaign, 'id' | 'steps'>,
  entry: WinBackEntry,
  step: number,
): CampaignStepJob => ({
  flow: 'win_back',
  campaignId: campaign.id,
  customerId: entry.customerId,
  subjectKey: winBackSubjectKey(entry.period),
  step,
  dueAt: winBackDueAt(campaign, entry, step).toISOString(),
  ruleVersion: entry.ruleVersion,
  subject: Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, String(value)])),
});

/** The entry a win-back job was scheduled for; throws (a permanent error) if the job is not one. */
export const entryOfJob = (job: Pick<CampaignStepJob, 'subject'>): WinBackEntry => {
  const { subject } = job;
  return winBackEntrySchema.parse({
    ...subject,
    ruleVersion: Number(subject.ruleVersion),
    ordersAtEntry: Number(subject.ordersAtEntry),
    modelVersion: Number(subject.modelVersion),
  });
};

export const scheduleWinBackStep = async (
  scheduler: Scheduler,
  campaign: Pick<Campaign, 'id' | 'steps'>,
  entry: WinBackEntry,
  step: number,
): Promise<void> => {
  const job = winBackJob(campaign, entry, step);
  await scheduler.scheduleAt(
    winBackScheduleName(entry, step),
    new Date(job.dueAt),
    campaignStepScheduledJob(job),
  );
};
