import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { createGuardHandler } from '../guard/guard.js';

export const handler = createGuardHandler(awsDeps(process.env, { bus: awsEventBridgeBus }));
