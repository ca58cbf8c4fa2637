import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { httpApiHandler } from '../adapters/aws/http-api-event.js';
import { createAdminApiHandler } from '../admin/admin-api.js';

export const handler = httpApiHandler(
  createAdminApiHandler(awsDeps(process.env, { bus: awsEventBridgeBus })),
);
