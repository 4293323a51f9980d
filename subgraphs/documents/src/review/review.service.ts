import {
  fromGlobalId,
  hashSecretToken,
  newSecretToken,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  uuidv7,
  validateInput,
  type Authorizer,
  type BadTokenThrottle,
  type Connection,
  type ConnectionArgs,
  type Database,
  type EmailMessage,
  type Logger,
  type Mailer,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Document } from '../document/document.entity.js';
import { DocumentStatus } from '../document/document-status.js';
import { DocumentErrorCode } from '../document/document.errors.js';
import type { DocumentService } from '../document/document.service.js';
import { fieldValue } from '../redline/index.js';
import { DocumentRevision } from '../revision/revision.entity.js';
import type { RevisionService } from '../revision/revision.service.js';
import { applySuggestion } from './apply-suggestion.js';
import { reviewEmail } from './review-email.js';
import type { ReviewerLanguage } from './reviewer-language.js';
import { DocumentEditSuggestion, DocumentReview, SuggestionState } from './review.entity.js';
import { reviewNotFound, reviewTokenInvalid, suggestionDecided, suggestionNotFound, suggestionStale } from './review.errors.js';
import type { DocumentSendInput, DocumentSuggestionRejectInput, DocumentSuggestionSubmitInput, ReviewedDocument, ReviewedSuggestion } from './review.inputs.js';
import { documentErrorTexts } from '../messages.js';

/** Prefix of review tokens (`cgd_…`), so a leaked one is recognisable. */
export const REVIEW_TOKEN_PREFIX = 'cgd';
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_EXPIRY_DAYS = 14;

const text = (max: number) => z.string().max(max, zodMessage(documentErrorTexts.atMostCharacters, { max }));
const sendInput = z.object({
  id: z.string(),
  email: z
    .email(zodMessage(documentErrorTexts.emailRequired))
    .max(320)
    .transform((email) => email.toLowerCase()),
  name: z.string().trim().max(200).nullish(),
  message: text(5000).nullish(),
  expiresInDays: z.number().int().min(1, zodMessage(documentErrorTexts.expiryRange)).max(90, zodMessage(documentErrorTexts.expiryRange)).nullish(),
});
const submitInput = z.object({
  section: z.string().trim().min(1, zodMessage(documentErrorTexts.sectionRequired)).max(200),
  originalText: text(20_000),
  suggestedText: text(20_000),
  comment: text(5000).nullish(),
});
const rejectInput = z.object({ notes: text(5000).nullish() });
/** A well-formed token: the prefix and 32 random bytes (base64url). Anything else is refused unread. */
const TOKEN_SHAPE = /^cgd_[A-Za-z0-9_-]{43}$/;

export interface ReviewServiceOptions {
  db: Database;
  authz: Authorizer;
  documents: DocumentService;
  revisions: RevisionService;
  mailer: Pick<Mailer, 'send'>;
  logger: Logger;
  throttle: BadTokenThrottle;
  appUrl: string;
  /** The language of the review e-mail. */
  reviewerLanguage: ReviewerLanguage;
}

const titleOf = (document: Document) => document.title;
const contentOf = (document: Document) => document.content ?? '';

/**
 * External review: a document sent by e-mail to someone without an account, through a
 * single-purpose, expiring token (only its SHA-256 is stored); what the reviewer may do with it —
 * read the document, suggest edits — and the owner's decisions on those suggestions. The token is
 * the public operations' only authority: the review row it hashes to names the organization and
 * the document, and nothing else is accepted.
 */
export class ReviewService {
  constructor(private readonly options: ReviewServiceOptions) {}

  private get db() {
    return this.options.db;
  }

  /** Creates a review of a document, e-mails its link (after the commit) and announces `document.sent`. */
  async send(request: RequestContext, input: DocumentSendInput): Promise<{ document: Document; review: DocumentReview }> {
    const orgId = requireOrgId(request);
    const sentBy = requireUserId(request);
    const valid = validateInput(sendInput, input, DocumentErrorCode.InvalidInput);
    const documentId = fromGlobalId('Document', valid.id);
    const token = newSecretToken(REVIEW_TOKEN_PREFIX);
    return this.db.transaction(request, async (em, hooks) => {
      const document = await this.options.documents.access.loadForUpdate(em, request, 'write', documentId);
      if (document.status !== DocumentStatus.CLIENT_REVIEW)
        await this.options.documents.transition(em, document, DocumentStatus.CLIENT_REVIEW, 'review', ['input', 'id']);
      const review = em.create(DocumentReview, {
        id: uuidv7(),
        orgId,
        documentId,
        email: valid.email,
        name: valid.name || null,
        message: valid.message || null,
        tokenHash: token.hash,
        sentBy,
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + (valid.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS),
        revokedAt: null,
        lastSeenAt: null,
      });
      await em.insert(DocumentReview, review);
      await this.db.emit(em, {
        type: 'document.sent',
        orgId,
        subject: { type: 'Document', id: documentId },
        data: { reviewId: review.id, email: review.email, expiresAt: review.expiresAt.toISOString() },
      });
      const link = `${this.options.appUrl}/review?token=${encodeURIComponent(token.token)}`;
      const reader = await this.options.reviewerLanguage.of(orgId);
      this.mailAfterCommit(hooks, reviewEmail(review, titleOf(document), link, reader), `document-review-${review.id}`);
      return { document, review };
    });
  }

