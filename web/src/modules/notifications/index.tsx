import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { NotificationBell } from './Bell';
import './notifications.css';
import { m } from './messages';

const LazySettings = lazy(() => import('./NotificationSettingsPage').then((page) => ({ default: page.NotificationSettingsPage })));

function NotificationSettings() {
  return (
    <Suspense fallback={<Loading />}>
      <LazySettings />
    </Suspense>
  );
}

/** Notifications: the bell in the top bar, the full list, and the preferences under Settings. */
export const notificationsModule: ModuleDefinition = {
  subgraph: 'notifications',
  navigation: [{ label: m.notifications, path: '/notifications', icon: '◎', order: 90 }],
  routes: [{ path: 'notifications', lazy: () => import('./NotificationsPage').then((page) => ({ Component: page.NotificationsPage })) }],
  topBar: [NotificationBell],
  commands: [{ id: 'notifications.open', label: m.openNotifications, group: 'Navigate', keywords: ['inbox', 'alerts', 'unread'], path: '/notifications' }],
  settings: [{ label: m.notifications, path: 'notifications', element: NotificationSettings }],
};
