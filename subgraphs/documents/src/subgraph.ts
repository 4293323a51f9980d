import { defineSubgraph, referenceAsIs, typedJob } from '@cellgraph/kernel';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { documentsEvents, documentsJobs } from './contracts.js';
import { Deliverable } from './deliverable/deliverable.entity.js';
import { resolveDeliverableReference } from './deliverable/deliverable.reference.js';
import { DeliverableResolver, DocumentDeliverablesResolver } from './deliverable/deliverable.resolver.js';
import { DELIVERABLE_PACE_JOB, DeliverableService } from './deliverable/deliverable.service.js';
import { Document } from './document/document.entity.js';
import { DocumentLiveResolver } from './document/document.live.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DOCUMENT_EXPIRY_SWEEP_EVERY_MS, DOCUMENT_EXPIRY_SWEEP_JOB, DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
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
  nodeTypes: ['Document', 'Clause', 'Deliverable'],
  // Document.about: the objects it concerns (a contact, a deal), resolved like nodes(ids:) (missing or hidden ones left out).
  nodeReferences: [{ type: 'Document', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, DocumentRevision, DocumentRevisionChange, Deliverable],
  resolvers: [
    DocumentResolver,
    DocumentLiveResolver,
    DocumentPdfResolver,
    ClauseResolver,
    ClauseVersionResolver,
    RevisionMutationResolver,
    DocumentRevisionFieldsResolver,
    DocumentRevisionResolver,
    DocumentRevisionChangeResolver,
    DocumentDeliverablesResolver,
    DeliverableResolver,
  ],
  // A document's subscribers hear of its deliverables too (their events carry `documentId`).
  liveEvents: { documentChanged: { events: ['document.*', 'deliverable.*'], routes: { id: ['subject.id', 'data.documentId'] } } },
  references: {
    Document: resolveDocumentReference,
    Clause: resolveClauseReference,
    Deliverable: resolveDeliverableReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz, graph }) {
    const documents = new DocumentService(db, authz, graph);
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses: new ClauseService(db, authz),
      revisions: new RevisionService(db, documents),
      deliverables: new DeliverableService(db, authz, documents),
    };
  },
  jobs: ({ documents, deliverables }) => ({
    [DOCUMENT_EXPIRY_SWEEP_JOB]: async () => void (await documents.expireLapsed()),
    [DELIVERABLE_PACE_JOB]: typedJob(
      DELIVERABLE_PACE_JOB,
      documentsJobs[DELIVERABLE_PACE_JOB],
      async (data) => void (await deliverables.checkPace(data.today)),
    ),
  }),
  schedules: [
    { job: DOCUMENT_EXPIRY_SWEEP_JOB, everyMs: DOCUMENT_EXPIRY_SWEEP_EVERY_MS },
    { job: DELIVERABLE_PACE_JOB, everyMs: 24 * 60 * 60 * 1000 },
  ],
});
