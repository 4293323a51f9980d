import { text, userError } from '@cellgraph/kernel';
import { accessMessages } from '../messages.js';

/** Every code API keys answer. */
export const ApiKeyErrorCode = {
  InvalidInput: 'API_KEY_INVALID_INPUT',
  NotFound: 'API_KEY_NOT_FOUND',
  UnknownScope: 'API_KEY_UNKNOWN_SCOPE',
} as const;

export const apiKeyNotFound = () => userError(ApiKeyErrorCode.NotFound, accessMessages.apiKeyNotFound, ['input', 'id']);
export const unknownScope = (scope: string, index: number) =>
  userError(ApiKeyErrorCode.UnknownScope, text(accessMessages.unknownScope, { scope }), ['input', 'scopes', String(index)]);
