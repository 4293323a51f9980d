import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../ui/states';
import { totalsByCurrency } from '../crm/money';
import { FinanceContactInvoicesQuery } from './operations';
import { Amount, formatLocalDate, StatusBadge } from './shared';

/** Statuses whose amount due the customer still owes. */
const OPEN = new Set(['SENT', 'VIEWED', 'PARTIALLY_PAID', 'OVERDUE']);

/**
 * The contact profile's "Invoices": the contact's latest invoices and the balance due per currency
 * (Σ amount due of its open invoices, exact; never converted between currencies).
 */
export function ContactInvoicesWidget({ objectId }: { objectId: string }) {
  const { data, loading, error, refetch } = useQuery(FinanceContactInvoicesQuery, { variables: { contactId: objectId }, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const invoices = data?.invoices?.nodes ?? [];
  const balance = totalsByCurrency(invoices.filter((invoice) => OPEN.has(invoice.status)).map((invoice) => invoice.amountDue));
  return (
    <div className="fin-widget">
      <p aria-label="Balance due">
        Balance due:{' '}
        {balance.length ? (
          balance.map((total, index) => (
            <span key={total.currencyCode}>
              {index ? ', ' : ''}
              <Amount value={total} />
            </span>
          ))
        ) : (
          <span className="muted">nothing</span>
        )}
      </p>
      {invoices.length ? (
        <ul className="fin-widget-list">
          {invoices.map((invoice) => (
            <li key={invoice.id}>
              <Link to={`/finance/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.number}</Link> <StatusBadge status={invoice.status} />{' '}
              <Amount value={invoice.total} /> <span className="muted">due {formatLocalDate(invoice.dueDate)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No invoices yet.</p>
      )}
      <Link to="/finance/invoices/new">New invoice</Link>
    </div>
  );
}
