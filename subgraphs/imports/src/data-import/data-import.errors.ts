import { text, userError } from '@cellgraph/kernel';
import { importErrorTexts } from '../messages.js';

/** Every code the data import aggregate answers with (row errors: see mapping/field-values RowErrorCode). */
export const DataImportErrorCode = {
  InvalidInput: 'DATA_IMPORT_INVALID_INPUT',
  NotFound: 'DATA_IMPORT_NOT_FOUND',
  UnknownType: 'DATA_IMPORT_UNKNOWN_TYPE',
  FileNotFound: 'DATA_IMPORT_FILE_NOT_FOUND',
  UnsupportedFile: 'DATA_IMPORT_UNSUPPORTED_FILE',
  FileTooLarge: 'DATA_IMPORT_FILE_TOO_LARGE',
  UnreadableFile: 'DATA_IMPORT_UNREADABLE_FILE',
  EmptyFile: 'DATA_IMPORT_EMPTY_FILE',
  TooManyRows: 'DATA_IMPORT_TOO_MANY_ROWS',
  UnknownColumn: 'DATA_IMPORT_UNKNOWN_COLUMN',
  UnknownField: 'DATA_IMPORT_UNKNOWN_FIELD',
  FieldMappedTwice: 'DATA_IMPORT_FIELD_MAPPED_TWICE',
  RequiredFieldUnmapped: 'DATA_IMPORT_REQUIRED_FIELD_UNMAPPED',
  InvalidTransition: 'DATA_IMPORT_INVALID_TRANSITION',
  NotMapped: 'DATA_IMPORT_NOT_MAPPED',
  /** Row outcomes of the report. */
  RowDenied: 'DATA_IMPORT_ROW_DENIED',
  RowRefused: 'DATA_IMPORT_ROW_REFUSED',
} as const;

export const dataImportNotFound = (field: (string | number)[] = ['input', 'id']) => userError(DataImportErrorCode.NotFound, importErrorTexts.notFound, field);
export const unknownImportType = (type: string) => userError(DataImportErrorCode.UnknownType, text(importErrorTexts.unknownType, { type }), ['input', 'type']);
export const importFileNotFound = () => userError(DataImportErrorCode.FileNotFound, importErrorTexts.fileNotFound, ['input', 'fileId']);
export const unsupportedFile = () => userError(DataImportErrorCode.UnsupportedFile, importErrorTexts.unsupportedFile, ['input', 'fileId']);
export const fileTooLarge = (maxMb: number) =>
  userError(DataImportErrorCode.FileTooLarge, text(importErrorTexts.fileTooLarge, { max: maxMb }), ['input', 'fileId']);
export const unreadableFile = (format: string) =>
  userError(DataImportErrorCode.UnreadableFile, text(importErrorTexts.unreadableFile, { format }), ['input', 'fileId']);
export const emptyFile = () => userError(DataImportErrorCode.EmptyFile, importErrorTexts.emptyFile, ['input', 'fileId']);
export const tooManyRows = (max: number) => userError(DataImportErrorCode.TooManyRows, text(importErrorTexts.tooManyRows, { max }), ['input', 'fileId']);
export const invalidTransition = (status: string) =>
  userError(DataImportErrorCode.InvalidTransition, text(importErrorTexts.invalidTransition, { status }), ['input', 'id']);
export const notMapped = () => userError(DataImportErrorCode.NotMapped, importErrorTexts.notMapped, ['input', 'id']);
