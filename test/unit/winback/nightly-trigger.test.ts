import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createLambdaWorkerInvoker } from '../../../functions/adapters/aws/lambda-invoke-worker.js';
import { refitReason } from '../../../functions/churn/nightly-scoring.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { createNightlyScoring, nightlyInstants, parseTimeOfDay } from '../../../local/nightly-scoring.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const job = { segment: 2, totalSegments: 4, modelVersion: 3, runId: '2025-03-05T03:00:00.000Z' };

describe('the nightly scoring trigger', () => {
  it('finds every 03:00 UTC between two instants, the end included', () => {
    const instants = nightlyInstants(
      new Date('2025-03-01T09:00:00Z'),
      new Date('2025-03-04T03:00:00Z'),
      parseTimeOfDay('03:00'),
    );
    expect(instants.map((at) => at.toISOString())).toEqual([
      '2025-03-02T03:00:00.000Z',
      '2025-03-03T03:00:00.000Z',
      '2025-03-04T03:00:00.000Z',
    ]);
  });

  it('does not run again at the instant it starts from', () => {
    expect(nightlyInstants(new Date('2025-03-02T03:00:00Z'), new Date('2025-03-02T23:00:00Z'), 180)).toEqual(
      [],
    );
  });

  it('refuses a time of day that is not HH:MM', () => {
    expect(() => parseTimeOfDay('3am')).toThrow('HH:MM');
  });

  it('moves virtual time to each nightly instant, scores there, then goes on to the target', async () => {
    const clock = new VirtualClock(new Date('2025-03-01T09:00:00Z'));
    const steps: string[] = [];
    const nightly = createNightlyScoring({
      at: '03:00',
      clock,
      run: async (at) => void steps.push(`score ${at.toISOString()} at ${clock.now().toISOString()}`),
    });

    await nightly.advanceTo(new Date('2025-03-03T00:00:00Z'), async (to) => clock.set(to));

    expect(steps).toEqual(['score 2025-03-02T03:00:00.000Z at 2025-03-02T03:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2025-03-03T00:00:00.000Z');
  });

  it('refits when no model is stored or the stored one is more than 7 days old', () => {
    const stored = (fittedAt: string) => ({
      version: 4,
      fittedAt,
      method: 'heuristic' as const,
      reason: '',
      model: {} as never,
    });
    const now = new Date('2025-03-10T03:00:00Z');
    expect(refitReason(undefined, now)).toBe('no model stored yet');
    expect(refitReason(stored('2025-03-03T03:00:00Z'), now)).toBeUndefined();
    expect(refitReason(stored('2025-03-03T02:59:59Z'), now)).toMatch(/more than 7 days ago/);
  });
});

describe('the AWS worker invoker', () => {
  it('starts one churn-worker asynchronously with the segment job as payload', async () => {
    const lambda = mockClient(LambdaClient);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const invoke = createLambdaWorkerInvoker({
      client: new LambdaClient({ region: 'eu-central-1' }),
      functionName: 'nudge-dev-churn-worker',
    });

    await invoke(job);

    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call!.args[0].input).toMatchObject({
      FunctionName: 'nudge-dev-churn-worker',
      InvocationType: 'Event',
    });
    expect(JSON.parse(new TextDecoder().decode(call!.args[0].input.Payload as Uint8Array))).toEqual(job);
  });

  it('fails the run when Lambda did not queue the worker, so the schedule retries it', async () => {
    const lambda = mockClient(LambdaClient);
    lambda.on(InvokeCommand).resolves({ StatusCode: 500 });
    const invoke = createLambdaWorkerInvoker({
      client: new LambdaClient({ region: 'eu-central-1' }),
      functionName: 'w',
    });

    await expect(invoke(job)).rejects.toThrow('churn-worker segment 2 was not queued');
  });
});
