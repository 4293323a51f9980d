import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { auditEvents } from './contracts.js';
import { AuditEntry } from './audit-entry/audit-entry.entity.js';
import { resolveAuditEntryReference } from './audit-entry/audit-entry.reference.js';
import { AuditEntryResolver } from './audit-entry/audit-entry.resolver.js';
import { AuditEntryService } from './audit-entry/audit-entry.service.js';
import { migrations } from './migrations/index.js';
import type { AuditServices } from './services.js';
import { auditEntryTrash } from './trash.js';

export const auditSubgraph = defineSubgraph<AuditServices>({
  name: 'audit',
  description: 'Audit: audit entries.',
  scope: 'audit',
  scopeDescription: 'audit entries',
  nodeTypes: ['AuditEntry'],
  trash: [auditEntryTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver],
  references: {
    AuditEntry: resolveAuditEntryReference,
    User: referenceAsIs,
  },
  emits: auditEvents,
  createServices({ db, authz }) {
    return { db, authz, auditEntries: new AuditEntryService(db, authz) };
  },
});
