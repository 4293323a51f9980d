import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { AuditServices } from '../services.js';
import type { AuditEntry } from './audit-entry.entity.js';

/*
 * Per-request DataLoaders of audit entries: N parents cost one query.
 */

/** Audit entries by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const auditEntryById = ({ auditEntries }: AuditServices, loaders: LoaderRegistry, request: RequestContext) =>
  auditEntries.access.loader(loaders, request);

/** One audit entry for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadAuditEntry = (context: SubgraphContext<AuditServices>, id: string | null): Promise<AuditEntry | null> =>
  context.services.auditEntries.access.loadReadable(context.loaders, context.request, id);
