import { outboxMaintenanceSql, type Migration } from '@cellgraph/kernel';

/**
 * Cross-organization background work runs as the maintenance role, through policies naming it,
 * instead of policies honouring session settings the app role could set (the outbox relay).
 */
export const maintenanceRole: Migration = {
  id: '0004-maintenance-role',
  sql: outboxMaintenanceSql('collaboration'),
};
