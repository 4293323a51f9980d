import { z } from 'zod';
import { invalidInput } from '../errors/coded-error.js';
import { isUuid } from './uuid.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';
import { zodMessage } from '../i18n/zod-message.js';

/**
 * Opaque global ids: base64url("<Type>:<uuid>"). Every entity of every subgraph is addressed by
 * one, so `node(id:)` can route any id to the subgraph that owns its type. Clients must treat
 * them as opaque strings.
 */
export function toGlobalId(typeName: string, uuid: string): string {
  return Buffer.from(`${typeName}:${uuid}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  typeName: string;
  uuid: string;
}

/** Decodes a global id, or returns null when it is not one. */
export function parseGlobalId(globalId: string): DecodedGlobalId | null {
  if (globalId.length > 200) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = text.indexOf(':');
  if (separator <= 0) return null;
  const typeName = text.slice(0, separator);
  const uuid = text.slice(separator + 1);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(typeName) || !isUuid(uuid)) return null;
  if (toGlobalId(typeName, uuid) !== globalId) return null; // reject non-canonical encodings
  return { typeName, uuid };
}

/**
 * Decodes a global id that must be of `typeName`; throws a BAD_USER_INPUT error naming the
 * argument otherwise. Use in resolvers for ids received from clients.
 */
export function fromGlobalId(typeName: string, globalId: string, argument = 'id'): string {
  const decoded = parseGlobalId(globalId);
  if (!decoded || decoded.typeName !== typeName) {
    throw invalidInput(text(kernelMessages.invalidId, { argument, typeName }), { argument });
  }
  return decoded.uuid;
}

/** A zod model of a global id of `typeName`, parsed to its uuid (for mutation inputs). */
export const globalIdOf = (typeName: string) =>
  z.string().transform((value, ctx) => {
    const decoded = parseGlobalId(value);
    if (decoded?.typeName === typeName) return decoded.uuid;
    ctx.addIssue({ code: 'custom', message: zodMessage(kernelMessages.notAValidId, { typeName }) });
    return z.NEVER;
  });
