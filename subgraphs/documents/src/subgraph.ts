import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { DocumentLiveResolver } from './document/document.live.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DOCUMENT_EXPIRY_SWEEP_EVERY_MS, DOCUMENT_EXPIRY_SWEEP_JOB, DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { LocalSignatureProvider } from './signature/local-signature-provider.js';
import { parseSignatureConfig } from './signature/signature.config.js';
import { DocumentSignatureResolver, SignatureFieldsResolver } from './signature/signature.resolver.js';
import { SignatureService, STORE_SIGNED_PDF_JOB } from './signature/signature.service.js';
import { SignatureRequest, Signer } from './signature/signature.entity.js';
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
  nodeTypes: ['Document', 'Clause'],
  // Document.about: the objects it concerns (a contact, a deal), resolved like nodes(ids:) (missing or hidden ones left out).
  nodeReferences: [{ type: 'Document', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, DocumentRevision, DocumentRevisionChange, SignatureRequest, Signer],
  secrets: ['SIGNATURE_WEBHOOK_SECRET'],
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
    DocumentSignatureResolver,
    SignatureFieldsResolver,
  ],
  liveEvents: { documentChanged: { events: ['document.*'], routes: { id: ['subject.id'] } } },
  references: {
    Document: resolveDocumentReference,
    Clause: resolveClauseReference,
    User: referenceAsIs,
  },
  emits: documentsEvents,
  createServices({ db, authz, graph, jobs, mailer, logger, env }) {
    const documents = new DocumentService(db, authz, graph);
    const config = parseSignatureConfig(env);
    const signatureProvider = new LocalSignatureProvider({ dir: config.sinkDir, publicUrl: config.publicUrl, secret: config.webhookSecret, mailer, logger });
    const signatures = new SignatureService(db, documents, signatureProvider, graph, jobs, config.webhookSecret, logger);
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses: new ClauseService(db, authz),
      revisions: new RevisionService(db, documents),
      signatures,
      signatureProvider,
    };
  },
  jobs: ({ documents, signatures }) => ({
    [DOCUMENT_EXPIRY_SWEEP_JOB]: async () => void (await documents.expireLapsed()),
    [STORE_SIGNED_PDF_JOB]: (data: { orgId: string; signatureId: string }, job) => signatures.storeSignedPdf(job.id, data),
  }),
  // Reached through the gateway at /hooks/documents/…: the provider's webhook and the simulator's signing pages.
  hooks(router, { signatures, signatureProvider }) {
    router.post('/signatures/webhook', async (req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
      const outcome = await signatures.receiveWebhook(req.body as Buffer, headers);
      if (outcome === 'forged') return void res.status(401).json({ error: 'invalid signature' });
      res.json({ ok: true, replayed: outcome === 'replayed' });
    });
    signatureProvider.mountSigningPages(router);
  },

  schedules: [{ job: DOCUMENT_EXPIRY_SWEEP_JOB, everyMs: DOCUMENT_EXPIRY_SWEEP_EVERY_MS }],
});
