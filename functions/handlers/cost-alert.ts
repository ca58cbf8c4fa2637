import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { createCostAlertHandler } from '../switches/cost-alert.js';

/** Invoked by the SNS topic that AWS Budgets notifies; the factory reads the SNS event. */
export const handler = createCostAlertHandler(awsDeps(process.env, { bus: awsEventBridgeBus }));
