import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../../ui/states';
import { FinancePublicInvoiceQuery } from './operations';
import { Amount, formatLocalDate, StatusBadge } from './shared';
import './finance.css';

/**
 * /invoice?token=… — the page an invoice e-mail links to, for a customer without an account: who
 * issued it, its lines and amounts, what is still due. The token is the only credential
 * (`publicInvoice`; the first view marks the invoice VIEWED).
 */
export function PublicInvoicePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data, loading, error, refetch } = useQuery(FinancePublicInvoiceQuery, { variables: { token }, skip: !token });
  const invoice = data?.publicInvoice;
  if (!token) return <PublicFrame>This link is incomplete: open the whole link from the e-mail.</PublicFrame>;
  if (error && !data)
    return (
      <PublicFrame>
        <ErrorState error={error} retry={() => void refetch()} />
      </PublicFrame>
    );
  if (loading && !data) return <Loading label="Opening the invoice…" />;
  if (!invoice) return <PublicFrame>This invoice link is invalid or has expired. Ask the sender for a new one.</PublicFrame>;
  return (
    <main className="fin-public">
      <header>
        <span className="brand">{invoice.organizationName}</span>
        <h1>Invoice {invoice.number}</h1>
        <p>
          <StatusBadge status={invoice.status} /> For {invoice.customerName} · issued {formatLocalDate(invoice.issueDate)} · due{' '}
          {formatLocalDate(invoice.dueDate)}
        </p>
      </header>
      <table className="fin-lines" aria-label="Lines">
        <thead>
          <tr>
            <th>Description</th>
            <th className="fin-num">Quantity</th>
            <th className="fin-num">Unit price</th>
            <th className="fin-num">Tax %</th>
            <th className="fin-num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={index}>
              <td>{line.description}</td>
              <td className="fin-num">{line.quantity}</td>
              <td className="fin-num">
                <Amount value={line.unitPrice} />
              </td>
              <td className="fin-num">{line.taxRate}</td>
              <td className="fin-num">
                <Amount value={line.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-label="Totals" className="fin-totals">
        <dl>
          {(
            [
              ['Subtotal', invoice.subtotal],
              ['Discount', invoice.discountTotal],
              ['Tax', invoice.taxTotal],
              ['Total', invoice.total],
              ['Paid', invoice.amountPaid],
              ['Amount due', invoice.amountDue],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className={label === 'Amount due' ? 'fin-strong' : undefined}>
              <dt>{label}</dt>
              <dd aria-label={label}>
                <Amount value={value} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {invoice.memo ? <p>{invoice.memo}</p> : null}
      {invoice.terms ? <p className="muted">{invoice.terms}</p> : null}
    </main>
  );
}

function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <main className="fin-public">
      <h1>Invoice</h1>
      <div>{children}</div>
    </main>
  );
}
