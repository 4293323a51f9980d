import { userError } from '@cellgraph/kernel';

/** The codes revisions and their changes answer with (besides the document's own). */
export const RevisionErrorCode = {
  FieldNotFound: 'DOCUMENT_FIELD_NOT_FOUND',
  NothingChanged: 'DOCUMENT_REVISION_EMPTY',
  RevisionNotFound: 'DOCUMENT_REVISION_NOT_FOUND',
  ChangeNotFound: 'DOCUMENT_CHANGE_NOT_FOUND',
  ChangeDecided: 'DOCUMENT_CHANGE_ALREADY_DECIDED',
  ChangeConflict: 'DOCUMENT_CHANGE_CONFLICT',
} as const;

export const fieldNotFound = (field: string, index: number) =>
  userError(RevisionErrorCode.FieldNotFound, `The content has no section data-field="${field}"`, ['input', 'fields', index, 'field']);

export const nothingChanged = () => userError(RevisionErrorCode.NothingChanged, 'Nothing changed: the fields and the content are as they were', ['input']);

export const revisionNotFound = (field: (string | number)[] = ['input', 'revision']) =>
  userError(RevisionErrorCode.RevisionNotFound, 'This document has no revision with this number', field);

export const changeNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(RevisionErrorCode.ChangeNotFound, 'No change with this id exists in your organization', field);

export const changeDecided = (state: string) => userError(RevisionErrorCode.ChangeDecided, `This change was already ${state}`, ['input', 'id']);

export const changeConflict = (why: string) => userError(RevisionErrorCode.ChangeConflict, why, ['input', 'id']);
