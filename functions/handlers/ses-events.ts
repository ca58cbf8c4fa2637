import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createSesEventsHandler } from '../deliverability/ses-events.js';

export const handler = createSesEventsHandler(awsDeps());
