import { eventInboxSql, type Migration } from '@cellgraph/kernel';

/** The inbox of the events tasks has handled (see the kernel's events/inbox). */
export const eventInbox: Migration = { id: '0009-event-inbox', sql: eventInboxSql('tasks') };
