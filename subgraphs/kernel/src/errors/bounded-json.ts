import { z } from 'zod';
import { zodMessage } from '../i18n/zod-message.js';
import { kernelMessages } from './messages.js';

/** Whether a JSON value nests deeper than `maxDepth` (a scalar is 0 deep, `{}` or `[1]` 1); stops descending past the bound. */
export function jsonDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (maxDepth <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => jsonDeeperThan(child, maxDepth - 1));
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * A zod model of a free-form JSON object a client stores (metadata, settings): at most `maxDepth`
 * levels of nesting and `maxBytes` of JSON (UTF-8), so one field cannot grow a row or a response
 * without bound. Use it inside `validateInput` (the messages become the module's INVALID_INPUT).
 */
export function boundedJsonObject({ maxBytes, maxDepth }: { maxBytes: number; maxDepth: number }) {
  return z
    .record(z.string(), z.unknown())
    .refine((value) => !jsonDeeperThan(value, maxDepth), { message: zodMessage(kernelMessages.mustBeNested, { max: maxDepth }), abort: true })
    .refine((value) => jsonBytes(value) <= maxBytes, zodMessage(kernelMessages.jsonTooLarge, { max: maxBytes }));
}
