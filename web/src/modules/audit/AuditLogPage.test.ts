import { describe, expect, it } from 'vitest';
import { auditFilterOf } from './AuditLogPage';

describe('the audit log’s filter', () => {
  it('is null when nothing is filled in', () => {
    expect(auditFilterOf({ action: ' ', from: '', to: '' })).toBeNull();
  });

  it('filters by action prefix and whole days, the end day included', () => {
    expect(auditFilterOf({ action: 'api_key.', from: '2026-01-02', to: '2026-01-03' })).toEqual({
      action: { startsWith: 'api_key.' },
      occurredAt: { gte: '2026-01-02T00:00:00Z', lt: '2026-01-04T00:00:00.000Z' },
    });
  });
});
