import { userError } from '@cellgraph/kernel';
import { searchErrorTexts } from '../messages.js';

/** Every code the saved search aggregate answers with. */
export const SavedSearchErrorCode = {
  InvalidInput: 'SAVED_SEARCH_INVALID_INPUT',
  NotFound: 'SAVED_SEARCH_NOT_FOUND',
} as const;

export const savedSearchNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(SavedSearchErrorCode.NotFound, searchErrorTexts.savedSearchNotFound, field);
