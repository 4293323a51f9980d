import { text, userError, type ReaderText } from '@cellgraph/kernel';
import { documentErrorTexts } from '../messages.js';

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
  userError(RevisionErrorCode.FieldNotFound, text(documentErrorTexts.noSection, { field }), ['input', 'fields', index, 'field']);

export const nothingChanged = () => userError(RevisionErrorCode.NothingChanged, documentErrorTexts.nothingChanged, ['input']);

export const revisionNotFound = (field: (string | number)[] = ['input', 'revision']) =>
  userError(RevisionErrorCode.RevisionNotFound, documentErrorTexts.revisionNotFound, field);

export const changeNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(RevisionErrorCode.ChangeNotFound, documentErrorTexts.changeNotFound, field);

export const changeDecided = (state: string) => userError(RevisionErrorCode.ChangeDecided, text(documentErrorTexts.changeDecided, { state }), ['input', 'id']);

export const changeConflict = (why: ReaderText) => userError(RevisionErrorCode.ChangeConflict, why, ['input', 'id']);
