import { text, type CellImporter, type ImporterField, type LocalizedText } from '@cellgraph/kernel';
import { importErrorTexts } from '../messages.js';

/** A column of the file mapped to a field of the importer's input. */
export interface ColumnMapping {
  column: string;
  field: string;
}

/** What is wrong with one value of a row (the preview and the report show it; the mutation is not called). */
export interface RowError {
  code: string;
  /** The input field (null: the row as a whole). */
  field: string | null;
  column: string | null;
  message: LocalizedText | string;
}

export const RowErrorCode = {
  Required: 'DATA_IMPORT_VALUE_REQUIRED',
  InvalidEmail: 'DATA_IMPORT_INVALID_EMAIL',
  InvalidNumber: 'DATA_IMPORT_INVALID_NUMBER',
  InvalidInteger: 'DATA_IMPORT_INVALID_INTEGER',
  InvalidDecimal: 'DATA_IMPORT_INVALID_DECIMAL',
  InvalidDate: 'DATA_IMPORT_INVALID_DATE',
  InvalidDateTime: 'DATA_IMPORT_INVALID_DATETIME',
  InvalidEnum: 'DATA_IMPORT_INVALID_ENUM',
  InvalidBoolean: 'DATA_IMPORT_INVALID_BOOLEAN',
} as const;

