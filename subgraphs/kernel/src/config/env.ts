import { z } from 'zod';

/** Raised at start-up when the environment is incomplete or malformed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses one concern of the environment (database, redis, auth, …) with its zod model and fails
 * fast with every problem listed, so a misconfigured process never half-starts.
 */
export function parseEnv<S extends z.ZodType>(concern: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `  - ${variable}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid ${concern} configuration:\n${problems.join('\n')}`);
}

/** A positive integer read from a string variable, with a default. */
export const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** "true"/"1"/"yes" → true; anything else → false; unset → the default. */
export const boolFromEnv = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value.toLowerCase())));
