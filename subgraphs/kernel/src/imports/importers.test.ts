import { describe, expect, it } from 'vitest';
import { CELL_IMPORTERS, cellImporters, importersOf, type ImporterDeclaration } from './importers.js';

const label = (en: string) => ({ id: `test.${en}`, translations: { en, de: en } });
const contact: ImporterDeclaration = {
  type: 'Contact',
  label: label('Contacts'),
  mutation: 'contactCreate',
  inputType: 'ContactCreateInput',
  resultField: 'contact',
  duplicateOf: 'CONTACT_DUPLICATE_EMAIL',
  fields: [
    { name: 'email', label: label('E-mail'), kind: 'email', aliases: ['Mail'] },
    { name: 'type', label: label('Type'), kind: 'enum', values: ['LEAD'] },
  ],
};

describe('importers', () => {
  it('are the declarations of a cell’s subgraphs, by module, handed over as JSON and parsed back', () => {
    const importers = cellImporters([{ name: 'identity' }, { name: 'crm', importers: [contact] }]);
    expect(importers).toEqual([{ ...contact, module: 'crm' }]);
    const parsed = importersOf({ [CELL_IMPORTERS]: JSON.stringify(importers) });
    expect(parsed.get('Contact')).toEqual({ ...contact, module: 'crm' });
    expect(importersOf({}).size).toBe(0);
  });

  it('refuses a type declared twice, a field twice, an enum without values, names that are not GraphQL names and bad JSON', () => {
    expect(() =>
      cellImporters([
        { name: 'crm', importers: [contact] },
        { name: 'other', importers: [contact] },
      ]),
    ).toThrow('declared twice');
    expect(() => cellImporters([{ name: 'crm', importers: [{ ...contact, fields: [contact.fields[0]!, contact.fields[0]!] }] }])).toThrow(
      'the field email twice',
    );
    expect(() => cellImporters([{ name: 'crm', importers: [{ ...contact, fields: [{ name: 'type', label: label('Type'), kind: 'enum' }] }] }])).toThrow(
      'needs values',
    );
    expect(() => cellImporters([{ name: 'crm', importers: [{ ...contact, mutation: 'contact create' }] }])).toThrow('invalid importer');
    expect(() => importersOf({ [CELL_IMPORTERS]: 'nope' })).toThrow('must be JSON');
    expect(() => importersOf({ [CELL_IMPORTERS]: '[{"type":"X"}]' })).toThrow(`Invalid ${CELL_IMPORTERS}`);
  });
});
