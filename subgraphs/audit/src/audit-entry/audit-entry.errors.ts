import { userError } from '@cellgraph/kernel';
import { auditErrorTexts } from '../messages.js';

/** Every code the audit log answers with. */
export const AuditErrorCode = {
  InvalidInput: 'AUDIT_INVALID_INPUT',
  NotFound: 'AUDIT_ENTRY_NOT_FOUND',
} as const;

export const auditEntryNotFound = (field: (string | number)[] = ['id']) => userError(AuditErrorCode.NotFound, auditErrorTexts.auditEntryNotFound, field);
