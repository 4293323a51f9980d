// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/dom';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FinancePublicInvoicePayMutationVariables, InvoiceStatus } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FinancePublicInvoicePayMutation, FinancePublicInvoiceQuery } from './operations';
import { PublicInvoicePage } from './PublicInvoicePage';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'EUR' });
const PDF_URL = 'http://gateway.test/hooks/finance/invoices/pdf?token=cgi_abc';
const PAYMENT_URL = 'http://gateway.test/hooks/finance/pay/pi_1?client_secret=s';

/** The public view of the token cgi_abc: `status`, `payable` and `amountDue` as given. */
const viewOf = (status: InvoiceStatus, payable: boolean, amountDue = '100.00') => ({
  request: { query: FinancePublicInvoiceQuery, variables: { token: 'cgi_abc' } },
  result: {
    data: {
      __typename: 'Query' as const,
      publicInvoice: {
        __typename: 'PublicInvoice' as const,
        number: 'INV-2026-0003',
        status,
        pdfUrl: PDF_URL,
        organizationName: 'Studio North',
        customerName: 'Acme GmbH',
        issueDate: '2026-12-01',
        dueDate: '2026-12-31',
        currencyCode: 'EUR',
        memo: null,
        terms: null,
        payable,
        lines: [],
        subtotal: money('119.00'),
        discountTotal: money('0.00'),
        taxTotal: money('19.00'),
        total: money('119.00'),
        amountPaid: money('19.00'),
        amountDue: money(amountDue),
      },
    },
  },
});

/** publicInvoicePay for cgi_abc (any idempotency key, recorded in `keys`) answering `payload`. */
const payOf = (payload: { paymentUrl: string | null; userErrors: { code: string; field: string[] | null; message: string }[] }, keys: string[] = []) => ({
  request: {
    query: FinancePublicInvoicePayMutation,
    variables: (variables: FinancePublicInvoicePayMutationVariables) => {
      keys.push(variables.idempotencyKey ?? '');
      return variables.token === 'cgi_abc' && Boolean(variables.idempotencyKey);
    },
  },
  result: {
    data: {
      __typename: 'Mutation' as const,
      publicInvoicePay: {
        __typename: 'PublicInvoicePayPayload' as const,
        paymentUrl: payload.paymentUrl,
        userErrors: payload.userErrors.map((error) => ({ __typename: 'UserError' as const, ...error })),
      },
    },
  },
});

describe('the public invoice page', () => {
  it('shows the invoice of the link’s token with what is due', async () => {
    renderWithApollo(
      <PublicInvoicePage />,
      [
        {
          request: { query: FinancePublicInvoiceQuery, variables: { token: 'cgi_abc' } },
          result: {
            data: {
              __typename: 'Query' as const,
              publicInvoice: {
                __typename: 'PublicInvoice' as const,
                number: 'INV-2026-0003',
                status: 'VIEWED' as const,
                organizationName: 'Studio North',
                customerName: 'Acme GmbH',
                issueDate: '2026-12-01',
                dueDate: '2026-12-31',
                currencyCode: 'EUR',
                memo: 'Thank you',
                terms: null,
                payable: true,
                pdfUrl: PDF_URL,
                lines: [
                  {
                    __typename: 'PublicInvoiceLine' as const,
                    description: 'Design',
                    quantity: '2',
                    taxRate: '19',
                    unitPrice: money('50.00'),
                    amount: money('100.00'),
                  },
                ],
                subtotal: money('100.00'),
                discountTotal: money('0.00'),
                taxTotal: money('19.00'),
                total: money('119.00'),
                amountPaid: money('19.00'),
                amountDue: money('100.00'),
              },
            },
          },
        },
      ],
      '/invoice?token=cgi_abc',
    );
    await screen.findByRole('heading', { name: 'Invoice INV-2026-0003' });
    expect(screen.getByText('Studio North')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Totals' })).getByLabelText('Amount due').textContent).toBe('€100.00');
  });

  it('says in words when the link is not valid', async () => {
    renderWithApollo(
      <PublicInvoicePage />,
      [
        {
          request: { query: FinancePublicInvoiceQuery, variables: { token: 'cgi_old' } },
          result: { errors: [new GraphQLError('token', { extensions: { code: 'INVOICE_TOKEN_INVALID' } })] },
        },
      ],
      '/invoice?token=cgi_old',
    );
    await screen.findByText('This invoice link is invalid or has expired. Ask the sender for a new one.');
  });

  it('offers to pay the amount due when the invoice is payable, and goes to the provider’s page', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    const keys: string[] = [];
    renderWithApollo(<PublicInvoicePage />, [viewOf('VIEWED', true), payOf({ paymentUrl: PAYMENT_URL, userErrors: [] }, keys)], '/invoice?token=cgi_abc');
    const pay = await screen.findByRole('button', { name: 'Pay €100.00' });
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(PDF_URL);
    pay.click();
    await waitFor(() => expect(assign).toHaveBeenCalledWith(PAYMENT_URL));
    expect(keys.filter(Boolean)).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers no payment for an invoice that takes none, and says when it is paid', async () => {
    renderWithApollo(<PublicInvoicePage />, [viewOf('PAID', false, '0.00')], '/invoice?token=cgi_abc');
    await screen.findByText('Paid in full. Thank you.');
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(PDF_URL);
    unmountAll();

    renderWithApollo(<PublicInvoicePage />, [viewOf('VOID', false)], '/invoice?token=cgi_abc');
    await screen.findByRole('heading', { name: 'Invoice INV-2026-0003' });
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
    expect(screen.queryByText('Paid in full. Thank you.')).toBeNull();
  });

  it('says why a payment could not start, and stays on the page', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    const refusal = { code: 'PAYMENT_INVOICE_NOT_PAYABLE', field: ['token'], message: 'A PAID invoice takes no payments or credits' };
    renderWithApollo(<PublicInvoicePage />, [viewOf('VIEWED', true), payOf({ paymentUrl: null, userErrors: [refusal] })], '/invoice?token=cgi_abc');
    (await screen.findByRole('button', { name: 'Pay €100.00' })).click();
    expect((await screen.findByRole('alert')).textContent).toContain('A PAID invoice takes no payments or credits');
    expect(assign).not.toHaveBeenCalled();
  });
});
