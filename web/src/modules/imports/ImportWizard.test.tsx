// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportsCreateMutationVariables, ImportsMapMutationVariables } from '../../gql/graphql';
import { liveFeedLink } from '../../testing/live';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { ImportWizard, type Uploader } from './ImportWizard';
import { ImportsCreateMutation, ImportsMapMutation, ImportsStartMutation, ImportsTypesQuery } from './operations';

afterEach(unmountAll);

const field = (name: string, label: string, required = false) => ({
  __typename: 'DataImportField' as const,
  name,
  label,
  kind: 'STRING' as const,
  required,
  values: [],
});
const types = {
  request: { query: ImportsTypesQuery },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      dataImportTypes: [
        {
          __typename: 'DataImportType' as const,
          type: 'Contact',
          label: 'Contacts',
          fields: [field('firstName', 'First name'), field('lastName', 'Last name', true), field('email', 'E-mail')],
        },
        { __typename: 'DataImportType' as const, type: 'Task', label: 'Tasks', fields: [field('title', 'Title', true)] },
      ],
    },
  },
};

const pair = (column: string, name: string) => ({ __typename: 'DataImportColumnMapping' as const, column, field: name });
function dataImport(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'DataImport' as const,
    id: 'import-1',
    type: 'Contact',
    status: 'UPLOADED',
    fileName: 'people.csv',
    headers: ['Vorname', 'Nachname', 'Mail'],
    rowCount: 2,
    processedRows: 0,
    createdRows: 0,
    skippedRows: 0,
    failedRows: 0,
    failureReason: null,
    mapping: [],
    suggestedMapping: [pair('Vorname', 'firstName'), pair('Nachname', 'lastName')],
    reportFile: null,
    ...overrides,
  };
}
const MAPPED = [pair('Vorname', 'firstName'), pair('Nachname', 'lastName'), pair('Mail', 'email')];

