import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Bus } from '../ports/bus.js';
import type { Mailer } from '../ports/mailer.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { TableNames } from '../store/tables.js';
import type { Clock } from './clock.js';
import type { Log } from './logger.js';

/**
 * What a handler factory receives. Lambda entry points build it from AWS clients at module
 * scope; the local runtime builds it from DynamoDB Local, the outbox and the timer queue.
 * Cores take only the narrow part they use.
 */
export interface Deps {
  db: DynamoDBDocumentClient;
  tables: TableNames;
  mailer: Mailer;
  scheduler: Scheduler;
  bus: Bus;
  clock: Clock;
  log: Log;
  /** Base URL of the public unsubscribe endpoint, e.g. https://example.com/unsubscribe */
  unsubscribeUrl: string;
  /** The Secrets Manager secret holding the unsubscribe keys, in AWS; locally they are in the control table. */
  unsubscribeSecretArn?: string;
}
