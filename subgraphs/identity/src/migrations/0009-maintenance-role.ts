import { outboxMaintenanceSql, trashSweepAccessSql, type Migration } from '@cellgraph/kernel';

/**
 * Cross-organization background work runs as the maintenance role, through policies naming it,
 * instead of policies honouring session settings the app role could set (the outbox relay,
 * the trash sweep).
 */
export const maintenanceRole: Migration = {
  id: '0009-maintenance-role',
  sql: outboxMaintenanceSql('identity') + trashSweepAccessSql('identity', 'teams'),
};
