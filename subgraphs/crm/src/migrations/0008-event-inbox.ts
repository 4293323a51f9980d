import { eventInboxSql, type Migration } from '@cellgraph/kernel';

/** The inbox of the events crm has handled (see the kernel's events/inbox). */
export const eventInbox: Migration = { id: '0008-event-inbox', sql: eventInboxSql('crm') };
