import type { z } from 'zod';
import { UserInputError } from './user-errors.js';

/**
 * Validates a mutation input with a zod model. Failures become userErrors with `code` (one per
 * module, e.g. TASK_INVALID_INPUT) and `field` = ["input", ...path], so a client can place each
 * message next to its form field.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UserInputError(
    result.error.issues.map((issue) => ({
      code,
      field: ['input', ...issue.path.map((part) => (typeof part === 'symbol' ? part.toString() : part))],
      message: issue.message,
    })),
  );
}
