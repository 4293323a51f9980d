import { userError } from '@cellgraph/kernel';

/** Every code the note aggregate answers with. */
export const NoteErrorCode = {
  InvalidInput: 'NOTE_INVALID_INPUT',
  NotFound: 'NOTE_NOT_FOUND',
} as const;

export const noteNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(NoteErrorCode.NotFound, 'No note with this id exists in your organization', field);
