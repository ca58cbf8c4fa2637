import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeScheduler } from '../adapters/aws/eventbridge-scheduler.js';
import { createCartEventsHandler } from '../ingest/cart-events.js';

export const handler = createCartEventsHandler(awsDeps(process.env, { scheduler: awsEventBridgeScheduler }));
