import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createCustomerEventsHandler } from '../ingest/customer-events.js';

export const handler = createCustomerEventsHandler(awsDeps());
