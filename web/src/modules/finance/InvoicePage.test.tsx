// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinanceInvoiceFragment } from '../../gql/graphql';
import { Route, Routes } from 'react-router';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { InvoicePage } from './InvoicePage';
import { FinanceInvoiceQuery, FinanceInvoiceRecurrenceQuery } from './operations';
import { liveFeedLink } from '../../testing/live';

afterEach(unmountAll);

const page = (
  <Routes>
    <Route path="/finance/invoices/:invoiceId" element={<InvoicePage />} />
  </Routes>
);

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'USD' });

const sentInvoice: FinanceInvoiceFragment & { __typename: 'Invoice' } = {
  __typename: 'Invoice',
  id: 'inv-1',
  number: 'INV-2026-0007',
  status: 'SENT',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  currencyCode: 'USD',
  memo: 'Thank you',
  terms: 'Net 30',
  sentAt: '2026-12-01T10:00:00.000Z',
  viewedAt: null,
  paidAt: null,
  voidedAt: null,
  discount: null,
  subtotal: money('100.00'),
  discountTotal: money('0.00'),
  taxTotal: money('19.00'),
  total: money('119.00'),
  amountPaid: money('0.00'),
  amountDue: money('119.00'),
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
};

describe('the invoice editor', () => {
  it('shows the live total while lines are typed, exactly', async () => {
    renderWithApollo(page, [], '/finance/invoices/new');
    const totals = await screen.findByRole('region', { name: 'Totals' });
    fireEvent.change(screen.getByLabelText('Description of line 1'), { target: { value: 'Design' } });
    fireEvent.change(screen.getByLabelText('Quantity of line 1'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Unit price of line 1'), { target: { value: '0.10' } });
    await waitFor(() => expect(within(totals).getByLabelText('Total').textContent).toBe('$0.30'));
    fireEvent.click(screen.getByRole('button', { name: '+ Add line' }));
    fireEvent.change(await screen.findByLabelText('Unit price of line 2'), { target: { value: '10.05' } });
    fireEvent.change(screen.getByLabelText('Tax rate of line 2'), { target: { value: '19' } });
    // 0.30 + 10.05, tax 10.05 × 19% = 1.9095 → 1.91
    await waitFor(() => expect(within(totals).getByLabelText('Total').textContent).toBe('$12.26'));
    expect(within(totals).getByLabelText('Tax').textContent).toBe('$1.91');
    fireEvent.change(screen.getByLabelText('Unit price of line 2'), { target: { value: '10,05' } });
    await within(await screen.findByRole('region', { name: 'Totals' })).findByText(/must be numbers/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove line 2' }));
    await waitFor(() => expect(within(totals).getByLabelText('Total').textContent).toBe('$0.30'));
  });

  it('shows a sent invoice read-only with the server’s amounts', async () => {
    const live = liveFeedLink('FinanceInvoiceChanged', [
      { request: { query: FinanceInvoiceQuery, variables: { id: 'inv-1' } }, result: { data: { __typename: 'Query' as const, invoice: sentInvoice } } },
      {
        request: { query: FinanceInvoiceRecurrenceQuery, variables: { id: 'inv-1' } },
        result: { data: { __typename: 'Query' as const, invoice: { __typename: 'Invoice' as const, id: 'inv-1', recurrence: null, issuedBy: null } } },
      },
    ]);
    renderWithApollo(page, [], '/finance/invoices/inv-1', { link: live.link });
    await screen.findByRole('heading', { name: 'Invoice INV-2026-0007' });
    const totals = screen.getByRole('region', { name: 'Totals' });
    expect(within(totals).getByLabelText('Amount due').textContent).toBe('$119.00');
    expect((screen.getByLabelText('Unit price of line 1') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '+ Add line' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Void' })).toBeTruthy();
    // The Repeat panel offers to make it recurring.
    await screen.findByRole('form', { name: 'Make recurring' });
    // The live change (the customer opened it) reaches the page.
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push({
      __typename: 'Subscription',
      invoiceChanged: { __typename: 'InvoiceChange', event: 'invoice.viewed', invoiceId: 'inv-1', invoice: { ...sentInvoice, status: 'VIEWED' } },
    });
    await screen.findByText('Viewed', { selector: '.badge' });
  });
});
