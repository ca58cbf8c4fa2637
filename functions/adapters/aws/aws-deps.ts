import type { Bus } from '../../ports/bus.js';
import type { Mailer } from '../../ports/mailer.js';
import type { Scheduler } from '../../ports/scheduler.js';
import { type Clock, systemClock } from '../../shared/clock.js';
import type { Deps } from '../../shared/deps.js';
import { createLogger } from '../../shared/logger.js';
import { createDocumentClient } from '../../store/dynamo.js';
import { type AwsEnv, readAwsEnv, tableNamesFromEnv } from './aws-env.js';
import { busNotGranted, mailerNotGranted, schedulerNotGranted } from './not-granted.js';

/**
 * The AWS adapters one function uses, matching what its `FunctionSpec` grants (`sendsEmail`,
 * `schedules`, `publishesEvents`). Each entry imports only these, so a bundle carries no SDK
 * client its function cannot call.
 */
export interface AwsPorts {
  mailer?: (config: AwsEnv) => Mailer;
  scheduler?: (config: AwsEnv, clock: Clock) => Scheduler;
  bus?: (config: AwsEnv) => Bus;
}

/**
 * The `Deps` of a Lambda, built from its environment. Entry points call it once, at module
 * scope, so the SDK clients live as long as the container.
 */
export const awsDeps = (env: NodeJS.ProcessEnv = process.env, ports: AwsPorts = {}): Deps => {
  const config = readAwsEnv(env);
  const clock = systemClock;
  return {
    db: createDocumentClient(),
    tables: tableNamesFromEnv(config),
    mailer: ports.mailer?.(config) ?? mailerNotGranted,
    scheduler: ports.scheduler?.(config, clock) ?? schedulerNotGranted,
    bus: ports.bus?.(config) ?? busNotGranted,
    clock,
    log: createLogger('nudge'),
    unsubscribeUrl: config.UNSUBSCRIBE_URL,
    unsubscribeSecretArn: config.UNSUBSCRIBE_SECRET_ARN,
  };
};
