import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsDeps } from '../adapters/aws/aws-deps.js';
import { readAwsEnv } from '../adapters/aws/aws-env.js';
import { createLambdaWorkerInvoker } from '../adapters/aws/lambda-invoke-worker.js';
import { createChurnCoordinatorHandler } from '../churn/scoring-coordinator.js';

/** Each scoring segment runs in its own churn-worker invocation, queued asynchronously. */
export const handler = createChurnCoordinatorHandler(awsDeps(), {
  invokeWorker: createLambdaWorkerInvoker({
    client: new LambdaClient({}),
    functionName: readAwsEnv().CHURN_WORKER_FUNCTION_NAME,
  }),
});
