import { userError } from '@cellgraph/kernel';
import { documentErrorTexts } from '../messages.js';

/** Every code the clause aggregate answers with. */
export const ClauseErrorCode = {
  InvalidInput: 'CLAUSE_INVALID_INPUT',
  NotFound: 'CLAUSE_NOT_FOUND',
} as const;

export const clauseNotFound = (field: (string | number)[] = ['input', 'id']) => userError(ClauseErrorCode.NotFound, documentErrorTexts.clauseNotFound, field);
