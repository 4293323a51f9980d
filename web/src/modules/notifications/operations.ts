import { graphql } from '../../gql';

graphql(`
  fragment NotificationsItem on Notification {
    id
    event
    title
    body
    subjectType
    subjectId
    readAt
    createdAt
    actor {
      id
      name
    }
  }
`);

export const NotificationsUnreadCountQuery = graphql(`
  query NotificationsUnreadCount {
    notificationUnreadCount
  }
`);

export const NotificationsReceivedSubscription = graphql(`
  subscription NotificationsReceived {
    notificationReceived {
      ...NotificationsItem
    }
  }
`);

export const NotificationsLatestQuery = graphql(`
  query NotificationsLatest {
    notifications(first: 8) {
      nodes {
        ...NotificationsItem
      }
      totalCount
    }
  }
`);

export const NotificationsListQuery = graphql(`
  query NotificationsList($first: Int, $after: String, $last: Int, $before: String, $unreadOnly: Boolean!) {
    notifications(first: $first, after: $after, last: $last, before: $before, unreadOnly: $unreadOnly) {
      nodes {
        ...NotificationsItem
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      totalCount
    }
  }
`);

export const NotificationsMarkReadMutation = graphql(`
  mutation NotificationsMarkRead($input: NotificationMarkReadInput!) {
    notificationMarkRead(input: $input) {
      notifications {
        id
        readAt
      }
      unreadCount
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const NotificationsMarkAllReadMutation = graphql(`
  mutation NotificationsMarkAllRead {
    notificationMarkAllRead {
      markedCount
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const NotificationsPreferencesQuery = graphql(`
  query NotificationsPreferences {
    notificationPreferences {
      event
      inApp
      email
      push
      muted
      updatedAt
    }
    notificationSettings {
      emailFrequency
      updatedAt
    }
  }
`);

export const NotificationsPreferenceSetMutation = graphql(`
  mutation NotificationsPreferenceSet($input: NotificationPreferenceSetInput!) {
    notificationPreferenceSet(input: $input) {
      preference {
        event
        inApp
        email
        push
        muted
        updatedAt
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const NotificationsPreferenceDeleteMutation = graphql(`
  mutation NotificationsPreferenceDelete($input: NotificationPreferenceDeleteInput!) {
    notificationPreferenceDelete(input: $input) {
      deletedEvent
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const NotificationsSettingsUpdateMutation = graphql(`
  mutation NotificationsSettingsUpdate($input: NotificationSettingsUpdateInput!) {
    notificationSettingsUpdate(input: $input) {
      settings {
        emailFrequency
        updatedAt
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
