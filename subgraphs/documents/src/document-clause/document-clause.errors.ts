import { userError } from '@cellgraph/kernel';
import { documentErrorTexts } from '../messages.js';

/** Every code of clauses in documents and of templates (besides DOCUMENT_* and CLAUSE_* of their aggregates). */
export const DocumentClauseErrorCode = {
  NotInserted: 'DOCUMENT_CLAUSE_NOT_INSERTED',
  AlreadyInserted: 'DOCUMENT_CLAUSE_ALREADY_INSERTED',
  NotATemplate: 'DOCUMENT_NOT_A_TEMPLATE',
  ContentTooLarge: 'DOCUMENT_CONTENT_TOO_LARGE',
} as const;

export const documentClauseNotInserted = (field: (string | number)[] = ['input', 'clauseId']) =>
  userError(DocumentClauseErrorCode.NotInserted, documentErrorTexts.clauseNotInDocument, field);

export const documentClauseAlreadyInserted = (field: (string | number)[] = ['input', 'clauseId']) =>
  userError(DocumentClauseErrorCode.AlreadyInserted, documentErrorTexts.clauseAlreadyInDocument, field);

export const documentNotATemplate = (field: (string | number)[] = ['input', 'templateId']) =>
  userError(DocumentClauseErrorCode.NotATemplate, documentErrorTexts.notATemplate, field);

export const documentContentTooLarge = (field: (string | number)[] = ['input', 'clauseId']) =>
  userError(DocumentClauseErrorCode.ContentTooLarge, documentErrorTexts.contentTooLarge, field);
