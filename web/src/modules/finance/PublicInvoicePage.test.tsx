// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FinancePublicInvoiceQuery } from './operations';
import { PublicInvoicePage } from './PublicInvoicePage';

afterEach(unmountAll);

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'EUR' });

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
});
