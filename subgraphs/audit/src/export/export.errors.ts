import { userError } from '@cellgraph/kernel';

export const AuditExportErrorCode = {
  TooLarge: 'AUDIT_EXPORT_TOO_LARGE',
} as const;

export const auditExportTooLarge = (max: number) =>
  userError(AuditExportErrorCode.TooLarge, `An export holds at most ${max} entries: narrow the filter (e.g. by occurredAt)`, ['input', 'filter']);