/** Lower case, accents and everything but letters and digits dropped: "E-Mail-Adresse" → "emailadresse". */
export function normalizeHeader(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A suggested mapping: each header to the field whose name, label (any language) or alias it
 * equals, ignoring case, accents, spaces and punctuation. Each field once, the first header wins;
 * a header matching nothing stays unmapped.
 */
export function suggestMapping(headers: readonly string[], importer: Pick<CellImporter, 'fields'>): ColumnMapping[] {
  const candidates = new Map<string, string>();
  // Names and labels before aliases: "Name" is an alias of lastName but a label elsewhere.
  const add = (key: string, field: string) => {
    const normalized = normalizeHeader(key);
    if (normalized && !candidates.has(normalized)) candidates.set(normalized, field);
  };
  for (const field of importer.fields) {
    add(field.name, field.name);
    for (const label of Object.values(field.label.translations)) add(label, field.name);
  }
  for (const field of importer.fields) for (const alias of field.aliases ?? []) add(alias, field.name);
  const used = new Set<string>();
  const mapping: ColumnMapping[] = [];
  for (const column of headers) {
    const field = candidates.get(normalizeHeader(column));
    if (field && !used.has(field)) {
      used.add(field);
      mapping.push({ column, field });
    }
  }
  return mapping;
}

/** A row as the create mutation's input, and what is wrong with it (the input is sent only without errors). */
export interface ConvertedRow {
  input: Record<string, unknown>;
  errors: RowError[];
}

/** Converts a row's cells by the mapping and the importer's field kinds. */
export function convertRow(
  importer: Pick<CellImporter, 'fields'>,
  mapping: readonly ColumnMapping[],
  headers: readonly string[],
  cells: readonly string[],
): ConvertedRow {
  const input: Record<string, unknown> = {};
  const errors: RowError[] = [];
  const mapped = new Map(mapping.map((each) => [each.field, each.column]));
  for (const field of importer.fields) {
    const column = mapped.get(field.name) ?? null;
    const index = column === null ? -1 : headers.indexOf(column);
    const raw = (index >= 0 ? (cells[index] ?? '') : '').trim();
    if (raw === '') {
      if (field.required)
        errors.push({ code: RowErrorCode.Required, field: field.name, column, message: text(importErrorTexts.valueRequired, { field: column ?? field.name }) });
      continue;
    }
    const converted = convertValue(field, raw);
    if ('error' in converted) errors.push({ ...converted.error, field: field.name, column });
    else input[field.name] = converted.value;
  }
  return { input, errors };
}

type Converted = { value: unknown } | { error: Pick<RowError, 'code' | 'message'> };

const fail = (code: string, message: LocalizedText): Converted => ({ error: { code, message } });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE = new Set(['true', 'yes', 'y', 'ja', 'j', '1', 'x', 'wahr']);
const FALSE = new Set(['false', 'no', 'n', 'nein', '0', 'falsch']);

/** One cell's text as the field's value. */
export function convertValue(field: Pick<ImporterField, 'kind' | 'values'>, raw: string): Converted {
  switch (field.kind) {
    case 'string':
    case 'id':
      return { value: raw };
    case 'email':
      return EMAIL.test(raw) ? { value: raw } : fail(RowErrorCode.InvalidEmail, text(importErrorTexts.invalidEmail, { value: raw }));
    case 'number': {
      const number = parseNumber(raw);
      return number === null ? fail(RowErrorCode.InvalidNumber, text(importErrorTexts.invalidNumber, { value: raw })) : { value: number };
    }
    case 'integer': {
      const number = parseNumber(raw);
      return number === null || !Number.isSafeInteger(number)
        ? fail(RowErrorCode.InvalidInteger, text(importErrorTexts.invalidInteger, { value: raw }))
        : { value: number };
    }
    case 'decimal': {
      const decimal = normalizeDecimal(raw);
      return decimal === null ? fail(RowErrorCode.InvalidDecimal, text(importErrorTexts.invalidDecimal, { value: raw })) : { value: decimal };
    }
    case 'date': {
      const date = parseDate(raw);
      return date === null ? fail(RowErrorCode.InvalidDate, text(importErrorTexts.invalidDate, { value: raw })) : { value: date };
    }
    case 'datetime': {
      const dateTime = parseDateTime(raw);
      return dateTime === null ? fail(RowErrorCode.InvalidDateTime, text(importErrorTexts.invalidDateTime, { value: raw })) : { value: dateTime };
    }
    case 'enum': {
      const wanted = raw.toUpperCase().replace(/[\s-]+/g, '_');
      const value = (field.values ?? []).find((candidate) => candidate === wanted);
      return value ? { value } : fail(RowErrorCode.InvalidEnum, text(importErrorTexts.invalidEnum, { value: raw, values: (field.values ?? []).join(', ') }));
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return fail(RowErrorCode.InvalidBoolean, text(importErrorTexts.invalidBoolean, { value: raw }));
    }
  }
}

/** "1234.5", "1,234.5", "1.234,5", "1234,5" → its decimal string; anything else null. */
export function normalizeDecimal(raw: string): string | null {
  let value = raw.replace(/[\s\u00a0']/g, '');
  const lastComma = value.lastIndexOf(',');
  const lastDot = value.lastIndexOf('.');
  if (lastComma > lastDot) value = value.replace(/\./g, '').replace(',', '.');
  else value = value.replace(/,/g, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(value)) return null;
  return value.replace(/^\+/, '');
}

function parseNumber(raw: string): number | null {
  const decimal = normalizeDecimal(raw);
  return decimal === null ? null : Number(decimal);
}

/** `YYYY-MM-DD` (also the date of an ISO date-time), `DD.MM.YYYY`; a real calendar date. */
export function parseDate(raw: string): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(T.*)?$/.exec(raw);
  let [year, month, day] = match ? [match[1], match[2], match[3]] : [];
  if (!match) {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
    if (match) [day, month, year] = [match[1], match[2], match[3]];
  }
  if (!year || !month || !day) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** ISO 8601 (a date alone is midnight UTC), or `DD.MM.YYYY[ HH:MM]` in UTC; as an ISO string. */
export function parseDateTime(raw: string): string | null {
  const date = parseDate(raw);
  if (date && !raw.includes('T')) return `${date}T00:00:00.000Z`;
  const german = /^(\d{1,2}\.\d{1,2}\.\d{4})\s+(\d{1,2}):(\d{2})$/.exec(raw);
  if (german) {
    const day = parseDate(german[1]!);
    return day ? new Date(`${day}T${german[2]!.padStart(2, '0')}:${german[3]}:00Z`).toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw)) return null;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
