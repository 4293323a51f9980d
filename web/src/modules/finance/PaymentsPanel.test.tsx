// @vitest-environment happy-dom
import { useFragment } from '@apollo/client/react';
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FinanceInvoiceFragmentDoc,
  type FinanceCreditNoteIssueMutationVariables,
  type FinanceInvoiceFragment,
  type FinancePaymentFragment,
} from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FinanceCreditNoteIssueMutation, FinanceInvoicePaymentsQuery } from './operations';
import { PaymentsPanel } from './PaymentsPanel';

afterEach(unmountAll);

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'USD' });

const invoice = (paid: string, due: string): FinanceInvoiceFragment & { __typename: 'Invoice' } => ({
  __typename: 'Invoice',
  id: 'inv-1',
  number: 'INV-2026-0007',
  status: paid === '0.00' ? 'SENT' : 'PARTIALLY_PAID',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  currencyCode: 'USD',
  memo: null,
  terms: null,
  sentAt: '2026-12-01T10:00:00.000Z',
  viewedAt: null,
  paidAt: null,
  voidedAt: null,
  discount: null,
  subtotal: money('100.00'),
  discountTotal: money('0.00'),
  taxTotal: money('19.00'),
  total: money('119.00'),
  amountPaid: money(paid),
  amountDue: money(due),
  contact: { __typename: 'Contact', id: 'c-1', name: 'Acme GmbH', email: 'ap@acme.test' },
  lines: [
    {
      __typename: 'InvoiceLine',
      id: 'l-1',
      position: 0,
      description: 'Consulting',
      quantity: '1',
      taxRate: '19',
      unitPrice: money('100.00'),
      amount: money('100.00'),
      taxAmount: money('19.00'),
    },
  ],
});

const entry = (id: string, type: FinancePaymentFragment['type'], amount: string, change: Partial<FinancePaymentFragment> = {}): FinancePaymentFragment => ({
  __typename: 'Payment',
  id,
  type,
  method: type === 'CREDIT_NOTE' ? null : 'BANK_TRANSFER',
  status: 'COMPLETED',
  reference: null,
  description: null,
  failureMessage: null,
  paidAt: '2026-12-02T10:00:00.000Z',
  createdAt: '2026-12-02T10:00:00.000Z',
  amount: money(amount),
  fee: money('0.00'),
  refundOf: null,
  ...change,
});

const payment = entry('pay-1', 'PAYMENT', '50.00', { reference: 'WIRE-1' });
const refund = entry('ref-1', 'REFUND', '10.00', { description: 'Returned hours', refundOf: { __typename: 'Payment', id: 'pay-1' } });
const creditNote = entry('cn-1', 'CREDIT_NOTE', '20.00', { description: 'Damaged goods' });

const ledger = (nodes: FinancePaymentFragment[]) => ({
  request: { query: FinanceInvoicePaymentsQuery, variables: { id: 'inv-1' } },
  result: {
    data: {
      __typename: 'Query' as const,
      invoice: { __typename: 'Invoice' as const, id: 'inv-1', payments: { __typename: 'PaymentConnection' as const, nodes } },
    },
  },
});

function issued(
  calls: FinanceCreditNoteIssueMutationVariables[],
  result: { creditNote: FinancePaymentFragment | null; invoice: FinanceInvoiceFragment | null; userErrors: object[] },
) {
  return {
    request: {
      query: FinanceCreditNoteIssueMutation,
      variables: (variables: FinanceCreditNoteIssueMutationVariables) => {
        calls.push(variables);
        return true;
      },
    },
    result: { data: { __typename: 'Mutation' as const, creditNoteIssue: { __typename: 'CreditNoteIssuePayload' as const, ...result } } },
  };
}

/** What the invoice page reads from the cache: the invoice's amount due, as the panel's mutation left it. */
function CachedAmountDue() {
  const { data, complete } = useFragment({ fragment: FinanceInvoiceFragmentDoc, fragmentName: 'FinanceInvoice', from: { __typename: 'Invoice', id: 'inv-1' } });
  return <output aria-label="Cached amount due">{complete ? data.amountDue.amount : ''}</output>;
}

