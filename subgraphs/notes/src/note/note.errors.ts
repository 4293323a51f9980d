import { userError } from '@cellgraph/kernel';

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

export const noteNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(NoteErrorCode.NotFound, 'No note with this id exists in your organization', field);

export const noteInvalidBody = (message: string) => userError(NoteErrorCode.InvalidInput, message, ['input', 'body']);

export const noteRevisionConflict = (current: number) =>
  userError(NoteErrorCode.RevisionConflict, `The note was saved meanwhile: it is at revision ${current}`, ['input', 'expectedRevision']);

export const noteRevisionNotFound = () => userError(NoteErrorCode.RevisionNotFound, 'The note has no revision with this number', ['input', 'number']);

export const noteTeamNotFound = (field: (string | number)[] = ['input', 'teamId']) =>
  userError(NoteErrorCode.TeamNotFound, 'No team with this id exists in your organization', field);

export const noteUserNotMember = (field: (string | number)[]) =>
  userError(NoteErrorCode.UserNotMember, 'This user is not a member of your organization', field);

export const noteAboutNotFound = (field: (string | number)[]) =>
  userError(NoteErrorCode.AboutNotFound, 'No object with this id exists in your organization', field);
