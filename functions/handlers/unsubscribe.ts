import { awsDeps } from '../adapters/aws/aws-deps.js';
import { httpApiHandler } from '../adapters/aws/http-api-event.js';
import { createUnsubscribeHandler } from '../unsubscribe/unsubscribe-handler.js';

export const handler = httpApiHandler(createUnsubscribeHandler(awsDeps()));
