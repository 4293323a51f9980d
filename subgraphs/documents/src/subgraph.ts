import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DocumentService } from './document/document.service.js';
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
  dependsOn: ['identity'],
  migrations,
  entities: [Document],
  resolvers: [DocumentResolver],
  references: {
    Document: resolveDocumentReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz }) {
    return { db, authz, documents: new DocumentService(db, authz) };
  },
});
