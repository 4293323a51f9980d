import { createHmac } from 'node:crypto';
import {
  claimOnce,
  globalIdOf,
  jobRequest,
  SecretBox,
  storeGeneratedFile,
  toGlobalId,
  uuidv7,
  validateInput,
  type Database,
  type GraphClient,
  type JobDelegation,
  type JobQueue,
  type Logger,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Document } from '../document/document.entity.js';
import { DocumentErrorCode, documentInvalidTransition, documentNotFound, signatureNotPending, signaturePending } from '../document/document.errors.js';
import { canTransition, DocumentStatus } from '../document/document-status.js';
import type { DocumentService } from '../document/document.service.js';
import { pdfSourceOf } from '../pdf/document-pdf.service.js';
import { renderPdf } from '../pdf/html-pdf.js';
import { SignatureRequest, SignatureStatus, Signer } from './signature.entity.js';
import type { EnvelopeEvent, SignatureProvider } from './signature-provider.js';
import { documentErrorTexts } from '../messages.js';

export const STORE_SIGNED_PDF_JOB = 'store-signed-pdf';

const sendInput = z.object({
  id: globalIdOf('Document'),
  message: z.string().max(2000, zodMessage(documentErrorTexts.signatureMessageTooLong)).nullish(),
  signers: z
    .array(
      z.object({
        name: z.string().trim().min(1, zodMessage(documentErrorTexts.signerNameRequired)).max(200),
        email: z.string().trim().toLowerCase().email(zodMessage(documentErrorTexts.notAnEmail)),
        order: z.number().int().min(1, zodMessage(documentErrorTexts.orderMin)).max(100),
      }),
    )
    .min(1, zodMessage(documentErrorTexts.signerRequired))
    .max(20, zodMessage(documentErrorTexts.tooManySigners))
    .refine((signers) => new Set(signers.map((signer) => signer.email)).size === signers.length, zodMessage(documentErrorTexts.signerOnce)),
});

const voidInput = z.object({
  id: globalIdOf('Document'),
  reason: z.string().trim().max(500, zodMessage(documentErrorTexts.declineReasonTooLong)).nullish(),
});

/** A document goes out for signature from draft or review, or again while SENT (an earlier request declined or voided). */
const sendableForSignature = (status: DocumentStatus) => status === DocumentStatus.SENT || canTransition(status, DocumentStatus.SENT);

/** What a webhook call came to. */
export type WebhookOutcome = 'handled' | 'replayed' | 'forged';

/**
 * Signatures: sends a document to its signers through the provider (an envelope with the PDF),
 * follows the provider's signed webhooks (idempotent on its event id) and, once everyone signed,
 * stores the signed PDF through files as the sender.
 */
export class SignatureService {
  private readonly seal: SecretBox;

  constructor(
    private readonly db: Database,
    private readonly documents: DocumentService,
    private readonly provider: SignatureProvider,
    private readonly graph: GraphClient,
    private readonly jobs: JobQueue,
    webhookSecret: string,
    private readonly logger: Logger,
  ) {
    this.seal = new SecretBox(createHmac('sha256', webhookSecret).update('documents: sealed job delegations').digest('base64'));
  }

