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
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
import type { DocumentsServices } from './services.js';
import { clauseTrash, documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: documents, templates and the clause library.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'Clause', 'Deliverable'],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, Deliverable],
  resolvers: [DocumentResolver, DocumentPdfResolver, ClauseResolver, ClauseVersionResolver, DocumentDeliverablesResolver, DeliverableResolver],
  references: {
    Document: resolveDocumentReference,
    Clause: resolveClauseReference,
    Deliverable: resolveDeliverableReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz, graph }) {
    const documents = new DocumentService(db, authz);
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses: new ClauseService(db, authz),
      deliverables: new DeliverableService(db, authz, documents),
    };
  },
  jobs: ({ deliverables }) => ({
    [DELIVERABLE_PACE_JOB]: typedJob(
      DELIVERABLE_PACE_JOB,
      documentsJobs[DELIVERABLE_PACE_JOB],
      async (data) => void (await deliverables.checkPace(data.today)),
    ),
  }),
  schedules: [{ job: DELIVERABLE_PACE_JOB, everyMs: 24 * 60 * 60 * 1000 }],
});
