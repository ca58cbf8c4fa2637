import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { awsEventBridgeScheduler } from '../adapters/aws/eventbridge-scheduler.js';
import { createOrderEventsHandler } from '../ingest/order-events.js';

export const handler = createOrderEventsHandler(
  awsDeps(process.env, { scheduler: awsEventBridgeScheduler, bus: awsEventBridgeBus }),
);
