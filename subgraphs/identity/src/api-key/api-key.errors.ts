import { userError } from '@cellgraph/kernel';

/** Every code API keys answer. */
export const ApiKeyErrorCode = {
  InvalidInput: 'API_KEY_INVALID_INPUT',
  NotFound: 'API_KEY_NOT_FOUND',
  UnknownScope: 'API_KEY_UNKNOWN_SCOPE',
} as const;

export const apiKeyNotFound = () => userError(ApiKeyErrorCode.NotFound, 'No active API key with this id', ['input', 'id']);
export const unknownScope = (scope: string, index: number) =>
  userError(ApiKeyErrorCode.UnknownScope, `Unknown scope ${scope}: apiKeyScopes lists the scopes of this cell`, ['input', 'scopes', String(index)]);
