import {
  AggregateAccess,
  boundedJsonObject,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  parseGlobalId,
  principalOrgId,
  requireOrgId,
  requireUserId,
  requireVisibleNodes,
  sortKeysFor,
  toGlobalId,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type FilterSpec,
  type GraphClient,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ContentTooLargeError, sanitizeContent } from './content-html.js';
import { canTransition, EXPIRABLE_STATUSES, isLocked, SYSTEM_ONLY_STATUSES, type DocumentStatusCause } from './document-status.js';
import { Document, DocumentStatus, DocumentType } from './document.entity.js';
import {
  documentAboutNotFound,
  DocumentErrorCode,
  documentInvalidContent,
  documentInvalidTransition,
  documentLocked,
  documentNotFound,
  documentOwnerNotMember,
} from './document.errors.js';
import type { DocumentCreateInput, DocumentFilter, DocumentStatusSetInput, DocumentsArgs, DocumentUpdateInput, DocumentVoidInput } from './document.inputs.js';
import { DocumentChange } from './document.live.js';
import { documentErrorTexts } from '../messages.js';

/** The daily job that marks lapsed documents EXPIRED. */
export const DOCUMENT_EXPIRY_SWEEP_JOB = 'document.expiry-sweep';
export const DOCUMENT_EXPIRY_SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;

const title = z.string().trim().min(1, zodMessage(documentErrorTexts.documentTitleRequired)).max(300, zodMessage(documentErrorTexts.documentTitleTooLong));
const content = z.string();
const metadata = boundedJsonObject({ maxBytes: 16_384, maxDepth: 5 });
const aboutIds = z.array(z.string().min(1).max(200)).max(20, zodMessage(documentErrorTexts.tooManyObjects));
const fields = {
  title,
  type: z.enum(DocumentType),
  content: content.nullish(),
  metadata: metadata.nullish(),
  expiresAt: z.date().nullish(),
  ownerId: globalIdOf('User').nullish(),
  aboutIds: aboutIds.nullish(),
};
const createInput = z.object(fields);
const updateInput = z.object({ ...fields, id: globalIdOf('Document'), title: title.nullish(), type: fields.type.nullish() });
const statusInput = z.object({ id: globalIdOf('Document'), status: z.enum(DocumentStatus) });
const voidInput = z.object({
  id: globalIdOf('Document'),
  reason: z.string().trim().min(1, zodMessage(documentErrorTexts.reasonRequired)).max(2_000, zodMessage(documentErrorTexts.reasonTooLong)),
});
const idInput = z.object({ id: globalIdOf('Document') });

/** The fields its events carry before and after a change (the content only by name: see contracts). */
const TRACKED = TrackedFields.of(Document, ['title', 'type', 'status', 'expiresAt', 'ownerId', 'aboutIds', 'metadata']);
/** Fields that a SIGNED, EXPIRED or VOID document keeps as they are. */
const FROZEN = ['title', 'type', 'content'] as const;

