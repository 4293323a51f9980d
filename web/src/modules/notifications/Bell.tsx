import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { quickViewPath } from '../../layout/QuickView';
import {
  NotificationsLatestQuery,
  NotificationsMarkAllReadMutation,
  NotificationsMarkReadMutation,
  NotificationsReceivedSubscription,
  NotificationsUnreadCountQuery,
} from './operations';
import { timeAgo } from './time';
import { useT } from '../../app/i18n';
import { m } from './messages';

/**
 * The top bar's bell: the unread count, kept live by `notificationReceived`, and a menu of the
 * latest notifications (open one, mark it or all read, go to the full list).
 */
export function NotificationBell() {
  const t = useT();
  const client = useApolloClient();
  const { data } = useQuery(NotificationsUnreadCountQuery);
  const [open, setOpen] = useState(false);
  useSubscription(NotificationsReceivedSubscription, {
    onData: ({ data: event }) => {
      const notification = event.data?.notificationReceived;
      if (!notification) return;
      client.cache.updateQuery({ query: NotificationsUnreadCountQuery }, (current) => ({
        __typename: 'Query' as const,
        notificationUnreadCount: (current?.notificationUnreadCount ?? 0) + (notification.readAt ? 0 : 1),
      }));
      void refetchLists(client);
    },
  });
  const count = data?.notificationUnreadCount ?? 0;
  const label = t(m.bellLabel, { count });
  return (
    <Menu.Root open={open} onOpenChange={setOpen}>
      <Menu.Trigger className="bell-button" aria-label={label} title={label}>
        <BellIcon />
        {count > 0 ? (
          <span className="bell-badge" aria-hidden data-testid="bell-badge">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu notification-menu" align="end" sideOffset={6} aria-label={t(m.latest)}>
          {open ? <LatestNotifications unread={count} close={() => setOpen(false)} /> : null}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

function LatestNotifications({ unread, close }: { unread: number; close(): void }) {
  const t = useT();
  const { data, loading, error } = useQuery(NotificationsLatestQuery, { fetchPolicy: 'cache-and-network' });
  const { markRead, markAllRead, error: markError } = useMarkRead();
  const navigate = useNavigate();
  const location = useLocation();
  const items = data?.notifications?.nodes ?? [];
  return (
    <>
      <div className="notification-menu-header">
        <strong>{t(m.notifications)}</strong>
        {unread > 0 ? (
          <Menu.Item
            className="menu-item notification-menu-action"
            onSelect={(event) => {
              event.preventDefault();
              void markAllRead();
            }}
          >
            {t(m.markAllRead)}
          </Menu.Item>
        ) : null}
      </div>
      <Menu.Separator className="menu-separator" />
      {error && !data ? (
        <p className="notification-menu-state" role="alert">
          {describeError(error)}
        </p>
      ) : loading && !data ? (
        <p className="notification-menu-state" role="status">
          {t(m.loading)}
        </p>
      ) : items.length === 0 ? (
        <p className="notification-menu-state">{t(m.caughtUp)}</p>
      ) : (
        items.map((item) => (
          <div key={item.id} className={`notification-menu-row ${item.readAt ? '' : 'notification-unread'}`}>
            <Menu.Item
              className="menu-item notification-menu-item"
              onSelect={() => {
                if (!item.readAt) void markRead(item.id);
                if (item.subjectId) void navigate(quickViewPath(item.subjectId, location));
              }}
            >
              <span className="notification-title">
                {item.readAt ? null : <span className="sr-only">{t(m.unreadPrefix)}</span>}
                {item.title}
              </span>
              <span className="notification-meta">
                {item.actor?.name ? `${item.actor.name} · ` : ''}
                {timeAgo(item.createdAt)}
              </span>
            </Menu.Item>
            {item.readAt ? null : (
              <Menu.Item
                className="menu-item notification-mark"
                aria-label={t(m.markTitleRead, { title: item.title })}
                title={t(m.markRead)}
                onSelect={(event) => {
                  event.preventDefault();
                  void markRead(item.id);
                }}
              >
                <span aria-hidden>✓</span>
              </Menu.Item>
            )}
          </div>
        ))
      )}
      {markError ? (
        <p className="notification-menu-state field-error" role="alert">
          {markError}
        </p>
      ) : null}
      <Menu.Separator className="menu-separator" />
      <Menu.Item
        className="menu-item"
        onSelect={() => {
          close();
          void navigate('/notifications');
        }}
      >
        {t(m.seeAll)}
      </Menu.Item>
    </>
  );
}

/** Marking read, with the unread count set from the answer. */
export function useMarkRead() {
  const client = useApolloClient();
  const [mark] = useMutation(NotificationsMarkReadMutation);
  const [markAll] = useMutation(NotificationsMarkAllReadMutation);
  const [error, setError] = useState<string | null>(null);

  async function markRead(id: string) {
    setError(null);
    try {
      const result = await mark({ variables: { input: { ids: [id] } } });
      const payload = result.data?.notificationMarkRead;
      const failure = describeUserErrors(payload?.userErrors);
      if (failure) return setError(failure);
      if (payload?.unreadCount != null)
        client.cache.writeQuery({ query: NotificationsUnreadCountQuery, data: { __typename: 'Query', notificationUnreadCount: payload.unreadCount } });
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  async function markAllRead() {
    setError(null);
    try {
      const result = await markAll();
      const failure = describeUserErrors(result.data?.notificationMarkAllRead?.userErrors);
      if (failure) return setError(failure);
      client.cache.writeQuery({ query: NotificationsUnreadCountQuery, data: { __typename: 'Query', notificationUnreadCount: 0 } });
      await refetchLists(client);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return { markRead, markAllRead, error };
}

const LISTS = new Set(['NotificationsLatest', 'NotificationsList']);

/** Refetches the notification lists on screen (none when none is). */
function refetchLists(client: ApolloClient) {
  return client.refetchQueries({
    include: 'active',
    onQueryUpdated: (query) =>
      query.query.definitions.some((definition) => definition.kind === 'OperationDefinition' && LISTS.has(definition.name?.value ?? '')),
  });
}

/** A bell drawn in SVG: an emoji depends on the device's fonts. */
function BellIcon() {
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
