import type { SubgraphContext } from '@cellgraph/kernel';
import type { Document } from '../document/document.entity.js';
import type { DocumentsServices } from '../services.js';
import type { DocumentClause } from './document-clause.entity.js';
import { inContentOrder } from './document-clause.service.js';

/** A document's clauses as its content orders them; the documents of one response cost one statement. */
export async function loadDocumentClauses(context: SubgraphContext<DocumentsServices>, document: Document): Promise<DocumentClause[]> {
  const rows = await context.loaders
    .get<string, DocumentClause[]>('documentClauses', (ids) => context.services.documentClauses.ofDocuments(context.request, ids))
    .load(document.id);
  const ordered = inContentOrder(document.content, rows);
  ordered.forEach((row, index) => (row.position = index));
  return ordered;
}
