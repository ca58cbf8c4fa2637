import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { customerStatsSchema } from '../churn/customer-stats.js';
import { STATS_SK } from '../ingest/order.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { CampaignStepJob } from '../send/campaign-step-job.js';
import type { SubjectCheck } from '../send/decide.js';
import type { CampaignFlow } from '../send/step-ports.js';
import type { Deps } from '../shared/deps.js';
import type { WinBackEntry } from './entry.js';
import { entryOfJob, scheduleWinBackStep } from './winback-schedule.js';

/** The win-back gate: any order recorded since entry ends the journey, whatever its date. */
export const checkWinBack = (entry: Pick<WinBackEntry, 'ordersAtEntry'>, ordersNow: number): SubjectCheck =>
  ordersNow > entry.ordersAtEntry ? { ok: false, reason: 'ordered' } : { ok: true };

/** What win-back adds to the shared send pipeline: the "ordered since entry" gate and the next step. */
export const createWinBackFlow = ({
  db,
  tables,
  scheduler,
}: Pick<Deps, 'db' | 'tables'> & { scheduler: Scheduler }): CampaignFlow => ({
  async inspect(job: CampaignStepJob) {
    const entry = entryOfJob(job);
    const read = await db.send(
      new GetCommand({
        TableName: tables.customers,
        Key: { pk: job.customerId, sk: STATS_SK },
        ConsistentRead: true,
      }),
    );
    const stats = customerStatsSchema.safeParse(read.Item);
    const check = checkWinBack(entry, stats.success ? stats.data.orders : entry.ordersAtEntry);
    return { check, coupon: { period: entry.period, valueTier: entry.valueTier, riskBand: entry.riskBand } };
  },
  async scheduleNext(job, ruleSet) {
    const campaign = ruleSet.campaigns.find((candidate) => candidate.id === job.campaignId);
    const next = job.step + 1;
    if (!campaign || next > campaign.steps.length) return;
    await scheduleWinBackStep(scheduler, campaign, entryOfJob(job), next);
  },
});
