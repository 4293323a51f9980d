// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  FinanceInvoiceMakeRecurringMutationVariables,
  FinanceRecurringInvoiceFragment,
  FinanceRecurringInvoiceStopMutationVariables,
  FinanceRecurringInvoiceUpdateMutationVariables,
} from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import {
  FinanceInvoiceMakeRecurringMutation,
  FinanceInvoiceRecurrenceQuery,
  FinanceRecurringInvoiceStopMutation,
  FinanceRecurringInvoiceUpdateMutation,
} from './operations';
import { RecurringPanel } from './RecurringPanel';

afterEach(unmountAll);

const invoice = { id: 'inv-1', status: 'DRAFT' as const };

const rule = (change: Partial<FinanceRecurringInvoiceFragment> = {}): FinanceRecurringInvoiceFragment => ({
  __typename: 'RecurringInvoice',
  id: 'rule-1',
  frequency: 'WEEKLY',
  startDate: '2027-01-01',
  nextIssueDate: '2027-01-15',
  endDate: null,
  autoSend: true,
  sendTo: ['ap@acme.test', 'billing@acme.test'],
  enabled: true,
  active: true,
  stoppedAt: null,
  invoices: {
    __typename: 'InvoiceConnection',
    totalCount: 2,
    nodes: [
      { __typename: 'Invoice', id: 'inv-3', number: 'INV-2027-0003', status: 'SENT', issueDate: '2027-01-08' },
      { __typename: 'Invoice', id: 'inv-2', number: 'INV-2027-0002', status: 'PAID', issueDate: '2027-01-01' },
    ],
  },
  ...change,
});

const recurrence = (recurring: FinanceRecurringInvoiceFragment | null) => ({
  request: { query: FinanceInvoiceRecurrenceQuery, variables: { id: 'inv-1' } },
  result: { data: { __typename: 'Query' as const, invoice: { __typename: 'Invoice' as const, id: 'inv-1', recurrence: recurring, issuedBy: null } } },
});

const payload = (field: string, recurring: FinanceRecurringInvoiceFragment | null, userErrors: { code: string; field: string[]; message: string }[] = []) => ({
  data: {
    __typename: 'Mutation' as const,
    [field]: {
      __typename: 'RecurringInvoicePayload' as const,
      recurringInvoice: recurring,
      userErrors: userErrors.map((error) => ({ __typename: 'UserError' as const, ...error })),
    },
  },
});

describe('the Repeat panel', () => {
  it('makes an invoice recurring with auto-send, shows the server’s refusal, then the running rule', async () => {
    const made: FinanceInvoiceMakeRecurringMutationVariables[] = [];
    const make = (result: ReturnType<typeof payload>) => ({
      request: {
        query: FinanceInvoiceMakeRecurringMutation,
        variables: (variables: FinanceInvoiceMakeRecurringMutationVariables) => {
          made.push(variables);
          return true;
        },
      },
      result,
    });
    const noRecipient = {
      code: 'RECURRING_INVOICE_NO_RECIPIENT',
      field: ['input', 'sendTo'],
      message: 'The contact has no e-mail address: give the recipients of auto-sent invoices in `sendTo`',
    };
    renderWithApollo(
      <RecurringPanel invoice={invoice} />,
      [recurrence(null), make(payload('invoiceMakeRecurring', null, [noRecipient])), make(payload('invoiceMakeRecurring', rule())), recurrence(rule())],
      '/finance/invoices/inv-1',
    );
    const form = await screen.findByRole('form', { name: 'Make recurring' });
    fireEvent.change(within(form).getByLabelText('Frequency'), { target: { value: 'WEEKLY' } });
    fireEvent.change(within(form).getByLabelText('Start date'), { target: { value: '2027-01-01' } });
    expect(within(form).queryByLabelText('Send to')).toBeNull();
    fireEvent.click(within(form).getByLabelText('Send each invoice automatically'));
    fireEvent.click(within(form).getByRole('button', { name: 'Make recurring' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The contact has no e-mail address');
    expect(made[0]?.input).toMatchObject({ invoiceId: 'inv-1', frequency: 'WEEKLY', startDate: '2027-01-01', endDate: null, autoSend: true, sendTo: null });

    fireEvent.change(within(form).getByLabelText('Send to'), { target: { value: 'ap@acme.test, billing@acme.test' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Make recurring' }));
    const summary = await screen.findByLabelText('Recurring invoice');
    expect(made[1]?.input).toMatchObject({ autoSend: true, sendTo: ['ap@acme.test', 'billing@acme.test'] });
    // One key for the form: a retry of the same making is replayed, not made twice.
    expect(made[1]?.input.idempotencyKey).toBe(made[0]?.input.idempotencyKey);
    expect(summary.textContent).toContain('Each invoice is sent to ap@acme.test, billing@acme.test.');
    expect(summary.textContent).toContain('2 invoices issued');
    const links = within(within(summary).getByRole('list', { name: 'Issued invoices' })).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['INV-2027-0003', '/finance/invoices/inv-3'],
      ['INV-2027-0002', '/finance/invoices/inv-2'],
    ]);
    expect(screen.queryByRole('form', { name: 'Make recurring' })).toBeNull();
  });

  it('changes a running rule (auto-send off keeps it issuing drafts) and stops it', async () => {
    const updates: FinanceRecurringInvoiceUpdateMutationVariables[] = [];
    const stops: FinanceRecurringInvoiceStopMutationVariables[] = [];
    const drafts = rule({ autoSend: false });
    renderWithApollo(
      <RecurringPanel invoice={invoice} />,
      [
        recurrence(rule()),
        {
          request: {
            query: FinanceRecurringInvoiceUpdateMutation,
            variables: (variables: FinanceRecurringInvoiceUpdateMutationVariables) => {
              updates.push(variables);
              return true;
            },
          },
          result: payload('recurringInvoiceUpdate', drafts),
        },
        {
          request: {
            query: FinanceRecurringInvoiceStopMutation,
            variables: (variables: FinanceRecurringInvoiceStopMutationVariables) => {
              stops.push(variables);
              return true;
            },
          },
          result: payload('recurringInvoiceStop', { ...drafts, enabled: false, active: false, stoppedAt: '2027-01-20T09:00:00.000Z' }),
        },
      ],
      '/finance/invoices/inv-1',
    );
    const summary = await screen.findByLabelText('Recurring invoice');
    expect(summary.textContent).toContain('Each invoice is sent to ap@acme.test, billing@acme.test.');
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const editor = await screen.findByRole('form', { name: 'Change recurring invoice' });
    expect((within(editor).getByLabelText('Send to') as HTMLInputElement).value).toBe('ap@acme.test, billing@acme.test');
    fireEvent.change(within(editor).getByLabelText('End date'), { target: { value: '2027-12-31' } });
    fireEvent.click(within(editor).getByLabelText('Send each invoice automatically'));
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByLabelText('Recurring invoice').textContent).toContain('Each invoice is issued as a draft for you to send.'));
    // Unchanged frequency and next date are not sent (they would restart the periods); no recipients without auto-send.
    expect(updates).toEqual([{ input: { id: 'rule-1', frequency: null, nextIssueDate: null, endDate: '2027-12-31', autoSend: false } }]);

    fireEvent.click(screen.getByRole('button', { name: 'Stop repeating' }));
    await screen.findByText(/Stopped on .*; it issued 2 invoices\./);
    expect(stops).toEqual([{ input: { id: 'rule-1' } }]);
    // A stopped invoice may recur again.
    expect(screen.getByRole('form', { name: 'Make recurring' })).toBeTruthy();
  });
});
