import {
  AggregateAccess,
  forbidden,
  globalIdOf,
  paginate,
  requireUserId,
  userError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type LoaderRegistry,
  type ReaderText,
  type RequestContext,
  text,
  zodMessage,
} from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { canTransition } from '../document/document-status.js';
import { Document, DocumentStatus } from '../document/document.entity.js';
import type { DocumentService } from '../document/document.service.js';
import { ApprovalErrorCode, approvalRequestNotFound } from './approval.errors.js';
import { ApprovalDecision, DocumentApprovalStatus, type ApprovalDecideInput } from './approval.inputs.js';
import { ApprovalRequest, ApprovalState } from './approval-request.entity.js';
import type { ApprovalWorkflowService } from './approval-workflow.service.js';
import { documentErrorTexts } from '../messages.js';

const submitInput = z.object({ id: globalIdOf('Document') });
const decideInput = z.object({
  id: globalIdOf('ApprovalRequest'),
  decision: z.enum(ApprovalDecision),
  comment: z.string().trim().max(5000, zodMessage(documentErrorTexts.commentTooLong)).nullish(),
});

/** Where a document goes once its last required step is approved: ready for the client (documentSend). */
export const APPROVED_STATUS = DocumentStatus.CLIENT_REVIEW;

const refused = (code: string, message: ReaderText, field: (string | number)[] = ['input', 'id']) => userError(code, message, field);

/** Whether a pending step may be decided now: every required step before it is approved (optional ones are passed over). */
function isReached(steps: readonly ApprovalRequest[], step: ApprovalRequest): boolean {
  return steps.every((other) => other.stepOrder >= step.stepOrder || !other.required || other.state !== ApprovalState.PENDING);
}

/**
 * Submissions of documents for approval and the reviewers' decisions. A submission (a "round")
 * copies the workflow of the document's type into one ApprovalRequest per step; steps are decided
 * in order, an optional step being passed over (SKIPPED) when a later step is decided first. The
 * document's status follows through DocumentService.transition with cause `approval`: DRAFT →
 * INTERNAL_REVIEW on submission, → CLIENT_REVIEW on the last required approval, → DRAFT on a
 * rejection or a return for changes. Decisions on one document are serialized by locking its row.
 */
