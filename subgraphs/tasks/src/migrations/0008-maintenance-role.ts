import { dropPolicySql, maintenanceAccessSql, outboxMaintenanceSql, trashSweepAccessSql, type Migration } from '@cellgraph/kernel';

/**
 * Cross-organization background work runs as the maintenance role, through policies naming it,
 * instead of policies honouring session settings the app role could set (the outbox relay,
 * the trash sweep, the recurrence sweep).
 */
export const maintenanceRole: Migration = {
  id: '0008-maintenance-role',
  sql:
    outboxMaintenanceSql('tasks') +
    trashSweepAccessSql('tasks', 'tasks') +
    trashSweepAccessSql('tasks', 'boards') +
    dropPolicySql('tasks', 'recurrences', 'recurrences_scheduler') +
    // The recurrence sweep: which active recurrences are due when, and in which organization.
    maintenanceAccessSql('tasks', 'recurrences', {
      policy: 'recurrences_scheduler',
      select: ['id', 'org_id', 'active', 'deleted_at', 'next_run_at'],
      rows: 'active AND deleted_at IS NULL',
    }),
};