const filterSpec: FilterSpec = {
  id: { path: 'document.id', kind: 'id', idType: 'Document' },
  title: { path: 'document.title', kind: 'string' },
  type: { path: 'document.type', kind: 'enum' },
  status: { path: 'document.status', kind: 'enum' },
  aboutId: {
    kind: 'computed',
    toSql: (input, bind) => {
      const { eq, in: anyOf } = (input ?? {}) as { eq?: string | null; in?: string[] | null };
      const terms: string[] = [];
      if (eq) terms.push(`document.about_ids @> ARRAY[${bind(eq)}]::text[]`);
      if (anyOf) terms.push(`document.about_ids && CAST(${bind(anyOf)} AS text[])`);
      return terms;
    },
  },
  ownerId: { path: 'document.ownerId', kind: 'id', idType: 'User' },
  createdBy: { path: 'document.createdBy', kind: 'id', idType: 'User' },
  expiresAt: { path: 'document.expiresAt', kind: 'datetime' },
  createdAt: { path: 'document.createdAt', kind: 'datetime' },
  updatedAt: { path: 'document.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'document.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'document.updatedAt', sqlType: 'timestamptz' },
  title: { path: 'document.title', sqlType: 'text' },
  expiresAt: { path: 'document.expiresAt', sqlType: 'timestamptz' },
  statusChangedAt: { path: 'document.statusChangedAt', sqlType: 'timestamptz' },
};
const idOrder: OrderField = { path: 'document.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** What a create from something else (a template) adds, in the create's transaction, before `document.created`. */
export interface DocumentSeed {
  /** The idempotency key's operation, and what else identifies the input. */
  operation: string;
  input: Record<string, unknown>;
  fill(em: EntityManager, document: Document): Promise<void>;
}

/** Saves new content as a revision, in the caller's transaction (the revisions service's `revise`). */
export type ContentRevisions = (em: EntityManager, documentId: string, content: string, authorId: string | null) => Promise<Document>;

/**
 * Documents of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every document; guests only those shared with them (or their
 * teams). The status moves only along DOCUMENT_TRANSITIONS, through `transition` (also for
 * approvals, review and signatures); deleting moves a document to the trash; every change emits its event.
 */
export class DocumentService {
  readonly access: AggregateAccess<Document>;
  /** Set once the revisions service exists (it needs this one): content saved by `update` becomes a revision. */
  private saveContent: ContentRevisions | null = null;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Document', entity: Document, table: 'documents.documents', notFound: documentNotFound });
  }

  useContentRevisions(saveContent: ContentRevisions): void {
    this.saveContent = saveContent;
  }

  async list(request: RequestContext, args: DocumentsArgs): Promise<Connection<Document>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'document', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  /** `Node.documents` of each object in `aboutIds`: the readable documents about it, newest first, one statement for all. */
  async aboutPages(request: RequestContext, aboutIds: readonly string[], args: ConnectionArgs): Promise<Connection<Document>[]> {
    const readable = await this.access.readableIds(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Document,
        build: (em) =>
          this.access.restrictToReadable(
            em
              .createQueryBuilder(Document, 'document')
              .innerJoin(
                (sub) =>
                  sub.select('about_document.id', 'document_id').addSelect('unnest(about_document.about_ids)', 'node_id').from(Document, 'about_document'),
                'about',
                'about.document_id = document.id',
              ),
            'document',
            readable,
          ),
        alias: 'document',
        groupPath: 'about.node_id',
        idProperty: 'id',
        sort: sortKeysFor(null, orderFields, newestFirst, idOrder),
        args,
      },
      aboutIds,
    );
  }

  async create(request: RequestContext, input: DocumentCreateInput, seed?: DocumentSeed): Promise<Document> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Document');
    const valid = validateInput(createInput, input, DocumentErrorCode.InvalidInput);
    const html = cleanContent(valid.content ?? '');
    const ownerId = valid.ownerId ? await this.requireOwner(orgId, valid.ownerId) : actorId;
    const about = await this.visibleAbout(request, valid.aboutIds ?? []);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: seed?.operation ?? 'documentCreate',
        input: seed ? { ...valid, ...seed.input } : valid,
        create: async () => {
          let document = await em.save(
            em.create(Document, {
              id: uuidv7(),
              orgId,
              title: valid.title,
              type: valid.type,
              status: DocumentStatus.DRAFT,
              content: html,
              metadata: valid.metadata ?? {},
              expiresAt: valid.expiresAt ?? null,
              ownerId,
              aboutIds: about,
              voidReason: null,
              createdBy: actorId,
            }),
          );
          if (seed) {
            await seed.fill(em, document);
            document = await em.save(document);
          }
          await this.emit(em, document, 'document.created', { after: TRACKED.snapshot(document) });
          return document;
        },
        load: (id) => em.findOneBy(Document, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: DocumentUpdateInput): Promise<Document> {
    const { id, ...changes } = validateInput(updateInput, input, DocumentErrorCode.InvalidInput);
    const orgId = requireOrgId(request);
    const html = changes.content === undefined || changes.content === null ? undefined : cleanContent(changes.content);
    const ownerId = changes.ownerId ? await this.requireOwner(orgId, changes.ownerId) : undefined;
    const about = changes.aboutIds ? await this.visibleAbout(request, changes.aboutIds) : undefined;
    return this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', id);
      const next: Partial<Document> = {
        title: changes.title ?? undefined,
        type: changes.type ?? undefined,
        content: html,
        metadata: changes.metadata ?? undefined,
        // null clears the expiry; left out keeps it.
        expiresAt: changes.expiresAt,
        ownerId,
        aboutIds: about,
      };
      const frozen = FROZEN.find((field) => next[field] !== undefined && next[field] !== document[field]);
      if (frozen && isLocked(document.status)) throw documentLocked(document.status, ['input', frozen]);
      const before = TRACKED.snapshot(document);
      const contentChanged = html !== undefined && html !== document.content;
      // The content is saved as a revision (the history and redline stay whole), after the other fields.
      const saveContent = contentChanged ? this.saveContent : null;
      for (const [key, value] of Object.entries(next)) {
        if (value !== undefined && !(key === 'content' && saveContent)) Object.assign(document, { [key]: value });
      }
      const saved = await em.save(document);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change || contentChanged) {
        const fields = [...(change?.fields ?? []), ...(contentChanged ? ['content'] : [])];
        await this.emit(em, saved, 'document.updated', { fields, before: change?.before ?? {}, after: change?.after ?? {}, title: saved.title });
      }
      return saveContent ? saveContent(em, saved.id, html!, request.principal.kind === 'user' ? request.principal.userId : null) : saved;
    });
  }

  /** A status set by hand: any allowed move but to SIGNED and EXPIRED (the system's) and VOID (`void`, with a reason). */
  async setStatus(request: RequestContext, input: DocumentStatusSetInput): Promise<Document> {
    const valid = validateInput(statusInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', valid.id);
      if (SYSTEM_ONLY_STATUSES.includes(valid.status) || valid.status === DocumentStatus.VOID) {
        throw documentInvalidTransition(document.status, valid.status);
      }
      return this.transition(em, document, valid.status, 'manual');
    });
  }

  /** Cancels a document for good, with the reason (`document.voided`). */
  async void(request: RequestContext, input: DocumentVoidInput): Promise<Document> {
    const valid = validateInput(voidInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', valid.id);
      const from = document.status;
      document.voidReason = valid.reason;
      const saved = await this.transition(em, document, DocumentStatus.VOID, 'manual', ['input', 'id']);
      await this.emit(em, saved, 'document.voided', { from, reason: valid.reason, title: saved.title, ownerId: saved.ownerId });
      return saved;
    });
  }

  /**
   * Moves a document (loaded for update in `em`'s transaction, by a caller that checked permissions)
   * to `to`, when DOCUMENT_TRANSITIONS allows it (DOCUMENT_INVALID_TRANSITION otherwise), and emits
   * `document.status_changed` with what caused it. The one way every part of the module changes a status.
   */
  async transition(
    em: EntityManager,
    document: Document,
    to: DocumentStatus,
    cause: DocumentStatusCause,
    field: (string | number)[] = ['input', 'status'],
  ): Promise<Document> {
    const from = document.status;
    if (!canTransition(from, to)) throw documentInvalidTransition(from, to, field);
    document.status = to;
    document.statusChangedAt = new Date();
    const saved = await em.save(document);
    await this.emit(em, saved, 'document.status_changed', { from, to, cause, title: saved.title, ownerId: saved.ownerId });
    return saved;
  }

  /**
   * The daily expiry job: every SENT or SIGNED document whose `expiresAt` has passed becomes
   * EXPIRED (`document.status_changed` with cause `expiry`, and `document.expired`). Idempotent: a
   * document already expired is no longer found, and each is checked again under its row lock.
   */
  async expireLapsed(now = new Date()): Promise<number> {
    const lapsed: { id: string; org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(
        `SELECT id, org_id FROM documents.documents
         WHERE deleted_at IS NULL AND status = ANY($1::text[]) AND expires_at <= $2 ORDER BY expires_at LIMIT 10000`,
        [EXPIRABLE_STATUSES, now],
      ),
    );
    let expired = 0;
    for (const row of lapsed) {
      const done = await this.db.transaction({ orgId: row.org_id, userId: null }, async (em) => {
        const document = await em.findOne(Document, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
        if (!document || !EXPIRABLE_STATUSES.includes(document.status) || !document.expiresAt || document.expiresAt > now) return false;
        const from = document.status;
        const saved = await this.transition(em, document, DocumentStatus.EXPIRED, 'expiry');
        await this.emit(em, saved, 'document.expired', { from, expiresAt: saved.expiresAt!.toISOString(), title: saved.title, ownerId: saved.ownerId });
        return true;
      });
      if (done) expired++;
    }
    return expired;
  }

  /** Moves a document to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, DocumentErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const document = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Document, { id });
      await this.emit(em, document, 'document.deleted', { title: document.title });
    });
    return input.id;
  }

  /** Brings a document back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<Document> {
    const { id } = validateInput(idInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Document).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw documentNotFound();
      const document = await em.findOneByOrFail(Document, { id });
      await this.emit(em, document, 'document.restored', {});
      return document;
    });
  }

  /** One `document.*` event for a `documentChanged(id:)` subscriber: null when it is another document's or the subscriber cannot read it. */
  async liveChange(request: RequestContext, event: PublishedEvent, filter: { id: string }): Promise<DocumentChange | null> {
    if (event.subject?.type !== 'Document' || !event.type.startsWith('document.') || event.orgId !== principalOrgId(request.principal)) return null;
    if (event.subject.id !== filter.id) return null;
    const document = await this.db.transaction(request, (em) => em.findOne(Document, { where: { id: filter.id }, withDeleted: true }));
    if (!document) return null;
    const [reads] = await this.access.readableOf(request, [document]);
    if (!reads) return null;
    return Object.assign(new DocumentChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      documentId: toGlobalId('Document', document.id),
      document: document.deletedAt ? null : document,
      changedFields: event.type === 'document.updated' && Array.isArray(event.data?.fields) ? (event.data.fields as string[]) : [],
      actorId: event.actorId,
    });
  }

  private emit(em: EntityManager, document: Document, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: document.orgId, subject: { type: 'Document', id: document.id }, data });
  }

  /** DOCUMENT_OWNER_NOT_MEMBER unless the user is an owner, admin or member of the organization (a guest cannot own). */
  private async requireOwner(orgId: string, userId: string): Promise<string> {
    const role = await this.authz.roleOf(orgId, userId);
    if (!role || role === 'guest') throw documentOwnerNotMember();
    return userId;
  }

  /** The objects a document may concern: each must exist and be readable by the caller (asked of the graph). */
  private async visibleAbout(request: RequestContext, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const malformed = unique.find((id) => !parseGlobalId(id));
    if (malformed) throw documentAboutNotFound(['input', 'aboutIds', ids.indexOf(malformed)]);
    await requireVisibleNodes(this.graph, request, unique, (index) => documentAboutNotFound(['input', 'aboutIds', ids.indexOf(unique[index]!)]));
    return unique;
  }

  private query(em: EntityManager, filter: DocumentFilter | null | undefined) {
    const query = em.createQueryBuilder(Document, 'document');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}

/** Sanitized content, or DOCUMENT_INVALID_INPUT at `content` when it is too large. */
function cleanContent(html: string): string {
  try {
    return sanitizeContent(html);
  } catch (error) {
    if (error instanceof ContentTooLargeError) throw documentInvalidContent();
    throw error;
  }
}
