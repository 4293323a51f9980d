import { dropPolicySql, maintenanceAccessSql, outboxMaintenanceSql, type Migration } from '@cellgraph/kernel';

/**
 * Cross-organization background work runs as the maintenance role, through policies naming it,
 * instead of policies honouring session settings the app role could set (the outbox relay,
 * the digest schedules), and it keeps members’ names in every organization’s address book.
 */
export const maintenanceRole: Migration = {
  id: '0004-maintenance-role',
  sql:
    outboxMaintenanceSql('notifications') +
    dropPolicySql('notifications', 'deliveries', 'deliveries_digest_scheduler') +
    // The digest schedules: who has e-mail waiting, how often, in which organization.
    maintenanceAccessSql('notifications', 'deliveries', {
      policy: 'deliveries_digest_scheduler',
      select: ['org_id', 'recipient_id', 'status', 'channel', 'frequency'],
      rows: "status = 'queued' AND channel = 'email'",
    }) +
    // user.updated: a member's new name, in every organization's address book.
    maintenanceAccessSql('notifications', 'recipients', { policy: 'recipients_profile', select: ['user_id', 'name'], update: ['name', 'updated_at'] }),
};
