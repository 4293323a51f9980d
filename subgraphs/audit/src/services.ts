import type { Authorizer, Database } from '@cellgraph/kernel';
import type { AuditEntryService } from './audit-entry/audit-entry.service.js';
import type { AuditChain } from './chain/chain.service.js';
import type { AuditExportService } from './export/export.service.js';

/** What every resolver of the audit subgraph receives. */
export interface AuditServices {
  db: Database;
  authz: Authorizer;
  auditEntries: AuditEntryService;
  chain: AuditChain;
  exports: AuditExportService;
}
