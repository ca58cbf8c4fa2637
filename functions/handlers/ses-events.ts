import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { createSesEventsHandler } from '../deliverability/ses-events.js';

export const handler = createSesEventsHandler(awsDeps(process.env, { bus: awsEventBridgeBus }));
