import type { EntityManager } from 'typeorm';

/*
 * Which documents take deliverables: signed contracts and statements of work. The one place that
 * reads a document's type, status and signature date for deliverables.
 */

/** SQL condition on the documents table (alias `document`) for a signed CONTRACT or SOW in its place. */
export const SIGNED_CONTRACT_SQL = `document.deleted_at IS NULL AND document.type IN ('contract', 'sow') AND document.status = 'signed'`;

/**
 * The day a document was signed (UTC: when its status became SIGNED), locked against changes until the caller's transaction ends,
 * or null when it is not a signed contract or SOW (or not in the caller's organization).
 */
export async function signedContractDate(em: EntityManager, documentId: string): Promise<string | null> {
  const rows: { signed_on: string }[] = await em.query(
    `SELECT to_char(document.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS signed_on
     FROM documents.documents document WHERE document.id = $1 AND ${SIGNED_CONTRACT_SQL} FOR SHARE`,
    [documentId],
  );
  return rows[0]?.signed_on ?? null;
}
