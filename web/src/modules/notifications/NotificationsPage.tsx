import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useLocation, Link } from 'react-router';
import { quickViewPath } from '../../layout/QuickView';
import { Button } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { useCursorPages } from '../../ui/paging';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { useMarkRead } from './Bell';
import { NotificationsListQuery, NotificationsUnreadCountQuery } from './operations';
import { timeAgo } from './time';
import './notifications.css';
import { useT } from '../../app/i18n';
import { m } from './messages';

const PAGE = 25;

/** Every notification, latest first, with an unread filter and cursor paging. */
export function NotificationsPage() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useCursorPages(PAGE);
  const { data, loading, error, refetch } = useQuery(NotificationsListQuery, { variables: { ...pages.variables, unreadOnly } });
  const unread = useQuery(NotificationsUnreadCountQuery).data?.notificationUnreadCount ?? 0;
  const { markRead, markAllRead, error: markError } = useMarkRead();
  const location = useLocation();
  const connection = data?.notifications;
  const items = connection?.nodes ?? [];
  const paging = pages.paging(connection?.pageInfo);

  function filter(next: boolean) {
    setUnreadOnly(next);
    pages.reset();
  }

  return (
    <div className="notifications-page">
      <PageHeader
        title={t(m.notifications)}
        subtitle={t(m.unreadCount, { count: unread })}
        actions={
          <>
            <div className="segmented" role="group" aria-label={t(m.show)}>
              <Button variant={unreadOnly ? 'secondary' : 'primary'} aria-pressed={!unreadOnly} onClick={() => filter(false)}>
                {t(m.all)}
              </Button>
              <Button variant={unreadOnly ? 'primary' : 'secondary'} aria-pressed={unreadOnly} onClick={() => filter(true)}>
                {t(m.unread)}
              </Button>
            </div>
            <Button onClick={() => void markAllRead()} disabled={unread === 0}>
              {t(m.markAllRead)}
            </Button>
          </>
        }
      />
      <Notice>{markError}</Notice>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? t(m.noUnread) : t(m.noneYet)}>{unreadOnly ? t(m.caughtUp) : t(m.appearHere)}</EmptyState>
      ) : (
        <ul className="notification-list" aria-label={t(m.notifications)} aria-busy={loading || undefined}>
          {items.map((item) => (
            <li key={item.id} className={`notification-row ${item.readAt ? '' : 'notification-unread'}`}>
              <span className="notification-dot" aria-hidden />
              <div className="notification-body">
                <p className="notification-title">
                  {item.readAt ? null : <span className="sr-only">{t(m.unreadPrefix)}</span>}
                  {item.subjectId ? (
                    <Link to={quickViewPath(item.subjectId, location)} onClick={() => !item.readAt && void markRead(item.id)}>
                      {item.title}
                    </Link>
                  ) : (
                    item.title
                  )}
                </p>
                {item.body ? <p className="notification-text">{item.body}</p> : null}
                <p className="notification-meta">
                  {item.actor?.name ? `${item.actor.name} · ` : ''}
                  <time dateTime={item.createdAt}>{timeAgo(item.createdAt)}</time>
                  {item.subjectType ? ` · ${item.subjectType}` : ''}
                </p>
              </div>
              {item.readAt ? null : (
                <Button className="button-small" variant="ghost" onClick={() => void markRead(item.id)} aria-label={t(m.markTitleRead, { title: item.title })}>
                  {t(m.markRead)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {paging ? (
        <nav className="table-paging" aria-label={t(m.pages)}>
          <span className="muted">{t(m.inAll, { count: connection?.totalCount ?? 0 })}</span>
          <span className="button-row">
            <Button disabled={loading || !paging.hasPreviousPage} onClick={paging.onPrevious}>
              {t(m.newer)}
            </Button>
            <Button disabled={loading || !paging.hasNextPage} onClick={paging.onNext}>
              {t(m.older)}
            </Button>
          </span>
        </nav>
      ) : null}
    </div>
  );
}
