import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../shared/zod.js';
import { createDocumentClient } from '../store/dynamo.js';
import { localTableNames } from '../store/tables.js';

const envSchema = z.object({
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  NUDGE_TABLE_PREFIX: z._default(z.string().check(z.minLength(1)), 'nudge-local'),
  TABLE_CONTROL: z.optional(z.string().check(z.minLength(1))),
  AWS_REGION: z.optional(z.string()),
});

export class ControlTableConfigError extends Error {
  override name = 'ControlTableConfigError';
}

/**
 * Where the CLI finds the control table: DYNAMODB_ENDPOINT (+ NUDGE_TABLE_PREFIX) for
 * DynamoDB Local, or TABLE_CONTROL for the real table in AWS (credentials from the usual chain).
 */
export const controlTableFromEnv = (
  env: NodeJS.ProcessEnv = process.env,
): { db: DynamoDBDocumentClient; tableName: string } => {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success)
    throw new ControlTableConfigError(
      `Invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
    );
  const { DYNAMODB_ENDPOINT, NUDGE_TABLE_PREFIX, TABLE_CONTROL, AWS_REGION } = parsed.data;
  if (DYNAMODB_ENDPOINT) {
    return {
      db: createDocumentClient({
        endpoint: DYNAMODB_ENDPOINT,
        region: AWS_REGION ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      tableName: TABLE_CONTROL ?? localTableNames(NUDGE_TABLE_PREFIX).control,
    };
  }
  if (TABLE_CONTROL) return { db: createDocumentClient({}), tableName: TABLE_CONTROL };
  throw new ControlTableConfigError(
    'Set DYNAMODB_ENDPOINT (e.g. http://127.0.0.1:8000 for DynamoDB Local) or TABLE_CONTROL (the control table in AWS)',
  );
};
