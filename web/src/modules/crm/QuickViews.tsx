import { useQuery } from '@apollo/client/react';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { Money } from './money';
import { CrmContactPeekQuery, CrmDealPeekQuery } from './operations';
import { enumLabel, formatLocalDate, TagChips } from './shared';
import './crm.css';

export function ContactQuickView({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(CrmContactPeekQuery, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const contact = data?.contact;
  if (!contact) return <EmptyState title="Contact not found" />;
  return (
    <article className="crm-peek-card" aria-label={contact.name}>
      <h3 className="crm-peek-title">{contact.name}</h3>
      <p className="muted">
        <span className="badge">{enumLabel(contact.type)}</span> {[contact.jobTitle, contact.company].filter(Boolean).join(' at ')}
      </p>
      <dl className="crm-details">
        <div>
          <dt>E-mail</dt>
          <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{contact.assignedTo?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Open deals</dt>
          <dd>{contact.deals?.totalCount ?? 0}</dd>
        </div>
      </dl>
      <TagChips tags={contact.tags} />
      {contact.deals?.nodes.length ? (
        <ul className="crm-list">
          {contact.deals.nodes.map((deal) => (
            <li key={deal.id}>
              {deal.title}
              <span className="crm-list-meta">
                <Money value={deal.value} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

export function DealQuickView({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(CrmDealPeekQuery, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const deal = data?.deal;
  if (!deal) return <EmptyState title="Deal not found" />;
  return (
    <article className="crm-peek-card" aria-label={deal.title}>
      <h3 className="crm-peek-title">{deal.title}</h3>
      <p>
        <Money value={deal.value} className="crm-deal-value" /> <span className="badge">{enumLabel(deal.status)}</span>
      </p>
      <dl className="crm-details">
        <div>
          <dt>Stage</dt>
          <dd>{deal.stage?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Probability</dt>
          <dd>
            {deal.probability}% (weighted <Money value={deal.weightedValue} />)
          </dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd>{deal.contact?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{deal.owner?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Expected close</dt>
          <dd>{formatLocalDate(deal.expectedCloseDate) || '—'}</dd>
        </div>
      </dl>
    </article>
  );
}
