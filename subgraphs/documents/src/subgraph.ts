import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs } from '@cellgraph/kernel';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { DocumentClause } from './document-clause/document-clause.entity.js';
import { DocumentClauseResolver, DocumentClausesResolver } from './document-clause/document-clause.resolver.js';
import { DocumentClauseService } from './document-clause/document-clause.service.js';
import { parseDocumentsConfig } from './config.js';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { DocumentLiveResolver } from './document/document.live.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DOCUMENT_EXPIRY_SWEEP_EVERY_MS, DOCUMENT_EXPIRY_SWEEP_JOB, DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
import { DocumentEditSuggestion, DocumentReview } from './review/review.entity.js';
import { DocumentReviewResolver, PublicReviewResolver } from './review/review.resolver.js';
import { ReviewThrottle } from './review/review-throttle.js';
import { ReviewService } from './review/review.service.js';
import { DocumentRevision, DocumentRevisionChange } from './revision/revision.entity.js';
import {
  DocumentRevisionChangeResolver,
  DocumentRevisionFieldsResolver,
  DocumentRevisionResolver,
  RevisionMutationResolver,
} from './revision/revision.resolver.js';
import { RevisionService } from './revision/revision.service.js';
import type { DocumentsServices } from './services.js';
import { clauseTrash, documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: contracts, proposals, statements of work and templates, with their status, about any object; the clause library.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'Clause'],
  // Document.about: the objects it concerns (a contact, a deal), resolved like nodes(ids:) (missing or hidden ones left out).
  nodeReferences: [{ type: 'Document', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, DocumentClause, DocumentRevision, DocumentRevisionChange, DocumentReview, DocumentEditSuggestion],
  resolvers: [
    DocumentResolver,
    DocumentLiveResolver,
    DocumentPdfResolver,
    ClauseResolver,
    ClauseVersionResolver,
    DocumentClausesResolver,
    DocumentClauseResolver,
    RevisionMutationResolver,
    DocumentRevisionFieldsResolver,
    DocumentRevisionResolver,
    DocumentRevisionChangeResolver,
    DocumentReviewResolver,
    PublicReviewResolver,
  ],
  liveEvents: { documentChanged: { events: ['document.*'], routes: { id: ['subject.id'] } } },
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
    const documents = new DocumentService(db, authz, graph);
    const clauses = new ClauseService(db, authz);
    const throttle = new ReviewThrottle(redis, keyPrefix, {
      failuresPerAddress: config.DOCUMENT_REVIEW_FAILURES_PER_ADDRESS,
      windowSeconds: config.DOCUMENT_REVIEW_FAILURE_WINDOW_SECONDS,
    });
    const reviews = new ReviewService({ db, authz, documents, mailer, logger, throttle, appUrl: config.APP_URL });
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses,
      documentClauses: new DocumentClauseService(db, documents, clauses),
      revisions: new RevisionService(db, documents),
      reviews,
    };
  },
  jobs: ({ documents }) => ({
    [DOCUMENT_EXPIRY_SWEEP_JOB]: async () => void (await documents.expireLapsed()),
  }),
  schedules: [{ job: DOCUMENT_EXPIRY_SWEEP_JOB, everyMs: DOCUMENT_EXPIRY_SWEEP_EVERY_MS }],
});