  /** Stops a review link from working (at once; revoking again changes nothing). */
  async revoke(request: RequestContext, input: { id: string }): Promise<DocumentReview> {
    const reviewId = fromGlobalId('DocumentReview', input.id);
    return this.db.transaction(request, async (em) => {
      const review = await em.findOne(DocumentReview, { where: { id: reviewId }, lock: { mode: 'pessimistic_write' } });
      if (!review) throw reviewNotFound();
      await this.options.documents.access.requireExisting(request, 'write', review.documentId, ['input', 'id'], em);
      if (review.revokedAt) return review;
      review.revokedAt = new Date();
      await em.update(DocumentReview, { id: reviewId }, { revokedAt: review.revokedAt });
      await this.db.emit(em, {
        type: 'document.review_revoked',
        orgId: review.orgId,
        subject: { type: 'Document', id: review.documentId },
        data: { reviewId },
      });
      return review;
    });
  }

  /** The document as the token's holder sees it: title, content, revisions. Records when it was last seen. */
  async read(request: RequestContext, token: string): Promise<ReviewedDocument> {
    const review = await this.reviewOf(request, token);
    return this.db.transaction({ orgId: review.orgId, userId: null }, async (em) => {
      const document = await this.documentOf(em, request, review);
      await em.update(DocumentReview, { id: review.id }, { lastSeenAt: new Date() });
      const revisions = await em.find(DocumentRevision, {
        where: { documentId: document.id },
        select: { number: true, description: true, createdAt: true },
        order: { number: 'DESC' },
      });
      return { title: titleOf(document), content: contentOf(document), revisions, expiresAt: review.expiresAt };
    });
  }

