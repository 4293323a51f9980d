import { text, userError } from '@cellgraph/kernel';
import { exportsErrorTexts } from '../messages.js';

/** Every code the data export aggregate answers with (userErrors). */
export const DataExportErrorCode = {
  InvalidInput: 'DATA_EXPORT_INVALID_INPUT',
  NotFound: 'DATA_EXPORT_NOT_FOUND',
  NotCancelable: 'DATA_EXPORT_NOT_CANCELABLE',
  /** The query is not one an export can run (syntax, operations, root connection, paging arguments). */
  QueryInvalid: 'EXPORT_QUERY_INVALID',
  VariablesInvalid: 'EXPORT_VARIABLES_INVALID',
} as const;

/** Why an export FAILED (`DataExport.error.code`). */
export const ExportFailureCode = {
  /** The graph answered the query with an error: a field the caller may not read (FORBIDDEN), one that does not exist, a key without the scope… */
  QueryRejected: 'EXPORT_QUERY_REJECTED',
  /** The root field answered something else than a connection. */
  NotAConnection: 'EXPORT_NOT_A_CONNECTION',
  /** The files module refused the file (its size limit, quota, type) or the caller may not store files. */
  FileRefused: 'EXPORT_FILE_REFUSED',
  /** The graph or the object store did not answer, every attempt. */
  Unavailable: 'EXPORT_UNAVAILABLE',
  Failed: 'EXPORT_FAILED',
} as const;
export type ExportFailureCode = (typeof ExportFailureCode)[keyof typeof ExportFailureCode];

export const dataExportNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DataExportErrorCode.NotFound, text(exportsErrorTexts.notFound), field);

export const dataExportNotCancelable = () => userError(DataExportErrorCode.NotCancelable, text(exportsErrorTexts.notCancelable), ['input', 'id']);
