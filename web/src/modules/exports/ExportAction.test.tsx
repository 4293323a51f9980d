// @vitest-environment happy-dom
import type { ColumnDef } from '@tanstack/react-table';
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { ModulesContext } from '../../app/context';
import type { DataExportCreateMutationVariables } from '../../gql/graphql';
import { liveFeedLink } from '../../testing/live';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { DataTable } from '../../ui/DataTable';
import { exportRequestOf } from './exportQuery';
import { exportsModule } from './index';
import { DataExportCreateMutation, DataExportQuery } from './operations';

afterEach(unmountAll);

const CONTACTS = parse(`query CrmContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: [ContactOrder!]) {
  contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    __typename totalCount pageInfo { hasNextPage endCursor } nodes { __typename id name assignedTo { __typename name } tags(first: 5) { name } }
  }
}`);
const VARIABLES = { first: 25, after: 'c25', filter: { status: { eq: 'ACTIVE' } }, orderBy: [{ field: 'COMPANY', direction: 'ASC' }] };

type Row = { id: string; name: string };
const columns: ColumnDef<Row, unknown>[] = [{ accessorKey: 'name', header: 'Name' }];

const exportOf = (state: string, rowsExported: number, downloadUrl: string | null = null) => ({
  __typename: 'DataExport',
  id: 'export-1',
  name: 'Contacts',
  format: 'XLSX',
  state,
  rowsExported,
  downloadUrl,
  error: null,
});

function table(modules = [exportsModule]) {
  return (
    <ModulesContext.Provider value={modules}>
      <DataTable
        label="Contacts"
        columns={columns}
        rows={[{ id: 'c1', name: 'Ada' }]}
        rowId={(row) => row.id}
        exportable={{ query: CONTACTS, variables: VARIABLES, name: 'Contacts' }}
      />
    </ModulesContext.Provider>
  );
}

describe('the Export action of a list', () => {
  it('exports the whole list with its filters and order, then shows the rows pushed so far and the download link', async () => {
    const created: DataExportCreateMutationVariables[] = [];
    const live = liveFeedLink('DataExportChanged', [
      {
        request: {
          query: DataExportCreateMutation,
          variables: (variables: DataExportCreateMutationVariables) => {
            created.push(variables);
            return true;
          },
        },
        result: { data: { dataExportCreate: { __typename: 'DataExportPayload', dataExport: exportOf('QUEUED', 0), userErrors: [] } } },
      },
      { request: { query: DataExportQuery, variables: { id: 'export-1' } }, result: { data: { dataExport: exportOf('QUEUED', 0) } } },
    ]);
    renderWithApollo(table(), [], '/', { link: live.link });

    fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    fireEvent.change(await screen.findByLabelText('Format'), { target: { value: 'XLSX' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));

    await screen.findByText('Waiting to start…');
    const { query, variables } = exportRequestOf(CONTACTS, VARIABLES);
    expect(created).toEqual([{ input: { query, variables, format: 'XLSX', name: 'Contacts' } }]);
    // The page's paging is left out (the export pages through everything); the list's filters and order stay.
    expect(query).not.toMatch(/\$first|\$after|__typename/);
    expect(query).toContain('contacts(filter: $filter, orderBy: $orderBy)');
    expect(query).toContain('tags(first: 5)');
    expect(variables).toEqual({ filter: VARIABLES.filter, orderBy: VARIABLES.orderBy });

    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push({
      dataExportChanged: { __typename: 'DataExportChange', event: 'data_export.progressed', rowsExported: 5000, dataExport: exportOf('RUNNING', 5000) },
    });
    await screen.findByText('5,000 rows exported so far…');
    expect(screen.getByRole('button', { name: 'Cancel export' })).toBeTruthy();

    live.push({
      dataExportChanged: {
        __typename: 'DataExportChange',
        event: 'data_export.succeeded',
        rowsExported: 12345,
        dataExport: exportOf('SUCCEEDED', 12345, 'https://store.test/export.xlsx?X-Amz-Expires=3600'),
      },
    });
    const link = await screen.findByRole('link', { name: 'Download Contacts' });
    expect(link.getAttribute('href')).toBe('https://store.test/export.xlsx?X-Amz-Expires=3600');
    expect(screen.getByText('Done: 12,345 rows exported.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
  });

  it('shows the server’s coded refusal of the query', async () => {
    renderWithApollo(table(), [
      {
        request: { query: DataExportCreateMutation, variables: () => true },
        result: {
          data: {
            dataExportCreate: {
              __typename: 'DataExportPayload',
              dataExport: null,
              userErrors: [
                { __typename: 'UserError', code: 'EXPORT_QUERY_INVALID', field: ['input', 'query'], message: 'Select at least one field of the nodes' },
              ],
            },
          },
        },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Start export' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Select at least one field of the nodes');
  });

  it('is not offered when the cell does not serve exports', async () => {
    renderWithApollo(table([]), []);
    await screen.findByText('Ada');
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
