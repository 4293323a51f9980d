import { useQuery } from '@apollo/client/react';
import { useT } from '../../app/i18n';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { Money } from './money';
import { CrmContactPeekQuery, CrmDealPeekQuery } from './operations';
import { enumLabel, formatLocalDate, jobAndCompany, TagChips, translateWithNodes } from './shared';
import './crm.css';

export function ContactQuickView({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(CrmContactPeekQuery, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const contact = data?.contact;
  if (!contact) return <EmptyState title={t(m.contactNotFound)} />;
  return (
    <article className="crm-peek-card" aria-label={contact.name}>
      <h3 className="crm-peek-title">{contact.name}</h3>
      <p className="muted">
        <span className="badge">{enumLabel(t, contact.type)}</span> {jobAndCompany(t, contact.jobTitle, contact.company)}
      </p>
      <dl className="crm-details">
        <div>
          <dt>{t(m.fieldEmail)}</dt>
          <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
        </div>
        <div>
          <dt>{t(m.fieldPhone)}</dt>
          <dd>{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>{t(m.owner)}</dt>
          <dd>{contact.assignedTo?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t(m.openDeals)}</dt>
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
  const t = useT();
  const { data, loading, error, refetch } = useQuery(CrmDealPeekQuery, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const deal = data?.deal;
  if (!deal) return <EmptyState title={t(m.dealNotFound)} />;
  return (
    <article className="crm-peek-card" aria-label={deal.title}>
      <h3 className="crm-peek-title">{deal.title}</h3>
      <p>
        <Money value={deal.value} className="crm-deal-value" /> <span className="badge">{enumLabel(t, deal.status)}</span>
      </p>
      <dl className="crm-details">
        <div>
          <dt>{t(m.stage)}</dt>
          <dd>{deal.stage?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t(m.probability)}</dt>
          <dd>{translateWithNodes(t, m.probabilityWeighted, { probability: deal.probability }, { weighted: <Money value={deal.weightedValue} /> })}</dd>
        </div>
        <div>
          <dt>{t(m.contact)}</dt>
          <dd>{deal.contact?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t(m.owner)}</dt>
          <dd>{deal.owner?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t(m.expectedClose)}</dt>
          <dd>{formatLocalDate(deal.expectedCloseDate) || '—'}</dd>
        </div>
      </dl>
    </article>
  );
}
