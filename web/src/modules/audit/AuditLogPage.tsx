import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { AuditEntryFilter } from '../../gql/graphql';
import { PageHeader } from '../../ui/PageHeader';
import { Button, TextField } from '../../ui/controls';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { AuditEntriesQuery } from './operations';
import './audit.css';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import { m } from './messages';

const PAGE_SIZE = 25;

/** Where the list is: the first page, or after/before a cursor (keyset paging, newest first). */
type Page = { first: number; after?: string } | { last: number; before: string };

interface Filters {
  action: string;
  from: string;
  to: string;
}

/** The filter the form's values give: an action prefix and a time range (dates, whole days in UTC). */
export function auditFilterOf(filters: Filters): AuditEntryFilter | null {
  const filter: AuditEntryFilter = {};
  if (filters.action.trim()) filter.action = { startsWith: filters.action.trim() };
  const occurredAt: NonNullable<AuditEntryFilter['occurredAt']> = {};
  if (filters.from) occurredAt.gte = `${filters.from}T00:00:00Z`;
  if (filters.to) occurredAt.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString();
  if (Object.keys(occurredAt).length) filter.occurredAt = occurredAt;
  return Object.keys(filter).length ? filter : null;
}

function changeOf(before: unknown, after: unknown): string {
  if (!before && !after) return '';
  return `${JSON.stringify(before ?? {})} → ${JSON.stringify(after ?? {})}`;
}

/** Settings → Audit log: the organization's security and administrative events (owners and admins). */
export function AuditLogPage() {
  const t = useT();
  const [form, setForm] = useState<Filters>({ action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditEntryFilter | null>(null);
  const [page, setPage] = useState<Page>({ first: PAGE_SIZE });
  const { data, loading, error, refetch } = useQuery(AuditEntriesQuery, { variables: { filter, ...page }, fetchPolicy: 'cache-and-network' });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(auditFilterOf(form));
    setPage({ first: PAGE_SIZE });
  };

  const connection = data?.auditEntries;
  const verification = data?.auditVerify;
  return (
    <>
      <PageHeader title={t(m.auditLog)} subtitle={t(m.subtitle)} />
      {verification ? (
        <Notice tone={verification.intact ? 'success' : 'error'}>
          {verification.intact
            ? t(m.chainIntact, { count: verification.headSeq })
            : t(m.chainBroken, { seq: verification.firstBrokenSeq, reason: verification.reason })}
        </Notice>
      ) : null}
      <form className="audit-filters" onSubmit={apply} aria-label={t(m.filterLog)}>
        <TextField label={t(m.actionStartsWith)} placeholder="api_key." value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })} />
        <TextField label={t(m.from)} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <TextField label={t(m.to)} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <Button type="submit">{t(m.filter)}</Button>
      </form>
      {error && !connection ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !connection ? (
        loading ? (
          <Loading />
        ) : null
      ) : connection.nodes.length === 0 ? (
        <EmptyState title={t(m.noEntries)} />
      ) : (
        <>
          <table className="audit-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t(m.when)}</th>
                <th>{t(m.action)}</th>
                <th>{t(m.actor)}</th>
                <th>{t(m.origin)}</th>
                <th>{t(m.target)}</th>
                <th>{t(m.change)}</th>
              </tr>
            </thead>
            <tbody>
              {connection.nodes.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.seq}</td>
                  <td>{formatDateTime(entry.occurredAt)}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.actor?.name ?? '—'}
                    {entry.actorApiKey ? t(m.byKey, { name: entry.actorApiKey.name ?? entry.actorApiKey.id }) : ''}
                  </td>
                  <td title={entry.userAgent ?? undefined}>{entry.clientAddress ?? '—'}</td>
                  <td>{entry.targetType ?? '—'}</td>
                  <td>{changeOf(entry.before, entry.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="audit-paging">
            <span>{t(m.entries, { count: connection.totalCount })}</span>
            <Button
              variant="secondary"
              disabled={!connection.pageInfo.hasPreviousPage || !connection.pageInfo.startCursor}
              onClick={() => setPage({ last: PAGE_SIZE, before: connection.pageInfo.startCursor! })}
            >
              {t(m.newer)}
            </Button>
            <Button
              variant="secondary"
              disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
              onClick={() => setPage({ first: PAGE_SIZE, after: connection.pageInfo.endCursor! })}
            >
              {t(m.older)}
            </Button>
          </p>
        </>
      )}
    </>
  );
}
