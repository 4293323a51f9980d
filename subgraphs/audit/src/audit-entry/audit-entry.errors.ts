import { userError } from '@cellgraph/kernel';

/** Every code the audit entry aggregate answers with. */
export const AuditEntryErrorCode = {
  InvalidInput: 'AUDIT_ENTRY_INVALID_INPUT',
  NotFound: 'AUDIT_ENTRY_NOT_FOUND',
} as const;

export const auditEntryNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(AuditEntryErrorCode.NotFound, 'No audit entry with this id exists in your organization', field);
