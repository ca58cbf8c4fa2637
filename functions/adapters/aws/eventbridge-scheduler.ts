import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduledJob, Scheduler } from '../../ports/scheduler.js';
import type { Clock } from '../../shared/clock.js';
import type { AwsEnv } from './aws-env.js';
import { atExpression } from './schedule-expression.js';
import { scheduleName } from './schedule-name.js';

export interface EventBridgeSchedulerOptions {
  client: Pick<SchedulerClient, 'send'>;
  clock: Clock;
  groupName: string;
  /** The role EventBridge Scheduler assumes to invoke the target function. */
  roleArn: string;
  targetArns: Record<ScheduledJob['kind'], string>;
  deadLetterQueueArn: string;
}

/** A job due now or in the past still needs a time Scheduler accepts as upcoming. */
const MIN_LEAD_MS = 60_000;
const MAX_EVENT_AGE_SECONDS = 24 * 60 * 60;
const MAX_RETRY_ATTEMPTS = 185;

/** One-time EventBridge Scheduler schedules that delete themselves after they fire. */
export const createEventBridgeScheduler = (options: EventBridgeSchedulerOptions): Scheduler => ({
  async scheduleAt(name: string, at: Date, job: ScheduledJob) {
    const earliest = options.clock.now().getTime() + MIN_LEAD_MS;
    const fireAt = at.getTime() < earliest ? new Date(earliest) : at;
    try {
      await options.client.send(
        new CreateScheduleCommand({
          Name: scheduleName(name),
          GroupName: options.groupName,
          ScheduleExpression: atExpression(fireAt),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: options.targetArns[job.kind],
            RoleArn: options.roleArn,
            Input: JSON.stringify(job),
            RetryPolicy: {
              MaximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS,
              MaximumRetryAttempts: MAX_RETRY_ATTEMPTS,
            },
            DeadLetterConfig: { Arn: options.deadLetterQueueArn },
          },
        }),
      );
    } catch (error) {
      // The name is the business key: an existing schedule is the one we meant to create.
      if (!(error instanceof ConflictException)) throw error;
    }
  },

  async cancel(name: string) {
    try {
      await options.client.send(
        new DeleteScheduleCommand({ Name: scheduleName(name), GroupName: options.groupName }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  },
});

/** The scheduler of a Lambda that schedules jobs, with its own Scheduler client (one per container). */
export const awsEventBridgeScheduler = (config: AwsEnv, clock: Clock): Scheduler =>
  createEventBridgeScheduler({
    client: new SchedulerClient({}),
    clock,
    groupName: config.SCHEDULE_GROUP_NAME,
    roleArn: config.SCHEDULER_ROLE_ARN,
    targetArns: {
      'campaign-step': config.CAMPAIGN_STEP_FUNCTION_ARN,
      'coupon-expiry': config.COUPON_EXPIRY_FUNCTION_ARN,
    },
    deadLetterQueueArn: config.SCHEDULE_DEAD_LETTER_QUEUE_ARN,
  });
