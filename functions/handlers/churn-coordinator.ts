import { awsDeps } from '../adapters/aws/aws-deps.js';
import { readAwsEnv } from '../adapters/aws/aws-env.js';
import { awsLambdaWorkerInvoker } from '../adapters/aws/lambda-invoke-worker.js';
import { createChurnCoordinatorHandler } from '../churn/scoring-coordinator.js';

/** Each scoring segment runs in its own churn-worker invocation, queued asynchronously. */
export const handler = createChurnCoordinatorHandler(awsDeps(), {
  invokeWorker: awsLambdaWorkerInvoker(readAwsEnv().CHURN_WORKER_FUNCTION_NAME),
});
