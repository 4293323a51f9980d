import type { CellImporter } from '@cellgraph/kernel';
import { describe, expect, it } from 'vitest';
import { convertRow, convertValue, normalizeDecimal, normalizeHeader, parseDate, parseDateTime, suggestMapping } from './field-values.js';

const label = (en: string, de = en) => ({ id: `test.${en}`, translations: { en, de } });
const importer: Pick<CellImporter, 'fields'> = {
  fields: [
    { name: 'firstName', label: label('First name', 'Vorname'), kind: 'string' },
    { name: 'lastName', label: label('Last name', 'Nachname'), kind: 'string', required: true, aliases: ['Name', 'Surname'] },
    { name: 'email', label: label('E-mail', 'E-Mail'), kind: 'email', aliases: ['Mail'] },
    { name: 'active', label: label('Active', 'Aktiv'), kind: 'boolean' },
    { name: 'type', label: label('Type', 'Typ'), kind: 'enum', values: ['LEAD', 'COLD_OUTREACH'] },
  ],
};

describe('the suggested mapping', () => {
  it('normalizes headers: case, accents, ß, punctuation and spaces', () => {
    expect(normalizeHeader('  E-Mail-Adresse ')).toBe('emailadresse');
    expect(normalizeHeader('Größe')).toBe('grosse');
    expect(normalizeHeader('first_name')).toBe('firstname');
  });

  it('matches names, labels in every language and aliases, each field once, the first header winning', () => {
    expect(suggestMapping(['FIRSTNAME', 'nachname', 'Mail', 'E-MAIL', 'aktiv', 'Typ', 'Notes'], importer)).toEqual([
      { column: 'FIRSTNAME', field: 'firstName' },
      { column: 'nachname', field: 'lastName' },
      { column: 'Mail', field: 'email' },
      { column: 'aktiv', field: 'active' },
      { column: 'Typ', field: 'type' },
    ]);
    expect(suggestMapping(['Surname', 'Name'], importer)).toEqual([{ column: 'Surname', field: 'lastName' }]);
    expect(suggestMapping(['Nothing', 'here'], importer)).toEqual([]);
  });
});

describe('converting a row', () => {
  const headers = ['First', 'Last', 'Mail', 'Active', 'Type'];
  const mapping = [
    { column: 'First', field: 'firstName' },
    { column: 'Last', field: 'lastName' },
    { column: 'Mail', field: 'email' },
    { column: 'Active', field: 'active' },
    { column: 'Type', field: 'type' },
  ];

  it('gives the input of the mutation, leaving empty cells out', () => {
    expect(convertRow(importer, mapping, headers, ['Ada', ' Lovelace ', 'ada@example.test', 'ja', 'cold outreach'])).toEqual({
      input: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.test', active: true, type: 'COLD_OUTREACH' },
      errors: [],
    });
    expect(convertRow(importer, mapping, headers, ['', 'Lovelace', '', '', ''])).toEqual({ input: { lastName: 'Lovelace' }, errors: [] });
  });

  it('reports each bad value with its code, field and column; a required field unmapped too', () => {
    const { errors } = convertRow(importer, mapping, headers, ['Ada', '', 'nope', 'maybe', 'alien']);
    expect(errors.map(({ code, field, column }) => [code, field, column])).toEqual([
      ['DATA_IMPORT_VALUE_REQUIRED', 'lastName', 'Last'],
      ['DATA_IMPORT_INVALID_EMAIL', 'email', 'Mail'],
      ['DATA_IMPORT_INVALID_BOOLEAN', 'active', 'Active'],
      ['DATA_IMPORT_INVALID_ENUM', 'type', 'Type'],
    ]);
    expect(convertRow(importer, [], headers, ['Ada']).errors.map((error) => [error.code, error.column])).toEqual([['DATA_IMPORT_VALUE_REQUIRED', null]]);
  });

  it('converts numbers, decimals, dates and date-times as written in English and German', () => {
    expect(normalizeDecimal('1,234.50')).toBe('1234.50');
    expect(normalizeDecimal('1.234,50')).toBe('1234.50');
    expect(normalizeDecimal('-12,5')).toBe('-12.5');
    expect(normalizeDecimal('1 000')).toBe('1000');
    expect(normalizeDecimal('12abc')).toBeNull();
    expect(convertValue({ kind: 'number' }, '2,5')).toEqual({ value: 2.5 });
    expect(convertValue({ kind: 'integer' }, '2.5')).toMatchObject({ error: { code: 'DATA_IMPORT_INVALID_INTEGER' } });
    expect(convertValue({ kind: 'integer' }, '42')).toEqual({ value: 42 });
    expect(convertValue({ kind: 'decimal' }, 'ten')).toMatchObject({ error: { code: 'DATA_IMPORT_INVALID_DECIMAL' } });
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('1.3.2024')).toBe('2024-03-01');
    expect(parseDate('2024-02-29T10:00:00Z')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('03/01/2024')).toBeNull();
    expect(parseDateTime('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseDateTime('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
    expect(parseDateTime('01.03.2026 9:05')).toBe('2026-03-01T09:05:00.000Z');
    expect(parseDateTime('tomorrow')).toBeNull();
    expect(convertValue({ kind: 'id' }, 'Q29udGFjdDox')).toEqual({ value: 'Q29udGFjdDox' });
  });
});
