import * as z from './zod.js';

/**
 * Parses the environment once, at cold start; a missing variable fails with its name. `jitless`:
 * zod would otherwise compile a parser for this object, which costs more than one parse saves.
 */
export const readEnv = <T extends z.core.$ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.output<T> => {
  const result = z.safeParse(schema, env, { jitless: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
};
