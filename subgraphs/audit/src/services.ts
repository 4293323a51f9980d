import type { Authorizer, Database } from '@cellgraph/kernel';
import type { AuditEntryService } from './audit-entry/audit-entry.service.js';

/** What every resolver of the audit subgraph receives. */
export interface AuditServices {
  db: Database;
  authz: Authorizer;
  auditEntries: AuditEntryService;
}
