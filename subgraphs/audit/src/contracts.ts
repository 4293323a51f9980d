/*
 * The audit module's public contracts (`@cellgraph/audit/contracts`). It emits no events: it is
 * the record of everyone else's (its own actions — retention changed, exports — are entries of
 * the chain itself, written in their transaction).
 */
export const auditEvents = {} as const;

export type AuditEvents = typeof auditEvents;

/** The job that removes expired entries (hourly). */
export const AUDIT_RETENTION_JOB = 'audit-retention';
