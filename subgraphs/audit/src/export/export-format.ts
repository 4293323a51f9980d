import { spreadsheetSafe, toGlobalId } from '@cellgraph/kernel';
import type { AuditEntry } from '../audit-entry/audit-entry.entity.js';

/** One exported entry: the fields a reader and a verifier need, ids as the API shows them. */
export function exportRecord(entry: AuditEntry): Record<string, unknown> {
  return {
    id: toGlobalId('AuditEntry', entry.id),
    seq: entry.seq,
    action: entry.action,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    actor: entry.actorUserId ? toGlobalId('User', entry.actorUserId) : null,
    actorApiKey: entry.actorApiKeyId ? toGlobalId('ApiKey', entry.actorApiKeyId) : null,
    actorApiKeyName: entry.actorApiKeyName,
    clientAddress: entry.clientAddress,
    userAgent: entry.userAgent,
    targetType: entry.targetType,
    target: entry.targetType && entry.targetId ? toGlobalId(entry.targetType, entry.targetId) : null,
    data: entry.data,
    requestId: entry.requestId,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

const CSV_COLUMNS = [
  'id',
  'seq',
  'action',
  'occurredAt',
  'recordedAt',
  'actor',
  'actorApiKey',
  'actorApiKeyName',
  'clientAddress',
  'userAgent',
  'targetType',
  'target',
  'data',
  'requestId',
  'prevHash',
  'hash',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; a leading =+-@ is prefixed with ' (no formula injection in spreadsheets). */
function csvField(value: unknown): string {
  const text = spreadsheetSafe(value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => `${CSV_COLUMNS.join(',')}\r\n`;
export const csvLine = (record: Record<string, unknown>) => `${CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`;
export const jsonLine = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;
