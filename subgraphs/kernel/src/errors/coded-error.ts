import { GraphQLError } from 'graphql';

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

/** An error whose message is safe to show to the caller, with a stable `extensions.code`. */
export class CodedError extends GraphQLError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'CodedError';
  }

  get code(): string {
    return this.extensions.code as string;
  }
}

export const unauthenticated = (message = 'Authentication is required') => new CodedError(ErrorCode.Unauthenticated, message);

export const forbidden = (message = 'You do not have permission to do this') => new CodedError(ErrorCode.Forbidden, message);

export const invalidInput = (message: string, extensions: Record<string, unknown> = {}) => new CodedError(ErrorCode.BadUserInput, message, extensions);

/**
 * A dependency is down (the database, another service): the request was fine and may be sent
 * again after `retryAfter` seconds (`extensions.retryAfter`).
 */
export const serviceUnavailable = (message: string, retryAfter: number) => new CodedError(ErrorCode.ServiceUnavailable, message, { retryAfter });

/** True for errors whose message may reach the client as is. */
export function isPublicError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.Internal;
}
