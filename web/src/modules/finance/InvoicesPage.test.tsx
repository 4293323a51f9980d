// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinanceInvoicesQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { INITIAL_STATE, invoicesVariables, InvoicesPage, PAGE_SIZE } from './InvoicesPage';
import { FinanceInvoicesQuery } from './operations';

afterEach(unmountAll);

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'EUR' });

/** Answers every list request with one invoice named after the status asked, recording the variables. */
function listMock(calls: FinanceInvoicesQueryVariables[], nodes = true) {
  return {
    request: {
      query: FinanceInvoicesQuery,
      variables: (variables: FinanceInvoicesQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: (variables: FinanceInvoicesQueryVariables) => ({
      data: {
        __typename: 'Query' as const,
        invoices: {
          __typename: 'InvoiceConnection' as const,
          totalCount: nodes ? 1 : 0,
          pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          nodes: nodes
            ? [
                {
                  __typename: 'Invoice' as const,
                  id: `inv-${JSON.stringify(variables)}`,
                  number: `INV-${variables.filter?.status?.eq ?? 'ANY'}`,
                  status: 'PARTIALLY_PAID' as const,
                  issueDate: '2026-12-01',
                  dueDate: '2026-12-31',
                  currencyCode: 'EUR',
                  total: money('1190.00'),
                  amountDue: money('190.00'),
                  contact: { __typename: 'Contact' as const, id: 'c-1', name: 'Acme GmbH' },
                },
              ]
            : [],
        },
      },
    }),
  };
}

describe('the invoices list', () => {
  it('asks the API for the filters and order as variables', () => {
    expect(invoicesVariables(INITIAL_STATE)).toEqual({ first: PAGE_SIZE });
    expect(
      invoicesVariables({
        ...INITIAL_STATE,
        status: 'SENT',
        contact: { id: 'c-1', name: 'Acme' },
        issuedFrom: '2026-01-01',
        issuedTo: '2026-03-31',
        overdueOnly: true,
        sorting: [{ id: 'amountDue', desc: true }],
        cursor: { after: 'c9' },
      }),
    ).toEqual({
      first: PAGE_SIZE,
      after: 'c9',
      filter: { status: { eq: 'SENT' }, contact: { eq: 'c-1' }, issueDate: { gte: '2026-01-01', lte: '2026-03-31' }, overdue: true },
      orderBy: [{ field: 'AMOUNT_DUE', direction: 'DESC' }],
    });
  });

  it('shows status badges and amounts due, and filters by status through the API', async () => {
    const calls: FinanceInvoicesQueryVariables[] = [];
    renderWithApollo(<InvoicesPage />, [listMock(calls)]);
    await screen.findByText('INV-ANY');
    expect(screen.getByText('Partially paid', { selector: '.badge' }).className).toContain('fin-status-partially-paid');
    expect(screen.getByText('€190.00')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'OVERDUE' } });
    await screen.findByText('INV-OVERDUE');
    fireEvent.click(screen.getByLabelText(/Overdue only/));
    await waitFor(() => expect(calls.at(-1)?.filter).toEqual({ status: { eq: 'OVERDUE' }, overdue: true }));
  });

  it('says when there are no invoices yet', async () => {
    renderWithApollo(<InvoicesPage />, [listMock([], false)]);
    await screen.findByText('No invoices yet');
  });
});