  /** Records an edit suggested through a review link and notifies the document's owner and the sender. */
  async submit(request: RequestContext, input: DocumentSuggestionSubmitInput): Promise<ReviewedSuggestion> {
    const review = await this.reviewOf(request, input.token);
    const valid = validateInput(submitInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction({ orgId: review.orgId, userId: null }, async (em) => {
      const document = await this.documentOf(em, request, review);
      const suggestion = em.create(DocumentEditSuggestion, {
        id: uuidv7(),
        orgId: review.orgId,
        documentId: document.id,
        reviewId: review.id,
        section: valid.section,
        originalText: valid.originalText,
        suggestedText: valid.suggestedText,
        comment: valid.comment || null,
        state: SuggestionState.PENDING,
        decidedBy: null,
        decidedAt: null,
        notes: null,
        createdAt: new Date(),
      });
      await em.insert(DocumentEditSuggestion, suggestion);
      await em.update(DocumentReview, { id: review.id }, { lastSeenAt: new Date() });
      await this.db.emit(em, {
        type: 'document.suggestion_received',
        orgId: review.orgId,
        actorId: null,
        subject: { type: 'Document', id: document.id },
        data: {
          suggestionId: suggestion.id,
          reviewId: review.id,
          reviewerEmail: review.email,
          title: titleOf(document),
          section: suggestion.section,
          recipients: [...new Set([review.sentBy, document.ownerId])],
        },
      });
      return { id: suggestion.globalId, section: suggestion.section, createdAt: suggestion.createdAt };
    });
  }

  /** Applies a pending suggestion to the document's content and marks it approved. */
  async approve(request: RequestContext, input: { id: string }): Promise<{ suggestion: DocumentEditSuggestion; document: Document }> {
    return this.decide(request, input.id, async (em, suggestion, document) => {
      const content = applySuggestion(contentOf(document), suggestion.section, suggestion.originalText, suggestion.suggestedText);
      if (content === null) throw suggestionStale();
      const review = await em.findOneByOrFail(DocumentReview, { id: suggestion.reviewId });
      // A new revision, its change the section's text before and after: reviewable like any edit.
      const { document: revised } = await this.options.revisions.revise(
        em,
        document.id,
        {
          description: `Suggestion from ${review.email} approved`,
          content,
          sectionEdits: [
            {
              field: suggestion.section,
              oldValue: fieldValue(contentOf(document), suggestion.section) ?? '',
              newValue: fieldValue(content, suggestion.section) ?? '',
            },
          ],
        },
        requireUserId(request),
      );
      Object.assign(document, revised);
      suggestion.state = SuggestionState.APPROVED;
      return 'document.suggestion_approved';
    });
  }

  /** Marks a pending suggestion rejected, with the owner's notes; the document is unchanged. */
  async reject(request: RequestContext, input: DocumentSuggestionRejectInput): Promise<{ suggestion: DocumentEditSuggestion; document: Document }> {
    const { notes } = validateInput(rejectInput, { notes: input.notes }, DocumentErrorCode.InvalidInput);
    return this.decide(request, input.id, async (_em, suggestion) => {
      suggestion.state = SuggestionState.REJECTED;
      suggestion.notes = notes || null;
      return 'document.suggestion_rejected';
    });
  }

  /** A document's reviews, newest first: for those who may send it (its readers do not see whom it went to). */
  async reviews(request: RequestContext, document: Document, args: ConnectionArgs): Promise<Connection<DocumentReview>> {
    await this.options.authz.require(request, 'write', 'Document', document.id);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(DocumentReview, 'review').where('review.documentId = :id', { id: document.id }),
      sort: sortKeysFor(undefined, { sentAt: { path: 'review.sentAt', sqlType: 'timestamptz' } }, [{ field: 'sentAt', direction: OrderDirection.DESC }], {
        path: 'review.id',
        sqlType: 'uuid',
      }),
      args,
    });
  }

  /** A readable document's suggestions, newest first. */
  suggestions(request: RequestContext, document: Document, args: ConnectionArgs): Promise<Connection<DocumentEditSuggestion>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(DocumentEditSuggestion, 'suggestion').where('suggestion.documentId = :id', { id: document.id }),
      sort: sortKeysFor(
        undefined,
        { createdAt: { path: 'suggestion.createdAt', sqlType: 'timestamptz' } },
        [{ field: 'createdAt', direction: OrderDirection.DESC }],
        { path: 'suggestion.id', sqlType: 'uuid' },
      ),
      args,
    });
  }

  private async decide(
    request: RequestContext,
    id: string,
    apply: (em: EntityManager, suggestion: DocumentEditSuggestion, document: Document) => Promise<string>,
  ): Promise<{ suggestion: DocumentEditSuggestion; document: Document }> {
    const decidedBy = requireUserId(request);
    const suggestionId = fromGlobalId('DocumentEditSuggestion', id);
    return this.db.transaction(request, async (em) => {
      const suggestion = await em.findOne(DocumentEditSuggestion, { where: { id: suggestionId }, lock: { mode: 'pessimistic_write' } });
      if (!suggestion) throw suggestionNotFound();
      const document = await this.options.documents.access.loadForUpdate(em, request, 'write', suggestion.documentId, ['input', 'id']);
      if (suggestion.state !== SuggestionState.PENDING) throw suggestionDecided();
      const type = await apply(em, suggestion, document);
      suggestion.decidedBy = decidedBy;
      suggestion.decidedAt = new Date();
      await em.update(
        DocumentEditSuggestion,
        { id: suggestionId },
        { state: suggestion.state, decidedBy, decidedAt: suggestion.decidedAt, notes: suggestion.notes },
      );
      await this.db.emit(em, {
        type,
        orgId: suggestion.orgId,
        subject: { type: 'Document', id: document.id },
        data: { suggestionId, reviewId: suggestion.reviewId, section: suggestion.section },
      });
      return { suggestion, document };
    });
  }

  /**
   * The live review a token names — or, for anything else (malformed, unknown, revoked, expired),
   * DOCUMENT_REVIEW_TOKEN_INVALID, counted against the caller's address.
   */
  private async reviewOf(request: RequestContext, token: unknown): Promise<DocumentReview> {
    await this.options.throttle.check(request.clientAddress);
    const tokenHash = typeof token === 'string' && TOKEN_SHAPE.test(token) ? hashSecretToken(token) : null;
    const review = tokenHash
      ? await this.db.transaction({ orgId: null, userId: null, settings: { token_hash: tokenHash } }, (em) => em.findOneBy(DocumentReview, { tokenHash }))
      : null;
    if (!review || review.revokedAt || review.expiresAt.getTime() <= Date.now()) {
      await this.options.throttle.fail(request.clientAddress);
      throw reviewTokenInvalid(['token']);
    }
    return review;
  }

  /** The reviewed document (not in the trash), as the review's organization holds it. */
  private async documentOf(em: EntityManager, request: RequestContext, review: DocumentReview): Promise<Document> {
    const document = await em.findOneBy(Document, { id: review.documentId });
    if (!document) {
      await this.options.throttle.fail(request.clientAddress);
      throw reviewTokenInvalid(['token']);
    }
    return document;
  }

  private mailAfterCommit(hooks: { afterCommit(hook: () => unknown): void }, message: EmailMessage, deliveryKey: string): void {
    // Handed to the queue without holding the answer; a failure to enqueue is logged.
    hooks.afterCommit(() => {
      this.options.mailer
        .send(message, deliveryKey)
        .catch((error: unknown) => this.options.logger.error({ err: error, deliveryKey }, 'cannot queue an e-mail'));
    });
  }
}
