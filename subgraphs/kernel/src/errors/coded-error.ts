import { GraphQLError } from 'graphql';
import { renderText, type ReaderText } from '../i18n/reader.js';
import { kernelMessages } from './messages.js';

/**
 * Codes of top-level errors. Expected business failures are not top-level errors: they are
 * `userErrors` in a mutation payload (see user-errors.ts). Module codes are SCREAMING_SNAKE and
 * module-prefixed (`TASK_NOT_FOUND`).
 */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  BadUserInput: 'BAD_USER_INPUT',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

/**
 * A caller's text: a catalog message (in the request's language), or a plain string only for a
 * text already rendered for this reader elsewhere (another subgraph's answer passed on, a
 * validator's message). Every text a module writes itself is in its catalogs (messages.ts).
 */
export type ErrorText = ReaderText | string;

const rendered = (message: ErrorText): string => (typeof message === 'string' ? message : renderText(message));

/**
 * An error whose message is safe to show to the caller, with a stable `extensions.code`. A catalog
 * message is rendered when the error is made, in the language of the request being served.
 */
export class CodedError extends GraphQLError {
  constructor(code: string, message: ErrorText, extensions: Record<string, unknown> = {}) {
    super(rendered(message), { extensions: { ...extensions, code } });
    this.name = 'CodedError';
  }

  get code(): string {
    return this.extensions.code as string;
  }
}

export const unauthenticated = (message: ErrorText = kernelMessages.authenticationRequired) => new CodedError(ErrorCode.Unauthenticated, message);

export const forbidden = (message: ErrorText = kernelMessages.forbidden) => new CodedError(ErrorCode.Forbidden, message);

export const invalidInput = (message: ErrorText, extensions: Record<string, unknown> = {}) => new CodedError(ErrorCode.BadUserInput, message, extensions);

/**
 * A dependency is down (the database, another service): the request was fine and may be sent
 * again after `retryAfter` seconds (`extensions.retryAfter`).
 */
export const serviceUnavailable = (message: ErrorText, retryAfter: number) => new CodedError(ErrorCode.ServiceUnavailable, message, { retryAfter });

/** Too many requests of one kind: the caller may try again after `retryAfter` seconds (`extensions.retryAfter`). */
export const rateLimited = (message: ErrorText, retryAfter: number) => new CodedError(ErrorCode.RateLimited, message, { retryAfter });

/** True for errors whose message may reach the client as is. */
export function isPublicError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.Internal;
}
