import type { LoaderRegistry, RequestContext } from '@cellgraph/kernel';
import type { AuditServices } from '../services.js';

/** Audit entries by id for the caller: null when absent, a FORBIDDEN error unless the caller reads the audit log. */
export const auditEntryById = ({ auditEntries }: AuditServices, loaders: LoaderRegistry, request: RequestContext) =>
  auditEntries.access.loader(loaders, request);
