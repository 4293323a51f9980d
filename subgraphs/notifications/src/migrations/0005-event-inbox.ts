import { eventInboxSql, maintenanceAccessSql, type Migration } from '@cellgraph/kernel';

/**
 * The inbox of the events notifications has handled (see the kernel's events/inbox), and the
 * delivery sweep's view of the deliveries still waiting for their job, in every organization.
 */
export const eventInbox: Migration = {
  id: '0005-event-inbox',
  sql:
    eventInboxSql('notifications') +
    maintenanceAccessSql('notifications', 'deliveries', {
      policy: 'deliveries_redispatch',
      select: ['org_id', 'notification_id', 'channel', 'status', 'frequency', 'created_at'],
      rows: "status = 'queued' AND (channel = 'push' OR frequency = 'immediate')",
    }),
};
