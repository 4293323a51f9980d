import { eventInboxSql, type Migration } from '@cellgraph/kernel';

/** The inbox of the events notifications has handled (see the kernel's events/inbox). */
export const eventInbox: Migration = { id: '0005-event-inbox', sql: eventInboxSql('notifications') };
