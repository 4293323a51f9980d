import { requireOrgId, storeGeneratedFile, type Database, type GraphClient, type RequestContext } from '@cellgraph/kernel';
import type { AuditEntryFilter } from '../audit-entry/audit-entry.inputs.js';
import type { AuditEntryService } from '../audit-entry/audit-entry.service.js';
import { csvHeader, csvLine, exportRecord, jsonLine } from './export-format.js';
import { auditExportTooLarge } from './export.errors.js';

export type AuditExportFormat = 'CSV' | 'JSONL';

/** The most entries one export holds (narrow the filter, e.g. by `occurredAt`, for more). */
export const AUDIT_EXPORT_MAX_ENTRIES = 100_000;

/**
 * Exports: the entries matching a filter, oldest first, as a CSV or JSON Lines File stored through
 * the files module as the caller (its rules apply: quota, types, size). The export is an audited event.
 */
export class AuditExportService {
  constructor(
    private readonly db: Database,
    private readonly entries: AuditEntryService,
    private readonly graph: GraphClient,
  ) {}

  async export(request: RequestContext, filter: AuditEntryFilter | null | undefined, format: AuditExportFormat): Promise<{ fileId: string; entries: number }> {
    const orgId = requireOrgId(request);
    const chunks: string[] = format === 'CSV' ? [csvHeader()] : [];
    let count = 0;
    for await (const batch of this.entries.matching(request, filter)) {
      count += batch.length;
      if (count > AUDIT_EXPORT_MAX_ENTRIES) throw auditExportTooLarge(AUDIT_EXPORT_MAX_ENTRIES);
      for (const entry of batch) chunks.push(format === 'CSV' ? csvLine(exportRecord(entry)) : jsonLine(exportRecord(entry)));
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = await storeGeneratedFile(this.graph, request, {
      name: `audit-log-${stamp}.${format === 'CSV' ? 'csv' : 'jsonl'}`,
      // JSON Lines as text/plain: the files module's default FILE_ALLOWED_TYPES has no NDJSON type.
      contentType: format === 'CSV' ? 'text/csv' : 'text/plain',
      bytes: Buffer.from(chunks.join(''), 'utf8'),
    });
    const data = { format, entries: count, fileId: file.id, filter: (filter ?? null) as Record<string, unknown> | null };
    await this.db.transaction(request, (em) => this.db.emit(em, { type: 'audit.exported', orgId, data }));
    return { fileId: file.id, entries: count };
  }
}
