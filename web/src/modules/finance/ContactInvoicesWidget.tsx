import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import { ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { FinanceContactInvoicesQuery } from './operations';
import { Amount, formatLocalDate, StatusBadge } from './shared';

/**
 * The contact profile's "Invoices": the balance due per currency (`Contact.balanceDue`: the open
 * invoices' amounts due, never converted) and the latest invoices (`Contact.invoices`).
 */
export function ContactInvoicesWidget({ objectId }: { objectId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(FinanceContactInvoicesQuery, { variables: { contactId: objectId }, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const contact = data?.contact;
  const invoices = contact?.invoices?.nodes ?? [];
  const balance = contact?.balanceDue ?? [];
  return (
    <div className="fin-widget">
      <p aria-label={t(m.balanceDue)}>
        {t(m.balanceDueLead)}{' '}
        {balance.length ? (
          balance.map((total, index) => (
            <span key={total.currencyCode}>
              {index ? ', ' : ''}
              <Amount value={total} />
            </span>
          ))
        ) : (
          <span className="muted">{t(m.balanceNothing)}</span>
        )}
      </p>
      {invoices.length ? (
        <ul className="fin-widget-list">
          {invoices.map((invoice) => (
            <li key={invoice.id}>
              <Link to={`/finance/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.number}</Link> <StatusBadge status={invoice.status} />{' '}
              <Amount value={invoice.total} /> <span className="muted">{t(m.dueOn, { date: formatLocalDate(invoice.dueDate) })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(m.noInvoicesYet)}</p>
      )}
      {(contact?.invoices?.totalCount ?? 0) > invoices.length ? (
        <p className="muted">{t(m.moreInvoices, { count: contact!.invoices!.totalCount - invoices.length })}</p>
      ) : null}
      <Link to="/finance/invoices/new">{t(m.newInvoice)}</Link>
    </div>
  );
}
