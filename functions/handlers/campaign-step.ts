import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeBus } from '../adapters/aws/eventbridge-bus.js';
import { awsEventBridgeScheduler } from '../adapters/aws/eventbridge-scheduler.js';
import { awsSesMailer } from '../adapters/aws/ses-mailer.js';
import { createCampaignStepHandler } from '../send/campaign-step.js';

/** EventBridge Scheduler delivers the scheduled job itself as the event. */
export const handler = createCampaignStepHandler(
  awsDeps(process.env, { mailer: awsSesMailer, scheduler: awsEventBridgeScheduler, bus: awsEventBridgeBus }),
);
