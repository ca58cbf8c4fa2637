import { z } from 'zod';

const booleanFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

/** What `-c key=value` (or cdk.json's `context`) may set; the CLI passes every value as a string. */
export const stackContextSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage: lower-case letters, digits and dashes, starting with a letter')
    .default('dev'),
  senderAddress: z.email('senderAddress: the address nudge sends from, e.g. news@shop.example'),
  churnSchedule: z
    .string()
    .regex(/^(cron|rate)\(.+\)$/, 'churnSchedule: an EventBridge cron(...) or rate(...)')
    .default('cron(0 3 * * ? *)'),
  awsCostBudgetUsd: z.coerce.number().int().positive().optional(),
  awsCostBudgetThresholdPercent: z.coerce.number().positive().max(1000).default(100),
  unsubscribeUrl: z.url().optional(),
  retainData: booleanFlag.optional(),
  apiRateLimit: z.coerce.number().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
  /** Test-only: skip esbuild and use placeholder code, so template tests stay fast. */
  placeholderCode: booleanFlag.default(false),
});
export type StackContext = z.infer<typeof stackContextSchema>;

export const contextKeys = Object.keys(stackContextSchema.shape) as Array<keyof StackContext>;

export const parseStackContext = (values: Record<string, unknown>): StackContext => {
  const result = stackContextSchema.safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid CDK context (set with -c key=value): ${problems.join('; ')}`);
  }
  return result.data;
};
