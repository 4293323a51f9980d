import type { Database, PublishedEvent, SearchDocumentChanged, SearchDocumentRemoved } from '@cellgraph/kernel';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './highlight.js';

/** The characters that mark highlights (see highlight.ts) are never stored in a document. */
const withoutMarkers = (text: string) => text.replaceAll(HIGHLIGHT_START, ' ').replaceAll(HIGHLIGHT_STOP, ' ');

/**
 * The search index (`search.documents`), a projection of every module's `search.document_*`
 * events: idempotent and order-safe — a document replaces the stored one only when its version
 * (the uuidv7 of its event) is newer, so a duplicate or late event changes nothing. A purged object
 * leaves a tombstone (no content, its version) so that a late older document cannot bring it back.
 */
export class DocumentProjection {
  constructor(private readonly db: Database) {}

  changed(event: PublishedEvent, document: SearchDocumentChanged): Promise<void> {
    return this.upsert(event, document.version, {
      ...document,
      title: withoutMarkers(document.title),
      body: withoutMarkers(document.body),
      removed: false,
    });
  }

  removed(event: PublishedEvent, document: SearchDocumentRemoved): Promise<void> {
    return this.upsert(event, document.version, { ...document, title: '', body: '', deleted: false, removed: true });
  }

  private async upsert(
    event: PublishedEvent,
    version: string,
    row: { id: string; type: string; module: string; title: string; body: string; deleted: boolean; removed: boolean },
  ): Promise<void> {
    const orgId = event.orgId;
    if (!orgId) return;
    await this.db.transaction({ orgId, userId: null }, (em) =>
      em.query(
        `INSERT INTO search.documents AS d (org_id, id, type, module, title, body, deleted, removed, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (org_id, id) DO UPDATE
           SET type = excluded.type, module = excluded.module, title = excluded.title, body = excluded.body,
               deleted = excluded.deleted, removed = excluded.removed, version = excluded.version, updated_at = now()
         WHERE d.version < excluded.version`,
        [orgId, row.id, row.type, row.module, row.title, row.body, row.deleted, row.removed, version],
      ),
    );
  }
}
