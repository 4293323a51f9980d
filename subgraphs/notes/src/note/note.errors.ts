import { userError, text, type ReaderText } from '@cellgraph/kernel';
import { noteErrorTexts } from '../messages.js';

/** Every code the note aggregate answers with. */
export const NoteErrorCode = {
  InvalidInput: 'NOTE_INVALID_INPUT',
  NotFound: 'NOTE_NOT_FOUND',
  RevisionConflict: 'NOTE_REVISION_CONFLICT',
  RevisionNotFound: 'NOTE_REVISION_NOT_FOUND',
  TeamNotFound: 'NOTE_TEAM_NOT_FOUND',
  UserNotMember: 'NOTE_USER_NOT_MEMBER',
  AboutNotFound: 'NOTE_ABOUT_NOT_FOUND',
} as const;

export const noteNotFound = (field: (string | number)[] = ['input', 'id']) => userError(NoteErrorCode.NotFound, noteErrorTexts.noteNotFound, field);

export const noteInvalidBody = (message: ReaderText) => userError(NoteErrorCode.InvalidInput, message, ['input', 'body']);

export const noteRevisionConflict = (current: number) =>
  userError(NoteErrorCode.RevisionConflict, text(noteErrorTexts.revisionConflict, { current }), ['input', 'expectedRevision']);

export const noteRevisionNotFound = () => userError(NoteErrorCode.RevisionNotFound, noteErrorTexts.revisionNotFound, ['input', 'number']);

export const noteTeamNotFound = (field: (string | number)[] = ['input', 'teamId']) => userError(NoteErrorCode.TeamNotFound, noteErrorTexts.teamNotFound, field);

export const noteUserNotMember = (field: (string | number)[]) => userError(NoteErrorCode.UserNotMember, noteErrorTexts.userNotMember, field);

export const noteAboutNotFound = (field: (string | number)[]) => userError(NoteErrorCode.AboutNotFound, noteErrorTexts.objectNotFound, field);
