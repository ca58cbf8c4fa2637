import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESClient } from '@aws-sdk/client-ses';
import { systemClock } from '../../shared/clock.js';
import type { Deps } from '../../shared/deps.js';
import { createLogger } from '../../shared/logger.js';
import { createDocumentClient } from '../../store/dynamo.js';
import { readAwsEnv, tableNamesFromEnv } from './aws-env.js';
import { createEventBridgeBus } from './eventbridge-bus.js';
import { createEventBridgeScheduler } from './eventbridge-scheduler.js';
import { createSesMailer } from './ses-mailer.js';

/**
 * The `Deps` of a Lambda, built from its environment. Entry points call it once, at module
 * scope, so the SDK clients live as long as the container.
 */
export const awsDeps = (env: NodeJS.ProcessEnv = process.env): Deps => {
  const config = readAwsEnv(env);
  const clock = systemClock;
  return {
    db: createDocumentClient(),
    tables: tableNamesFromEnv(config),
    mailer: createSesMailer({
      // A retry after a timeout could deliver the same message twice; the pipeline records `unknown` instead.
      client: new SESClient({
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
      }),
      configurationSetName: config.SES_CONFIGURATION_SET,
    }),
    scheduler: createEventBridgeScheduler({
      client: new SchedulerClient({}),
      clock,
      groupName: config.SCHEDULE_GROUP_NAME,
      roleArn: config.SCHEDULER_ROLE_ARN,
      targetArns: {
        'campaign-step': config.CAMPAIGN_STEP_FUNCTION_ARN,
        'coupon-expiry': config.COUPON_EXPIRY_FUNCTION_ARN,
      },
      deadLetterQueueArn: config.SCHEDULE_DEAD_LETTER_QUEUE_ARN,
    }),
    bus: createEventBridgeBus({ client: new EventBridgeClient({}), eventBusName: config.EVENT_BUS_NAME }),
    clock,
    log: createLogger('nudge'),
    unsubscribeUrl: config.UNSUBSCRIBE_URL,
  };
};
