import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { InvokeWorker } from '../../churn/nightly-scoring.js';

export class WorkerInvokeError extends Error {
  override name = 'WorkerInvokeError';
}

/** Starts churn-worker asynchronously (Lambda retries it and keeps failures); resolves once Lambda queued it. */
export const createLambdaWorkerInvoker =
  ({ client, functionName }: { client: Pick<LambdaClient, 'send'>; functionName: string }): InvokeWorker =>
  async (job) => {
    const result = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(job)),
      }),
    );
    if (result.StatusCode !== 202) {
      throw new WorkerInvokeError(
        `churn-worker segment ${job.segment} was not queued (status ${result.StatusCode})`,
      );
    }
  };

/** churn-coordinator's invoker, with its own Lambda client (one per container). */
export const awsLambdaWorkerInvoker = (functionName: string): InvokeWorker =>
  createLambdaWorkerInvoker({ client: new LambdaClient({}), functionName });
