import { referenceThroughLoader } from '@cellgraph/kernel';
import type { AuditServices } from '../services.js';
import { auditEntryById } from './audit-entry.loaders.js';

export const resolveAuditEntryReference = referenceThroughLoader<AuditServices, unknown>('AuditEntry', (context) =>
  auditEntryById(context.services, context.loaders, context.request),
);
