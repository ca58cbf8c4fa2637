import type { z } from 'zod';

/**
 * Parses the environment once, at cold start; a missing variable fails with its name. `jitless`:
 * zod would otherwise compile a parser for this object, which costs more than one parse saves.
 */
export const readEnv = <T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> => {
  const result = schema.safeParse(env, { jitless: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
};