describe('the Payments panel', () => {
  it('shows each ledger entry by its type, signed', async () => {
    renderWithApollo(<PaymentsPanel invoice={invoice('40.00', '79.00')} />, [ledger([payment, refund])], '/finance/invoices/inv-1');
    const paid = await screen.findByRole('listitem', { name: 'Payment of 50.00' });
    const back = screen.getByRole('listitem', { name: 'Refund of 10.00' });
    expect(paid.textContent).toMatch(/^Payment \+\$50\.00 Bank transfer Completed ref\. WIRE-1 Dec/);
    expect(back.textContent).toMatch(/^Refund −\$10\.00 Bank transfer Completed “Returned hours” /);
    expect(back.className).toContain('fin-entry-refund');
    // Only a completed payment is refundable, never a refund.
    expect(within(paid).getByRole('button', { name: 'Refund' })).toBeTruthy();
    expect(within(back).queryByRole('button', { name: 'Refund' })).toBeNull();
  });

  it('issues a credit note: its variables, then the ledger shows it as a credit note', async () => {
    const calls: FinanceCreditNoteIssueMutationVariables[] = [];
    renderWithApollo(
      <>
        <PaymentsPanel invoice={invoice('0.00', '119.00')} />
        <CachedAmountDue />
      </>,
      [ledger([payment]), issued(calls, { creditNote, invoice: invoice('20.00', '99.00'), userErrors: [] }), ledger([payment, creditNote])],
      '/finance/invoices/inv-1',
    );
    await screen.findByRole('listitem', { name: 'Payment of 50.00' });
    fireEvent.click(screen.getByRole('button', { name: 'Issue credit note' }));
    const form = await screen.findByRole('form', { name: 'Issue credit note' });
    const amount = within(form).getByLabelText('Credit amount') as HTMLInputElement;
    expect(amount.value).toBe('119.00'); // the amount due, to start from
    fireEvent.change(amount, { target: { value: '20.00' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: ' Damaged goods ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Issue credit note' }));

    const credited = await screen.findByRole('listitem', { name: 'Credit note of 20.00' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toMatchObject({ invoiceId: 'inv-1', amount: '20.00', reason: 'Damaged goods' });
    expect(calls[0]?.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(credited.textContent).toMatch(/^Credit note −\$20\.00 Completed “Damaged goods” Dec/);
    expect(credited.className).toContain('fin-entry-credit-note');
    expect(within(credited).queryByRole('button', { name: 'Refund' })).toBeNull();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Issue credit note' })).toBeNull());
    // The payload's invoice updated the cached one: the invoice page's totals follow without a reload.
    expect(screen.getByLabelText('Cached amount due').textContent).toBe('99.00');
  });

  it('shows the refusal of an amount above what is due at the amount', async () => {
    const calls: FinanceCreditNoteIssueMutationVariables[] = [];
    const tooMuch = {
      __typename: 'UserError' as const,
      code: 'PAYMENT_EXCEEDS_AMOUNT_DUE',
      field: ['input', 'amount'],
      message: 'The amount exceeds what is due on the invoice (119.00 USD)',
    };
    renderWithApollo(
      <PaymentsPanel invoice={invoice('0.00', '119.00')} />,
      [ledger([]), issued(calls, { creditNote: null, invoice: null, userErrors: [tooMuch] })],
      '/finance/invoices/inv-1',
    );
    expect(await screen.findByText('No payments yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Issue credit note' }));
    const form = await screen.findByRole('form', { name: 'Issue credit note' });
    fireEvent.change(within(form).getByLabelText('Credit amount'), { target: { value: '500.00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Issue credit note' }));

    const error = await within(form).findByRole('alert');
    expect(error.textContent).toBe('The amount exceeds what is due on the invoice (119.00 USD)');
    expect(within(form).getByLabelText('Credit amount').getAttribute('aria-invalid')).toBe('true');
    expect(calls[0]?.input).toMatchObject({ invoiceId: 'inv-1', amount: '500.00', reason: null });
    expect(screen.queryByRole('listitem')).toBeNull();
  });
});
