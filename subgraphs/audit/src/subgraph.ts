import { AUDITED_EVENTS, defineSubgraph, KEY_FORBIDDEN, referenceAsIs } from '@cellgraph/kernel';
import { auditJobMessages } from './messages.js';
import { AuditEntry } from './audit-entry/audit-entry.entity.js';
import { resolveAuditEntryReference } from './audit-entry/audit-entry.reference.js';
import { AuditEntryResolver } from './audit-entry/audit-entry.resolver.js';
import { AuditEntryService } from './audit-entry/audit-entry.service.js';
import { AuditChainResolver } from './chain/chain.resolver.js';
import { AuditChain } from './chain/chain.service.js';
import { AUDIT_RETENTION_JOB, auditEvents } from './contracts.js';
import { AuditExportService } from './export/export.service.js';
import { FileRef } from './file/file.ref.js';
import { migrations } from './migrations/index.js';
import type { AuditServices } from './services.js';

const HOUR_MS = 60 * 60 * 1000;

export const auditSubgraph = defineSubgraph<AuditServices>({
  name: 'audit',
  description: 'Audit log: a tamper-evident record of every module’s security and administrative events.',
  scope: 'audit',
  scopeDescription: 'the audit log',
  // Reading the log, its retention and exports are for owners and admins (`manage`); API keys act as members, so never.
  keyAccess: { auditRetentionSet: KEY_FORBIDDEN, auditExport: KEY_FORBIDDEN },
  // Exports are Files stored through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver, AuditChainResolver],
  orphanedTypes: [FileRef],
  references: {
    AuditEntry: resolveAuditEntryReference,
    User: referenceAsIs,
  },
  emits: auditEvents,
  audited: ['audit.*'],
  // Whatever the cell's modules declare `audited` (their names are not known here).
  consumes: [AUDITED_EVENTS],
  eventHandlers: ({ chain }) => ({ [AUDITED_EVENTS]: (event) => chain.record(event) }),
  jobs: ({ chain }) => ({ [AUDIT_RETENTION_JOB]: async () => void (await chain.pruneExpired()) }),
  schedules: [{ job: AUDIT_RETENTION_JOB, everyMs: HOUR_MS, description: auditJobMessages.retention }],
  createServices({ db, authz, graph, logger }) {
    const auditEntries = new AuditEntryService(db, authz);
    const chain = new AuditChain(db, logger);
    return { db, authz, auditEntries, chain, exports: new AuditExportService(db, auditEntries, graph) };
  },
});
