import type { TrashSpec } from '@cellgraph/kernel';

/** Audit entries in the trash: deleted for good after 30 days, or by `auditEntryPurge`. */
export const auditEntryTrash: TrashSpec = {
  type: 'AuditEntry',
  table: 'audit_entries',
  event: 'audit_entry',
};
