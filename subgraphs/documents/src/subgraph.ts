import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
import type { DocumentsServices } from './services.js';
import { documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: documents.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document'],
  trash: [documentTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document],
  resolvers: [DocumentResolver, DocumentPdfResolver],
  references: {
    Document: resolveDocumentReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz, graph }) {
    const documents = new DocumentService(db, authz);
    return { db, authz, documents, pdf: new DocumentPdfService(documents, graph) };
  },
});
