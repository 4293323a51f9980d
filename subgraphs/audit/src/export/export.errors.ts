import { userError, text } from '@cellgraph/kernel';
import { auditErrorTexts } from '../messages.js';

export const AuditExportErrorCode = {
  TooLarge: 'AUDIT_EXPORT_TOO_LARGE',
} as const;

export const auditExportTooLarge = (max: number) =>
  userError(AuditExportErrorCode.TooLarge, text(auditErrorTexts.exportTooLarge, { max }), ['input', 'filter']);
