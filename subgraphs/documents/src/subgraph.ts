import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs } from '@cellgraph/kernel';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { parseDocumentsConfig } from './config.js';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
import { DocumentEditSuggestion, DocumentReview } from './review/review.entity.js';
import { DocumentReviewResolver, PublicReviewResolver } from './review/review.resolver.js';
import { ReviewThrottle } from './review/review-throttle.js';
import { ReviewService } from './review/review.service.js';
import type { DocumentsServices } from './services.js';
import { clauseTrash, documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: documents, templates and the clause library.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'Clause'],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, DocumentReview, DocumentEditSuggestion],
  resolvers: [DocumentResolver, DocumentPdfResolver, ClauseResolver, ClauseVersionResolver, DocumentReviewResolver, PublicReviewResolver],
  // The review token is the reviewer's credential: an API key has nothing to do with it.
  keyAccess: { documentReview: KEY_FORBIDDEN, documentSuggestionSubmit: KEY_FORBIDDEN },
  references: {
    Document: resolveDocumentReference,
    Clause: resolveClauseReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz, graph, redis, keyPrefix, mailer, logger, env }) {
    const config = parseDocumentsConfig(env);
    const documents = new DocumentService(db, authz);
    const throttle = new ReviewThrottle(redis, keyPrefix, {
      failuresPerAddress: config.DOCUMENT_REVIEW_FAILURES_PER_ADDRESS,
      windowSeconds: config.DOCUMENT_REVIEW_FAILURE_WINDOW_SECONDS,
    });
    const reviews = new ReviewService({ db, authz, documents, mailer, logger, throttle, appUrl: config.APP_URL });
    return { db, authz, documents, pdf: new DocumentPdfService(documents, graph), clauses: new ClauseService(db, authz), reviews };
  },
});