  async send(request: RequestContext, input: unknown): Promise<SignatureRequest> {
    const valid = validateInput(sendInput, input, DocumentErrorCode.InvalidInput);
    await this.documents.access.requireExisting(request, 'write', valid.id);
    const [document] = await this.documents.access.byIds(request, [valid.id]);
    if (!document) throw documentNotFound();
    if (await this.pending(request, document.id)) throw signaturePending();
    if (!sendableForSignature(document.status)) throw documentInvalidTransition(document.status, DocumentStatus.SENT, ['input', 'id']);
    // Asked before anything is sent: the signed PDF is stored later, as the sender.
    const actingFor = await this.graph.delegateToJob(request);
    const id = uuidv7();
    const pdf = await renderPdf({ ...pdfSourceOf(document), redline: false });
    const envelopeId = await this.provider.createEnvelope({
      title: document.title,
      message: valid.message ?? null,
      pdf,
      signers: valid.signers,
      metadata: { orgId: document.orgId, requestId: id },
    });
    try {
      return await this.db.transaction(request, async (em) => {
        const locked = await this.documents.access.loadForUpdate(em, request, 'write', document.id);
        if (await this.pending(request, document.id, em)) throw signaturePending();
        if (!sendableForSignature(locked.status)) throw documentInvalidTransition(locked.status, DocumentStatus.SENT, ['input', 'id']);
        // Out for signature is SENT (already SENT when an earlier request was declined or voided).
        if (locked.status !== DocumentStatus.SENT) await this.documents.transition(em, locked, DocumentStatus.SENT, 'signature', ['input', 'id']);
        const signature = await em.save(
          em.create(SignatureRequest, {
            id,
            orgId: document.orgId,
            documentId: document.id,
            provider: this.provider.name,
            envelopeId,
            status: SignatureStatus.SENT,
            message: valid.message ?? null,
            actingFor: this.seal.seal(JSON.stringify(actingFor)),
            createdBy: request.principal.kind === 'user' ? request.principal.userId : document.createdBy,
          }),
        );
        await em.save(valid.signers.map((signer) => em.create(Signer, { id: uuidv7(), orgId: document.orgId, requestId: id, ...signer, signedAt: null })));
        await this.emit(em, document, 'document.sent_for_signature', { title: document.title, signatureId: id, signers: valid.signers });
        return signature;
      });
    } catch (error) {
      await this.provider.voidEnvelope(envelopeId, 'not recorded').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Recalls the request out for signature: voided at the provider first (its signing links stop
   * working), then here, in one transaction holding the request's row; the document goes back to
   * DRAFT. A webhook that arrives after it changes nothing.
   */
  async void(request: RequestContext, input: unknown): Promise<SignatureRequest> {
    const valid = validateInput(voidInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const document = await this.documents.access.loadForUpdate(em, request, 'write', valid.id);
      const signature = await em.findOne(SignatureRequest, {
        where: { documentId: document.id, status: SignatureStatus.SENT },
        lock: { mode: 'pessimistic_write' },
      });
      if (!signature) throw signatureNotPending();
      await this.provider.voidEnvelope(signature.envelopeId, valid.reason ?? 'voided by the sender');
      signature.status = SignatureStatus.VOIDED;
      signature.actingFor = null;
      await em.update(SignatureRequest, { id: signature.id }, { status: signature.status, actingFor: null });
      if (document.status === DocumentStatus.SENT) await this.documents.transition(em, document, DocumentStatus.DRAFT, 'signature', ['input', 'id']);
      await this.emit(em, document, 'document.signature_voided', { title: document.title, signatureId: signature.id, reason: valid.reason ?? null });
      return signature;
    });
  }

  /** A provider's webhook call: forged ones refused, replays ignored, the rest applied once. */
  async receiveWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): Promise<WebhookOutcome> {
    const event = this.provider.parseWebhook(rawBody, headers);
    if (!event) return 'forged';
    const { orgId } = event.metadata;
    return this.db.transaction({ orgId, userId: null }, async (em, hooks) => {
      if (!(await claimOnce(em, 'documents.signature_webhook_events', { org_id: orgId, provider: this.provider.name, event_id: event.id }))) return 'replayed';
      const signature = await em.findOne(SignatureRequest, {
        where: { id: event.metadata.requestId, provider: this.provider.name, envelopeId: event.envelopeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!signature) {
        this.logger.warn({ envelope: event.envelopeId }, 'signature webhook for an unknown envelope');
        return 'handled';
      }
      await this.apply(em, signature, event);
      if (signature.status === SignatureStatus.COMPLETED) {
        hooks.afterCommit(() => this.jobs.enqueue(STORE_SIGNED_PDF_JOB, { orgId, signatureId: signature.id }, { jobId: `signed-pdf-${signature.id}` }));
      }
      return 'handled';
    });
  }

  /** Job: renders the signed document (its signatures appended) and stores it through files as the sender. */
  async storeSignedPdf(jobId: string | undefined, data: { orgId: string; signatureId: string }): Promise<void> {
    const found = await this.db.transaction({ orgId: data.orgId, userId: null }, async (em) => {
      const signature = await em.findOneBy(SignatureRequest, { id: data.signatureId });
      if (!signature || signature.signedFileId || signature.status !== SignatureStatus.COMPLETED || !signature.actingFor) return null;
      const document = await em.findOne(Document, { where: { id: signature.documentId }, withDeleted: true });
      const signers = await em.find(Signer, { where: { requestId: signature.id }, order: { order: 'ASC', signedAt: 'ASC' } });
      return document ? { signature, document, signers } : null;
    });
    if (!found) return;
    const { signature, document, signers } = found;
    const actingFor = JSON.parse(this.seal.open(signature.actingFor!)) as JobDelegation;
    const bytes = await renderPdf({
      ...pdfSourceOf(document),
      redline: false,
      signatures: signers.map((signer) => ({ name: signer.name, email: signer.email, signedAt: signer.signedAt ?? new Date() })),
    });
    const file = await storeGeneratedFile(this.graph, jobRequest(jobId, actingFor), {
      name: `${document.title} (signed).pdf`,
      contentType: 'application/pdf',
      bytes,
      aboutId: toGlobalId('Document', document.id),
      idempotencyKey: `signed-pdf-${signature.id}`,
    });
    await this.db.transaction({ orgId: data.orgId, userId: null }, (em) =>
      em.update(SignatureRequest, { id: signature.id }, { signedFileId: file.id, actingFor: null }),
    );
  }

  /** The latest signature request of each document, with its signers. */
  async latestOf(request: RequestContext, documentIds: readonly string[]): Promise<Map<string, { signature: SignatureRequest; signers: Signer[] }>> {
    return this.db.transaction(request, async (em) => {
      const requests = await em
        .createQueryBuilder(SignatureRequest, 'signature')
        .distinctOn(['signature.documentId'])
        .where('signature.documentId IN (:...ids)', { ids: documentIds })
        .orderBy('signature.documentId')
        .addOrderBy('signature.createdAt', 'DESC')
        .getMany();
      const signers = requests.length
        ? await em.find(Signer, { where: requests.map((each) => ({ requestId: each.id })), order: { order: 'ASC', email: 'ASC' } })
        : [];
      return new Map(requests.map((each) => [each.documentId, { signature: each, signers: signers.filter((signer) => signer.requestId === each.id) }]));
    });
  }

  private async apply(em: EntityManager, signature: SignatureRequest, event: EnvelopeEvent): Promise<void> {
    const signers = await em.find(Signer, { where: { requestId: signature.id }, order: { order: 'ASC', email: 'ASC' } });
    for (const reported of event.signers) {
      const signer = signers.find((each) => each.email === reported.email);
      if (signer && reported.signedAt && !signer.signedAt) {
        signer.signedAt = new Date(reported.signedAt);
        await em.update(Signer, { id: signer.id }, { signedAt: signer.signedAt });
      }
    }
    if (signature.status !== SignatureStatus.SENT || event.status === SignatureStatus.SENT) return;
    signature.status = event.status === 'COMPLETED' ? SignatureStatus.COMPLETED : SignatureStatus.VOIDED;
    signature.completedAt = signature.status === SignatureStatus.COMPLETED ? new Date() : null;
    await em.update(SignatureRequest, { id: signature.id }, { status: signature.status, completedAt: signature.completedAt });
    if (signature.status !== SignatureStatus.COMPLETED) return;
    const document = await em.findOne(Document, { where: { id: signature.documentId }, lock: { mode: 'pessimistic_write' } });
    if (!document) return;
    // A document recalled or voided while out for signature keeps its status; the signatures are still recorded.
    if (canTransition(document.status, DocumentStatus.SIGNED)) await this.documents.transition(em, document, DocumentStatus.SIGNED, 'signature');
    await this.emit(em, document, 'document.signed', {
      title: document.title,
      signatureId: signature.id,
      signers: signers.map(({ name, email, order }) => ({ name, email, order })),
      recipients: [...new Set([document.ownerId, signature.createdBy])],
    });
  }

  private async pending(request: RequestContext, documentId: string, em?: EntityManager): Promise<boolean> {
    const count = (manager: EntityManager) => manager.countBy(SignatureRequest, { documentId, status: SignatureStatus.SENT });
    return (em ? await count(em) : await this.db.transaction(request, count)) > 0;
  }

  private emit(em: EntityManager, document: Document, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: document.orgId, subject: { type: 'Document', id: document.id }, data });
  }
}
