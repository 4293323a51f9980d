import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../ui/states';
import { FinanceContactInvoicesQuery } from './operations';
import { Amount, formatLocalDate, StatusBadge } from './shared';

/**
 * The contact profile's "Invoices": the balance due per currency (`Contact.balanceDue`: the open
 * invoices' amounts due, never converted) and the latest invoices (`Contact.invoices`).
 */
export function ContactInvoicesWidget({ objectId }: { objectId: string }) {
  const { data, loading, error, refetch } = useQuery(FinanceContactInvoicesQuery, { variables: { contactId: objectId }, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const contact = data?.contact;
  const invoices = contact?.invoices?.nodes ?? [];
  const balance = contact?.balanceDue ?? [];
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
      {(contact?.invoices?.totalCount ?? 0) > invoices.length ? <p className="muted">And {contact!.invoices!.totalCount - invoices.length} more.</p> : null}
      <Link to="/finance/invoices/new">New invoice</Link>
    </div>
  );
}
