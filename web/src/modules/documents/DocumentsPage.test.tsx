// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentsCreateFromTemplateMutationVariables, DocumentsListQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { documentsVariables, DocumentsPage, INITIAL_STATE, PAGE_SIZE } from './DocumentsPage';
import { DocumentsCreateFromTemplateMutation, DocumentsListQuery, DocumentsTemplatesQuery } from './operations';

afterEach(unmountAll);

const owner = { __typename: 'User' as const, id: 'user-ada', name: 'Ada Lovelace' };
const pageInfo = (hasNextPage: boolean) => ({
  __typename: 'PageInfo' as const,
  hasNextPage,
  hasPreviousPage: false,
  startCursor: 'c-start',
  endCursor: 'c-end',
});

/** Answers every list request with one document named after the filter asked, recording the variables. */
function listMock(calls: DocumentsListQueryVariables[]) {
  return {
    request: {
      query: DocumentsListQuery,
      variables: (variables: DocumentsListQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: (variables: DocumentsListQueryVariables) => ({
      data: {
        __typename: 'Query' as const,
        documents: {
          __typename: 'DocumentConnection' as const,
          totalCount: 30,
          pageInfo: pageInfo(true),
          nodes: [
            {
              __typename: 'Document' as const,
              id: `doc-${JSON.stringify(variables)}`,
              title: `Answer to status ${variables.filter?.status?.eq ?? 'any'}`,
              type: 'CONTRACT' as const,
              status: 'CLIENT_REVIEW' as const,
              expiresAt: null,
              updatedAt: '2026-12-01T10:00:00.000Z',
              owner,
            },
          ],
        },
      },
    }),
  };
}

const templates = {
  request: { query: DocumentsTemplatesQuery },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      documents: { __typename: 'DocumentConnection' as const, nodes: [{ __typename: 'Document' as const, id: 'tpl-1', title: 'Retainer' }] },
    },
  },
};

describe('documentsVariables', () => {
  it('asks the API for the type, the status, what expires before a day, and the order', () => {
    expect(documentsVariables(INITIAL_STATE)).toEqual({ first: PAGE_SIZE });
    const variables = documentsVariables({
      type: 'NDA',
      status: 'SENT',
      expiresBefore: '2027-01-31',
      sorting: [{ id: 'title', desc: false }],
      cursor: { after: 'c-1' },
    });
    expect(variables).toEqual({
      first: PAGE_SIZE,
      after: 'c-1',
      filter: { type: { eq: 'NDA' }, status: { eq: 'SENT' }, expiresAt: { lt: new Date('2027-01-31T00:00:00').toISOString() } },
      orderBy: [{ field: 'TITLE', direction: 'ASC' }],
    });
    expect(documentsVariables({ ...INITIAL_STATE, cursor: { before: 'c-9' } })).toEqual({ last: PAGE_SIZE, before: 'c-9' });
  });
});

describe('the documents page', () => {
  it('filters and pages through the API, and shows each status as a badge', async () => {
    const calls: DocumentsListQueryVariables[] = [];
    renderWithApollo(<DocumentsPage />, [listMock(calls), templates], '/documents');
    const table = await screen.findByRole('table', { name: 'Documents' });
    expect(table.textContent).toContain('Client review');
    expect(table.querySelector('.badge')?.textContent).toBe('Client review');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'SIGNED' } });
    await waitFor(() => expect(calls.at(-1)?.filter).toEqual({ status: { eq: 'SIGNED' } }));
    await screen.findByText('Answer to status SIGNED');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(calls.at(-1)).toMatchObject({ first: PAGE_SIZE, after: 'c-end' }), { timeout: 30_000 });
  });

  it('creates a document from a template', async () => {
    const created: DocumentsCreateFromTemplateMutationVariables[] = [];
    const createMock = {
      request: {
        query: DocumentsCreateFromTemplateMutation,
        variables: (variables: DocumentsCreateFromTemplateMutationVariables) => {
          created.push(variables);
          return true;
        },
      },
      result: {
        data: {
          __typename: 'Mutation' as const,
          documentCreateFromTemplate: {
            __typename: 'DocumentPayload' as const,
            document: null,
            userErrors: [
              { __typename: 'UserError' as const, code: 'DOCUMENT_NOT_A_TEMPLATE', field: ['input', 'templateId'], message: 'That is not a template.' },
            ],
          },
        },
      },
    };
    renderWithApollo(<DocumentsPage />, [listMock([]), templates, createMock], '/documents?new=1');
    const dialog = await screen.findByRole('dialog', { name: 'New document' });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Retainer for Acme' } });
    await screen.findByRole('option', { name: 'Template: Retainer' });
    fireEvent.change(screen.getByLabelText('Start from'), { target: { value: 'tpl-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create document' }));
    // The server's refusal is shown at its field.
    expect((await screen.findByRole('alert')).textContent).toBe('That is not a template.');
    expect(created[0]?.input).toMatchObject({ templateId: 'tpl-1', title: 'Retainer for Acme', type: 'CONTRACT' });
    expect(dialog).toBeTruthy();
  });
});
