import { z } from 'zod';
import type { Language } from '../i18n/locales.js';
import { requestTranslator } from '../i18n/reader.js';
import { zodMessageOf } from '../i18n/zod-message.js';
import { UserInputError } from './user-errors.js';

/** Zod's own issue messages per catalog language (`z.locales`), made once. */
const ZOD_LOCALES: Record<Language, () => { localeError: z.core.$ZodErrorMap }> = { en: z.locales.en, de: z.locales.de };
const zodErrorMaps = new Map<Language, z.core.$ZodErrorMap>();

function zodErrorMap(language: Language): z.core.$ZodErrorMap {
  let map = zodErrorMaps.get(language);
  if (!map) {
    map = ZOD_LOCALES[language]().localeError;
    zodErrorMaps.set(language, map);
  }
  return map;
}

/** `schema.safeParse(input)` with zod's built-in messages in the reader's language (custom messages win, as in zod). */
export function safeParseForReader<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(input, { error: zodErrorMap(requestTranslator().language) });
}

/** An issue's message for the reader: a zodMessage marker translated, anything else as zod made it. */
export function readerIssueMessage(issue: z.core.$ZodIssue): string {
  const found = zodMessageOf(issue.message);
  return found ? requestTranslator().t(found.message, found.values) : issue.message;
}

const pathOf = (issue: z.core.$ZodIssue) => issue.path.map((part) => (typeof part === 'symbol' ? part.toString() : part));

/** A parse's issues as user errors with `code`, each at `[...prefix, ...issue path]`, in the reader's language. */
export function issuesAsUserErrors(issues: readonly z.core.$ZodIssue[], code: string, prefix: readonly (string | number)[] = ['input']): UserInputError {
  return new UserInputError(issues.map((issue) => ({ code, field: [...prefix, ...pathOf(issue)], message: readerIssueMessage(issue) })));
}

/**
 * Validates a mutation input with a zod model. Failures become userErrors with `code` (one per
 * module, e.g. TASK_INVALID_INPUT) and `field` = ["input", ...path], so a client can place each
 * message next to its form field; messages are in the reader's language (zod's own via
 * `z.locales`, custom ones declared with zodMessage).
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = safeParseForReader(schema, input);
  if (result.success) return result.data;
  throw issuesAsUserErrors(result.error.issues, code);
}
