import { readEnv } from '../../shared/env.js';
import * as z from '../../shared/zod.js';
import { type TableId, type TableNames, tableEnvVar, tableIds } from '../../store/tables.js';

type TableEnvVar = `TABLE_${Uppercase<TableId>}`;

// One instance per kind of value, shared by the fields: each zod schema built is paid at cold start.
const name = z.string().check(z.minLength(1));
const arn = z.string().check(z.startsWith('arn:'));

const tableShape = Object.fromEntries(tableIds.map((id) => [tableEnvVar(id), name])) as Record<
  TableEnvVar,
  z.ZodMiniString
>;

/**
 * Every variable a nudge Lambda reads, parsed once at cold start. The stack sets all of them on
 * every function (names and ARNs are not secrets); what a function may do is decided by its role.
 */
export const awsEnvSchema = z.object({
  ...tableShape,
  EVENT_BUS_NAME: name,
  SES_CONFIGURATION_SET: name,
  SCHEDULE_GROUP_NAME: name,
  SCHEDULER_ROLE_ARN: arn,
  SCHEDULE_DEAD_LETTER_QUEUE_ARN: arn,
  CAMPAIGN_STEP_FUNCTION_ARN: arn,
  COUPON_EXPIRY_FUNCTION_ARN: arn,
  CHURN_WORKER_FUNCTION_NAME: name,
  UNSUBSCRIBE_URL: z.url(),
  UNSUBSCRIBE_SECRET_ARN: arn,
});
export type AwsEnv = z.infer<typeof awsEnvSchema>;

export const readAwsEnv = (env: NodeJS.ProcessEnv = process.env): AwsEnv => readEnv(awsEnvSchema, env);
export type AwsEnvName = keyof AwsEnv;

export const tableNamesFromEnv = (env: AwsEnv): TableNames =>
  Object.fromEntries(tableIds.map((id) => [id, env[tableEnvVar(id) as TableEnvVar]])) as TableNames;
