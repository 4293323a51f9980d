// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinanceExpensesQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { expensesVariables, ExpensesPage } from './ExpensesPage';
import { FinanceExpenseApproveMutation, FinanceExpensesQuery } from './operations';

afterEach(unmountAll);

const expense = {
  __typename: 'Expense' as const,
  id: 'exp-1',
  category: 'TRAVEL' as const,
  description: 'Train to the client',
  vendor: 'Deutsche Bahn',
  expenseDate: '2026-12-02',
  status: 'PENDING' as const,
  rejectionReason: null,
  decidedAt: null,
  reimbursedAt: null,
  amount: { __typename: 'Money' as const, amount: '89.90', currencyCode: 'EUR' },
  receipt: { __typename: 'File' as const, id: 'f-1', name: 'ticket.pdf', downloadUrl: 'https://store.test/ticket.pdf' },
  submitter: { __typename: 'User' as const, id: 'u-1', name: 'Sam Submitter' },
  approver: null,
};

function listMock(calls: FinanceExpensesQueryVariables[]) {
  return {
    request: {
      query: FinanceExpensesQuery,
      variables: (variables: FinanceExpensesQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        __typename: 'Query' as const,
        expenses: {
          __typename: 'ExpenseConnection' as const,
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          nodes: [expense],
        },
      },
    },
  };
}

describe('the expenses page', () => {
  it('asks the API for the filters and order', () => {
    expect(expensesVariables({ status: 'APPROVED', category: 'MEALS', sorting: [{ id: 'amount', desc: true }], cursor: {} })).toEqual({
      first: 25,
      filter: { status: { eq: 'APPROVED' }, category: { eq: 'MEALS' } },
      orderBy: [{ field: 'AMOUNT', direction: 'DESC' }],
    });
  });

  it('lists an expense with its receipt and says in words why approving was refused', async () => {
    const calls: FinanceExpensesQueryVariables[] = [];
    renderWithApollo(<ExpensesPage />, [
      listMock(calls),
      {
        request: { query: FinanceExpenseApproveMutation, variables: { input: { id: 'exp-1' } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            expenseApprove: {
              __typename: 'ExpensePayload' as const,
              expense: null,
              userErrors: [{ __typename: 'UserError' as const, code: 'EXPENSE_OWN_APPROVAL', field: null, message: 'You cannot approve your own expense.' }],
            },
          },
        },
      },
    ]);
    const receipt = await screen.findByRole('link', { name: 'ticket.pdf' });
    expect(receipt.getAttribute('href')).toBe('https://store.test/ticket.pdf');
    expect(screen.getByText('Pending', { selector: '.badge' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await screen.findByText('You cannot approve your own expense.');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'REJECTED' } });
    await waitFor(() => expect(calls.at(-1)?.filter).toEqual({ status: { eq: 'REJECTED' } }));
  });
});