export class ApprovalService {
  readonly access: AggregateAccess<ApprovalRequest>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly documents: DocumentService,
    private readonly workflows: ApprovalWorkflowService,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'ApprovalRequest',
      entity: ApprovalRequest,
      table: 'documents.approval_requests',
      notFound: approvalRequestNotFound,
      // Whoever reads the document reads its approval history.
      readableOf: (request, rows) =>
        authz.allowed(
          request,
          'read',
          'Document',
          rows.map((row) => row.documentId),
        ),
    });
  }

  async submit(request: RequestContext, input: { id: string }): Promise<{ document: Document; approvalRequests: ApprovalRequest[] }> {
    const { id } = validateInput(submitInput, input, ApprovalErrorCode.InvalidInput);
    const actorId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      let document = await this.documents.access.loadForUpdate(em, request, 'write', id);
      const latest = await this.latestRound(em, document.id);
      const pending = latest.filter((step) => step.state === ApprovalState.PENDING);
      if (pending.length && document.status === DocumentStatus.INTERNAL_REVIEW) {
        throw refused(ApprovalErrorCode.AlreadyPending, documentErrorTexts.alreadyPending);
      }
      if (document.status !== DocumentStatus.INTERNAL_REVIEW && !canTransition(document.status, DocumentStatus.INTERNAL_REVIEW)) {
        throw refused(ApprovalErrorCode.NotSubmittable, text(documentErrorTexts.notSubmittable, { status: document.status.toUpperCase() }));
      }
      const workflow = await this.workflows.forType(em, document.type);
      if (!workflow) throw refused(ApprovalErrorCode.NoWorkflow, text(documentErrorTexts.noWorkflow, { type: document.type }));
      // A round left pending when its document moved on by hand is closed.
      await this.close(em, pending);
      const round = (latest[0]?.round ?? 0) + 1;
      const steps = workflow.steps.map((step, index) =>
        em.create(ApprovalRequest, {
          id: uuidv7(),
          orgId: document.orgId,
          documentId: document.id,
          round,
          stepOrder: index + 1,
          role: step.role,
          teamId: step.teamId,
          action: step.action,
          required: step.required,
          state: ApprovalState.PENDING,
          decidedBy: null,
          decidedAt: null,
          comment: null,
          submittedBy: actorId,
          requestedAt: null,
        }),
      );
      await em.save(steps);
      if (document.status !== DocumentStatus.INTERNAL_REVIEW)
        document = await this.documents.transition(em, document, DocumentStatus.INTERNAL_REVIEW, 'approval', ['input', 'id']);
      await this.emit(em, document, 'document.submitted_for_approval', {
        round,
        workflow: workflow.name,
        steps: steps.length,
        title: document.title,
        ownerId: document.ownerId,
      });
      await this.requestReached(em, document, steps);
      return { document, approvalRequests: steps };
    });
  }

  async decide(request: RequestContext, input: ApprovalDecideInput): Promise<{ approvalRequest: ApprovalRequest; document: Document }> {
    const valid = validateInput(decideInput, input, ApprovalErrorCode.InvalidInput);
    const actorId = requireUserId(request);
    const comment = valid.comment || null;
    return this.db.transaction(request, async (em) => {
      const found = await em.findOneBy(ApprovalRequest, { id: valid.id });
      if (!found || !(await this.authz.can(request, 'read', 'Document', found.documentId))) throw approvalRequestNotFound();
      // The document's row lock serializes decisions on it: a concurrent decision on the same step waits, then finds it decided.
      let document = await this.documents.access.loadForUpdate(em, request, 'read', found.documentId);
      const round = await em.find(ApprovalRequest, { where: { documentId: document.id, round: found.round }, order: { stepOrder: 'ASC' } });
      const step = round.find((item) => item.id === found.id)!;
      if (step.state !== ApprovalState.PENDING) throw refused(ApprovalErrorCode.AlreadyDecided, documentErrorTexts.stepDecided);
      if (!(await this.isReviewer(request, step, actorId))) throw forbidden(documentErrorTexts.reviewerDecidesOnly);
      if (document.status !== DocumentStatus.INTERNAL_REVIEW) {
        throw refused(ApprovalErrorCode.AlreadyDecided, text(documentErrorTexts.noLongerInReview, { status: document.status.toUpperCase() }));
      }
      if (!isReached(round, step)) throw refused(ApprovalErrorCode.StepNotReached, documentErrorTexts.stepNotReached);

      const passedOver = round.filter((other) => other.stepOrder < step.stepOrder && other.state === ApprovalState.PENDING);
      await this.close(em, passedOver);
      Object.assign(step, { state: stateOf(valid.decision), decidedBy: actorId, decidedAt: new Date(), comment });
      await em.save(step);
      const decided = { round: step.round, stepOrder: step.stepOrder, decision: valid.decision, comment, title: document.title, ownerId: document.ownerId };
      await this.emit(em, document, 'document.approval_decided', decided);

      const rest = round.filter((other) => other.state === ApprovalState.PENDING);
      const recipients = [...new Set([step.submittedBy, document.ownerId])];
      if (valid.decision === ApprovalDecision.APPROVE) {
        if (rest.some((other) => other.required)) {
          await this.requestReached(em, document, round);
        } else {
          await this.close(em, rest);
          document = await this.documents.transition(em, document, APPROVED_STATUS, 'approval', ['input', 'id']);
          await this.emit(em, document, 'document.approved', { round: step.round, recipients, title: document.title, ownerId: document.ownerId });
        }
      } else {
        await this.close(em, rest);
        document = await this.documents.transition(em, document, DocumentStatus.DRAFT, 'approval', ['input', 'id']);
        const type = valid.decision === ApprovalDecision.REJECT ? 'document.rejected' : 'document.returned_for_changes';
        await this.emit(em, document, type, {
          round: step.round,
          stepOrder: step.stepOrder,
          comment,
          recipients,
          title: document.title,
          ownerId: document.ownerId,
        });
      }
      return { approvalRequest: step, document };
    });
  }

  /** A document's approval history: newest submission first, steps in order (the caller reads the document: its field checked that). */
  history(request: RequestContext, document: Document, args: ConnectionArgs): Promise<Connection<ApprovalRequest>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(ApprovalRequest, 'request').where('request.documentId = :documentId', { documentId: document.id }),
      sort: [
        { name: 'round', path: 'request.round', direction: 'DESC', sqlType: 'int' },
        { name: 'stepOrder', path: 'request.stepOrder', direction: 'ASC', sqlType: 'int' },
        { name: 'id', path: 'request.id', direction: 'ASC', sqlType: 'uuid' },
      ],
      args,
    });
  }

  /** Where each document's latest submission stands, for many documents in one query (a DataLoader). */
  statusLoader(loaders: LoaderRegistry, request: RequestContext) {
    return loaders.get<string, DocumentApprovalStatus>('approval-status', async (documentIds) => {
      const rows = await this.db.transaction(request, (em) =>
        em
          .createQueryBuilder(ApprovalRequest, 'request')
          .where('request.documentId IN (:...documentIds)', { documentIds: [...documentIds] })
          .andWhere('request.round = (SELECT max(latest.round) FROM documents.approval_requests latest WHERE latest.document_id = request.document_id)')
          .getMany(),
      );
      return documentIds.map((documentId) => statusOf(rows.filter((row) => row.documentId === documentId)));
    });
  }

  /** Whether the caller may decide `step`: holds its role, or is in its team. */
  async isReviewer(
    request: RequestContext,
    step: ApprovalRequest,
    userId = request.principal.kind === 'user' ? request.principal.userId : null,
  ): Promise<boolean> {
    if (!userId || request.principal.kind !== 'user') return false;
    if (step.role) return (await this.authz.roleOf(step.orgId, userId)) === step.role;
    return (await this.authz.teamsOf(step.orgId, userId)).includes(step.teamId!);
  }

  private latestRound(em: EntityManager, documentId: string): Promise<ApprovalRequest[]> {
    return em
      .createQueryBuilder(ApprovalRequest, 'request')
      .where('request.documentId = :documentId', { documentId })
      .andWhere('request.round = (SELECT max(latest.round) FROM documents.approval_requests latest WHERE latest.document_id = :documentId)')
      .orderBy('request.stepOrder', 'ASC')
      .getMany();
  }

  /** Pending steps passed over, or left when their round ended. */
  private async close(em: EntityManager, steps: ApprovalRequest[]): Promise<void> {
    if (!steps.length) return;
    await em.update(ApprovalRequest, { id: In(steps.map((step) => step.id)) }, { state: ApprovalState.SKIPPED });
    for (const step of steps) step.state = ApprovalState.SKIPPED;
  }

  /** Asks the reviewers of every step reached and not yet asked (`document.approval_requested`, one per step). */
  private async requestReached(em: EntityManager, document: Document, round: ApprovalRequest[]): Promise<void> {
    const now = new Date();
    for (const step of round.filter((item) => item.state === ApprovalState.PENDING && !item.requestedAt && isReached(round, item))) {
      step.requestedAt = now;
      await em.update(ApprovalRequest, { id: step.id }, { requestedAt: now });
      const reviewers = step.role ? await this.authz.usersWithRole(document.orgId, step.role) : await this.authz.teamMembers(document.orgId, step.teamId!);
      const recipients = await this.readersOf(document, reviewers);
      await this.emit(em, document, 'document.approval_requested', {
        approvalRequestId: step.id,
        round: step.round,
        stepOrder: step.stepOrder,
        action: step.action,
        required: step.required,
        recipients,
        title: document.title,
        ownerId: document.ownerId,
      });
    }
  }

  /** Of `userIds`, those who may read the document: nobody learns of a document hidden from them (a guest in a reviewing team). */
  private async readersOf(document: Document, userIds: string[]): Promise<string[]> {
    const readers: string[] = [];
    for (const userId of userIds) {
      const asReviewer: RequestContext = { requestId: 'approval-reviewers', principal: { kind: 'user', userId, orgId: document.orgId, scopes: [] } };
      if (await this.authz.can(asReviewer, 'read', 'Document', document.id)) readers.push(userId);
    }
    return readers;
  }

  private emit(em: EntityManager, document: Document, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: document.orgId, subject: { type: 'Document', id: document.id }, data });
  }
}

function stateOf(decision: ApprovalDecision): ApprovalState {
  if (decision === ApprovalDecision.APPROVE) return ApprovalState.APPROVED;
  return decision === ApprovalDecision.REJECT ? ApprovalState.REJECTED : ApprovalState.RETURNED;
}

/** A submission's standing from its steps. */
export function statusOf(round: readonly ApprovalRequest[]): DocumentApprovalStatus {
  if (!round.length) return DocumentApprovalStatus.NONE;
  if (round.some((step) => step.state === ApprovalState.REJECTED)) return DocumentApprovalStatus.REJECTED;
  if (round.some((step) => step.state === ApprovalState.RETURNED)) return DocumentApprovalStatus.RETURNED;
  if (round.some((step) => step.state === ApprovalState.PENDING)) return DocumentApprovalStatus.PENDING;
  // Every step closed: approved when any was, else (a round closed by hand) as if never submitted.
  return round.some((step) => step.state === ApprovalState.APPROVED) ? DocumentApprovalStatus.APPROVED : DocumentApprovalStatus.NONE;
}
