import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createOrderEventsHandler } from '../ingest/order-events.js';

export const handler = createOrderEventsHandler(awsDeps());