describe('the import wizard', () => {
  it('uploads, suggests the mapping, previews row problems, starts, follows the progress live and offers the report', async () => {
    const created: ImportsCreateMutationVariables[] = [];
    const mapped: ImportsMapMutationVariables[] = [];
    const uploaded: string[] = [];
    const upload: Uploader = async (_client, file) => {
      uploaded.push(file.name);
      return { id: 'file-1', name: file.name };
    };
    const live = liveFeedLink('ImportsChanged', [
      types,
      {
        request: { query: ImportsCreateMutation, variables: (variables: ImportsCreateMutationVariables) => (created.push(variables), true) },
        result: {
          data: { __typename: 'Mutation' as const, dataImportCreate: { __typename: 'DataImportPayload' as const, dataImport: dataImport(), userErrors: [] } },
        },
      },
      {
        request: { query: ImportsMapMutation, variables: (variables: ImportsMapMutationVariables) => (mapped.push(variables), true) },
        result: {
          data: {
            __typename: 'Mutation' as const,
            dataImportMap: {
              __typename: 'DataImportPayload' as const,
              userErrors: [],
              dataImport: {
                ...dataImport({ status: 'MAPPED', mapping: MAPPED }),
                preview: [
                  {
                    __typename: 'DataImportPreviewRow' as const,
                    rowNumber: 1,
                    values: [
                      { __typename: 'DataImportValue' as const, field: 'firstName', value: 'Ada' },
                      { __typename: 'DataImportValue' as const, field: 'lastName', value: 'Lovelace' },
                      { __typename: 'DataImportValue' as const, field: 'email', value: 'ada@example.test' },
                    ],
                    errors: [],
                  },
                  {
                    __typename: 'DataImportPreviewRow' as const,
                    rowNumber: 2,
                    values: [{ __typename: 'DataImportValue' as const, field: 'firstName', value: 'Bob' }],
                    errors: [
                      {
                        __typename: 'DataImportRowError' as const,
                        code: 'DATA_IMPORT_VALUE_REQUIRED',
                        field: 'lastName',
                        column: 'Nachname',
                        message: 'Nachname is required',
                      },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      {
        request: { query: ImportsStartMutation, variables: { input: { id: 'import-1' } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            dataImportStart: { __typename: 'DataImportPayload' as const, dataImport: dataImport({ status: 'RUNNING', mapping: MAPPED }), userErrors: [] },
          },
        },
      },
    ]);
    const page = renderWithApollo(<ImportWizard initialType="Contact" upload={upload} />, [], '/', { link: live.link });

    const input = (await within(page).findByLabelText('File (CSV or XLSX)')) as HTMLInputElement;
    expect((within(page).getByLabelText('What to import') as HTMLSelectElement).value).toBe('Contact');
    const csv = new File(['Vorname,Nachname,Mail\nAda,Lovelace,ada@example.test\nBob,,\n'], 'people.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [csv] });
    fireEvent.change(input);
    fireEvent.click(within(page).getByRole('button', { name: 'Read the file' }));

    // The mapping starts from the module's suggestion; the person maps the third column.
    const mail = (await within(page).findByLabelText('Mail')) as HTMLSelectElement;
    expect(uploaded).toEqual(['people.csv']);
    expect(created[0]!.input).toMatchObject({ type: 'Contact', fileId: 'file-1' });
    expect(within(page).getByText('people.csv: 2 rows in 3 columns.')).toBeTruthy();
    expect((within(page).getByLabelText('Vorname') as HTMLSelectElement).value).toBe('firstName');
    expect((within(page).getByLabelText('Nachname') as HTMLSelectElement).value).toBe('lastName');
    expect(mail.value).toBe('');
    expect(within(mail).getByRole('option', { name: 'Last name (required)' })).toBeTruthy();
    fireEvent.change(mail, { target: { value: 'email' } });
    fireEvent.click(within(page).getByRole('button', { name: 'Check the rows' }));

    // The preview: the rows as they will be created, the invalid one with its problem.
    await within(page).findByText('Nachname is required');
    expect(mapped[0]!.input.mapping).toEqual([
      { column: 'Vorname', field: 'firstName' },
      { column: 'Nachname', field: 'lastName' },
      { column: 'Mail', field: 'email' },
    ]);
    expect(within(page).getByText('1 row of the preview has problems.')).toBeTruthy();
    expect(within(page).getByText('ada@example.test')).toBeTruthy();
    fireEvent.click(within(page).getByRole('button', { name: 'Import 2 rows' }));

    // Live progress, then the report.
    await waitFor(() => expect(live.subscribed()).toBe(true));
    expect(within(page).getByText('0 of 2 rows')).toBeTruthy();
    live.push({
      dataImportChanged: {
        __typename: 'DataImportChange',
        event: 'data_import.progressed',
        dataImport: dataImport({ status: 'RUNNING', mapping: MAPPED, processedRows: 2, createdRows: 1, failedRows: 1 }),
      },
    });
    await within(page).findByText('2 of 2 rows');
    expect(within(page).getByText('Created: 1')).toBeTruthy();
    expect(within(page).getByText('Failed: 1')).toBeTruthy();
    expect(within(page).getByRole('button', { name: 'Cancel the import' })).toBeTruthy();
    live.push({
      dataImportChanged: {
        __typename: 'DataImportChange',
        event: 'data_import.completed',
        dataImport: dataImport({
          status: 'COMPLETED',
          mapping: MAPPED,
          processedRows: 2,
          createdRows: 1,
          failedRows: 1,
          reportFile: { __typename: 'File', id: 'file-report', name: 'people - skipped and failed rows.csv', downloadUrl: 'https://store.test/report' },
        }),
      },
    });
    await within(page).findByText('The import is complete.');
    const report = within(page).getByRole('link', { name: 'Download the skipped and failed rows (CSV)' });
    expect(report.getAttribute('href')).toBe('https://store.test/report');
    expect(within(page).getByRole('button', { name: 'Import another file' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel the import' })).toBeNull();
  });
});
