import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createCartEventsHandler } from '../ingest/cart-events.js';

export const handler = createCartEventsHandler(awsDeps());
