import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createCampaignStepHandler } from '../send/campaign-step.js';

/** EventBridge Scheduler delivers the scheduled job itself as the event. */
export const handler = createCampaignStepHandler(awsDeps());
