import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { awsEventBridgeScheduler } from '../adapters/aws/eventbridge-scheduler.js';
import { createChurnWorkerHandler } from '../churn/scoring-worker.js';

export const handler = createChurnWorkerHandler(
  awsDeps(process.env, { scheduler: awsEventBridgeScheduler, bus: awsEventBridgeBus }),
);
