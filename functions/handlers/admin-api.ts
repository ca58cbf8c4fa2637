import { awsDeps } from '../adapters/aws/aws-deps.js';
import { httpApiHandler } from '../adapters/aws/http-api-event.js';
import { createAdminApiHandler } from '../admin/admin-api.js';

export const handler = httpApiHandler(createAdminApiHandler(awsDeps()));
