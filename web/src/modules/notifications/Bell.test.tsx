// @vitest-environment happy-dom
import { screen } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { NotificationBell } from './Bell';
import { NotificationsReceivedSubscription, NotificationsUnreadCountQuery } from './operations';

afterEach(unmountAll);

const count = (n: number) => ({
  request: { query: NotificationsUnreadCountQuery },
  result: { data: { __typename: 'Query' as const, notificationUnreadCount: n } },
});

const received = (delay: number) => ({
  request: { query: NotificationsReceivedSubscription },
  delay,
  result: {
    data: {
      __typename: 'Subscription' as const,
      notificationReceived: {
        __typename: 'Notification' as const,
        id: 'n-9',
        event: 'task.assigned',
        title: 'Ada assigned you “Ship it”',
        body: '',
        subjectType: 'Task',
        subjectId: 'task-1',
        readAt: null,
        createdAt: '2025-01-01T00:00:00.000Z',
        actor: { __typename: 'User' as const, id: 'ada', name: 'Ada' },
      },
    },
  },
});

describe('NotificationBell', () => {
  it('shows the unread count from the query, and counts a notification that arrives', async () => {
    renderWithApollo(<NotificationBell />, [count(3), received(150)]);
    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(bell.textContent).toContain('3');
    expect(await screen.findByRole('button', { name: 'Notifications, 4 unread' })).toBe(bell);
    expect(bell.textContent).toContain('4');
  });

  it('says none are unread without a badge', async () => {
    renderWithApollo(<NotificationBell />, [count(0), { request: { query: NotificationsReceivedSubscription }, delay: Infinity }]);
    const bell = await screen.findByRole('button', { name: 'Notifications, 0 unread' });
    expect(screen.queryByTestId('bell-badge')).toBeNull();
    expect(bell).toBeTruthy();
  });
});
