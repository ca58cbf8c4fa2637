import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeScheduler } from '../../../functions/adapters/aws/eventbridge-scheduler.js';
import { scheduleName } from '../../../functions/adapters/aws/schedule-name.js';
import type { ScheduledJob } from '../../../functions/ports/scheduler.js';
import { VirtualClock } from '../../../functions/shared/clock.js';

const schedulerClient = mockClient(SchedulerClient);
const now = new Date('2025-03-01T10:00:00.000Z');

const targets = {
  'campaign-step': 'arn:aws:lambda:eu-west-1:111122223333:function:nudge-dev-campaign-step',
  'coupon-expiry': 'arn:aws:lambda:eu-west-1:111122223333:function:nudge-dev-coupon-expiry',
};

const scheduler = () =>
  createEventBridgeScheduler({
    client: new SchedulerClient({}),
    clock: new VirtualClock(now),
    groupName: 'nudge-dev',
    roleArn: 'arn:aws:iam::111122223333:role/scheduler',
    targetArns: targets,
    deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:111122223333:schedule-failures',
  });

const job: ScheduledJob = {
  kind: 'campaign-step',
  payload: { campaignId: 'cart-recall', cartId: 'cart-9', step: 2 },
};

describe('EventBridge Scheduler adapter', () => {
  beforeEach(() => {
    schedulerClient.reset();
  });

  it('creates a one-time UTC schedule that invokes the job’s function with the job and then deletes itself', async () => {
    schedulerClient.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await scheduler().scheduleAt('cart-recall.cart-9.step-2', new Date('2025-03-01T14:00:00.000Z'), job);

    const [call] = schedulerClient.commandCalls(CreateScheduleCommand);
    expect(call!.args[0].input).toEqual({
      Name: 'cart-recall.cart-9.step-2',
      GroupName: 'nudge-dev',
      ScheduleExpression: 'at(2025-03-01T14:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: targets['campaign-step'],
        RoleArn: 'arn:aws:iam::111122223333:role/scheduler',
        Input: JSON.stringify(job),
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:111122223333:schedule-failures' },
      },
    });
  });

  it('targets the coupon-expiry function for a coupon-expiry job', async () => {
    schedulerClient.on(CreateScheduleCommand).resolves({});

    await scheduler().scheduleAt('coupon.K7QM', new Date('2025-03-04T10:00:00Z'), {
      kind: 'coupon-expiry',
      payload: {},
    });

    expect(schedulerClient.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target?.Arn).toBe(
      targets['coupon-expiry'],
    );
  });

  it('rounds a time with milliseconds up to the next second, so the job never wakes early', async () => {
    schedulerClient.on(CreateScheduleCommand).resolves({});

    await scheduler().scheduleAt('job', new Date('2025-03-01T14:00:00.250Z'), job);

    expect(schedulerClient.commandCalls(CreateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe(
      'at(2025-03-01T14:00:01)',
    );
  });

  it('schedules a job that is already due one minute from now instead of in the past', async () => {
    schedulerClient.on(CreateScheduleCommand).resolves({});

    await scheduler().scheduleAt('late-job', new Date('2025-03-01T09:00:00Z'), job);

    expect(schedulerClient.commandCalls(CreateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe(
      'at(2025-03-01T10:01:00)',
    );
  });

  it('uses a safe deterministic name when the business key has characters Scheduler refuses', async () => {
    schedulerClient.on(CreateScheduleCommand).resolves({});
    const key = 'campaign:win-back/customer:ada@example.com/period:2025-03';

    await scheduler().scheduleAt(key, new Date('2025-03-02T00:00:00Z'), job);

    expect(schedulerClient.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Name).toBe(
      scheduleName(key),
    );
  });

  it('treats an existing schedule of the same name as already done', async () => {
    schedulerClient
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));

    await expect(
      scheduler().scheduleAt('job', new Date('2025-03-02T00:00:00Z'), job),
    ).resolves.toBeUndefined();
  });

  it('passes on any other failure so the platform retries', async () => {
    const refusal = new ValidationException({ Message: 'bad', message: 'bad', $metadata: {} });
    schedulerClient.on(CreateScheduleCommand).rejects(refusal);

    await expect(scheduler().scheduleAt('job', new Date('2025-03-02T00:00:00Z'), job)).rejects.toBe(refusal);
  });

  it('deletes a schedule by the same safe name in the same group', async () => {
    schedulerClient.on(DeleteScheduleCommand).resolves({});
    const key = 'recall/cart 9/step 3';

    await scheduler().cancel(key);

    expect(schedulerClient.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toEqual({
      Name: scheduleName(key),
      GroupName: 'nudge-dev',
    });
  });

  it('treats cancelling a schedule that is gone as done', async () => {
    schedulerClient
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ Message: 'not found', message: 'not found', $metadata: {} }));

    await expect(scheduler().cancel('fired-already')).resolves.toBeUndefined();
  });
});
