import { defineSubgraph, referenceAsIs, typedJob } from '@cellgraph/kernel';
import { documentsEvents, documentsJobs } from './contracts.js';
import { Deliverable } from './deliverable/deliverable.entity.js';
import { resolveDeliverableReference } from './deliverable/deliverable.reference.js';
import { DeliverableResolver, DocumentDeliverablesResolver } from './deliverable/deliverable.resolver.js';
import { DELIVERABLE_PACE_JOB, DeliverableService } from './deliverable/deliverable.service.js';
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
  nodeTypes: ['Document', 'Deliverable'],
  trash: [documentTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [Document, Deliverable],
  resolvers: [DocumentResolver, DocumentDeliverablesResolver, DeliverableResolver],
  references: {
    Document: resolveDocumentReference,
    Deliverable: resolveDeliverableReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz }) {
    const documents = new DocumentService(db, authz);
    return { db, authz, documents, deliverables: new DeliverableService(db, authz, documents) };
  },
  jobs: ({ deliverables }) => ({
    [DELIVERABLE_PACE_JOB]: typedJob(DELIVERABLE_PACE_JOB, documentsJobs[DELIVERABLE_PACE_JOB], async (data) => void (await deliverables.checkPace(data.today))),
  }),
  schedules: [{ job: DELIVERABLE_PACE_JOB, everyMs: 24 * 60 * 60 * 1000 }],
});
