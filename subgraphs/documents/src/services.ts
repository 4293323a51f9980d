import type { Authorizer, Database } from '@cellgraph/kernel';
import type { DeliverableService } from './deliverable/deliverable.service.js';
import type { ClauseService } from './clause/clause.service.js';
import type { DocumentService } from './document/document.service.js';
import type { DocumentPdfService } from './pdf/document-pdf.service.js';
import type { RevisionService } from './revision/revision.service.js';

/** What every resolver of the documents subgraph receives. */
export interface DocumentsServices {
  db: Database;
  authz: Authorizer;
  documents: DocumentService;
  deliverables: DeliverableService;
  clauses: ClauseService;
  pdf: DocumentPdfService;
  revisions: RevisionService;
}
