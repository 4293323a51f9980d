import {
  globalIdOf,
  groupToKeys,
  paginate,
  requireUserId,
  UserInputError,
  uuidv7,
  validateInput,
  type Connection,
  type ConnectionArgs,
  type Database,
  type LoaderRegistry,
  type RequestContext,
  text as localizedText,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ContentTooLargeError, sanitizeContent } from '../document/content-html.js';
import { isLocked } from '../document/document-status.js';
import { Document } from '../document/document.entity.js';
import { DocumentErrorCode, documentInvalidContent, documentLocked, documentNotFound } from '../document/document.errors.js';
import type { DocumentService } from '../document/document.service.js';
import {
  applyFieldValues,
  compareFields,
  normalized,
  decideMark,
  fieldValue,
  identifyMarks,
  marksOf,
  renderRedline,
  type Decision,
  type FieldDifference,
  type FieldEdit,
} from '../redline/index.js';
import { DocumentChangeKind, DocumentChangeState, DocumentRevision, DocumentRevisionChange } from './revision.entity.js';
import { changeConflict, changeDecided, changeNotFound, fieldNotFound, nothingChanged, revisionNotFound } from './revision.errors.js';
import { documentErrorTexts } from '../messages.js';

/** What a save changes: structured field values, and/or the whole content (free text with marks). */
export interface Revise {
  description: string;
  fields?: { field: string; label?: string | null; value: string }[] | null;
  /** The new content (HTML, sanitized here); free-text marks in it become the revision's changes. */
  content?: string | null;
  /**
   * Field changes already made in `content` (an approved review suggestion edits text inside its
   * section): recorded as the revision's field changes, like values given in `fields`.
   */
  sectionEdits?: FieldEdit[];
}

export enum RedlineMode {
  CUMULATIVE = 'cumulative',
  REVISION = 'revision',
}

const text = (max: number) => z.string().max(max, zodMessage(documentErrorTexts.valueTooLong, { max: String(max) }));
const reviseInput = z.object({
  id: globalIdOf('Document'),
  description: z.string().trim().min(1, zodMessage(documentErrorTexts.changeDescriptionRequired)).max(500, zodMessage(documentErrorTexts.descriptionTooLong)),
  fields: z
    .array(z.object({ field: z.string().min(1, zodMessage(documentErrorTexts.fieldNameRequired)).max(200), label: text(200).nullish(), value: text(100_000) }))
    .max(200, zodMessage(documentErrorTexts.tooManyFields))
    .nullish(),
  content: z.string().nullish(),
});
const changeInput = z.object({ id: globalIdOf('DocumentRevisionChange') });
const revisionChangesInput = z.object({ id: globalIdOf('Document'), revision: z.number().int().min(1) });

/** The baseline's description (revision 0). */
const ORIGINAL = 'Original';

/**
 * Revisions of documents and their changes. `revise` is the one way to save a document as a new
 * revision (edits here, approved review suggestions elsewhere): it locks the document's row, so
 * saves of one document are numbered one after the other, never twice the same number.
 */
export class RevisionService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentService,
  ) {}

  /**
   * Saves `change` as the document's next revision, in the caller's transaction (the caller has
   * checked the permission to write). The first save first keeps the content as revision 0.
   * Refuses an unknown field, a locked document and a save that changes nothing.
   */
  async revise(em: EntityManager, documentId: string, change: Revise, authorId: string | null): Promise<{ document: Document; revision: DocumentRevision }> {
    const document = await em.findOne(Document, { where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
    if (!document) throw documentNotFound();
    let content = document.content;
    if (change.content != null) content = identifyMarks(cleanContent(change.content));
    const knownMarks = new Set(marksOf(document.content).map((mark) => `${mark.kind}:${mark.id}`));
    const newMarks = change.content != null ? marksOf(content).filter((mark) => !knownMarks.has(`${mark.kind}:${mark.id}`)) : [];
    const fields = change.fields ?? [];
    const applied = applyFieldValues(
      content,
      fields.map(({ field, value }) => ({ field, value })),
    );
    if (applied.missing.length)
      throw fieldNotFound(
        applied.missing[0]!,
        fields.findIndex((field) => field.field === applied.missing[0]),
      );
    content = applied.html;
    const edits = [...applied.edits, ...(change.sectionEdits ?? []).filter((edit) => edit.oldValue !== edit.newValue)];
    if (!edits.length && !newMarks.length && content === normalized(document.content)) throw nothingChanged();
    if (isLocked(document.status)) throw documentLocked(document.status, ['input', 'id']);

    const last = await em
      .createQueryBuilder(DocumentRevision, 'revision')
      .select('max(revision.number)', 'number')
      .where('revision.document_id = :id', { id: document.id })
      .getRawOne<{ number: number | null }>();
    let number = last?.number ?? -1;
    if (number < 0) {
      await em.insert(DocumentRevision, {
        id: uuidv7(),
        orgId: document.orgId,
        documentId: document.id,
        number: 0,
        description: ORIGINAL,
        authorId: null,
        content: document.content,
      });
      number = 0;
    }
    const revision = em.create(DocumentRevision, {
      id: uuidv7(),
      orgId: document.orgId,
      documentId: document.id,
      number: number + 1,
      description: change.description,
      authorId,
      content,
    });
    await em.insert(DocumentRevision, revision);
    const labels = new Map(fields.map((field) => [field.field, field.label ?? null]));
    const rows = [
      ...edits.map((edit) => ({
        kind: DocumentChangeKind.FIELD,
        fieldName: edit.field,
        fieldLabel: labels.get(edit.field) ?? null,
        markId: null,
        oldValue: edit.oldValue,
        newValue: edit.newValue,
      })),
      ...newMarks.map((mark) => ({
        kind: mark.kind === 'insertion' ? DocumentChangeKind.INSERTION : DocumentChangeKind.DELETION,
        fieldName: null,
        fieldLabel: null,
        markId: mark.id,
        oldValue: mark.kind === 'deletion' ? mark.text : '',
        newValue: mark.kind === 'insertion' ? mark.text : '',
      })),
    ];
    if (rows.length) {
      await em.insert(
        DocumentRevisionChange,
        rows.map((row, position) => ({
          ...row,
          id: uuidv7(),
          orgId: document.orgId,
          revisionId: revision.id,
          documentId: document.id,
          position,
          state: DocumentChangeState.PENDING,
        })),
      );
    }
    document.content = content;
    const saved = await em.save(document);
    await this.emit(em, saved, 'document.revised', {
      revision: revision.number,
      description: revision.description,
      fields: edits.map((edit) => edit.field),
      changes: rows.length,
    });
    return { document: saved, revision };
  }

  /** `documentRevise`: checks the caller may write the document, then `revise`. */
  async reviseDocument(request: RequestContext, input: Revise & { id: string }): Promise<{ document: Document; revision: DocumentRevision }> {
    const valid = validateInput(reviseInput, input, DocumentErrorCode.InvalidInput);
    const authorId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      await this.documents.access.loadForUpdate(em, request, 'write', valid.id);
      return this.revise(em, valid.id, valid, authorId);
    });
  }

  /**
   * Accepts or rejects one change. Accepting a field edit keeps the value; rejecting it puts the old
   * value back (only while the field still holds this edit's value). A free-text mark is settled in
   * the content: accepting an insertion keeps its text, a deletion drops it; rejecting, the opposite.
   */
  async decide(request: RequestContext, input: { id: string }, decision: Decision): Promise<{ document: Document; changes: DocumentRevisionChange[] }> {
    const { id } = validateInput(changeInput, input, DocumentErrorCode.InvalidInput);
    const actorId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      const found = await em.findOneBy(DocumentRevisionChange, { id });
      if (!found) throw changeNotFound();
      const document = await this.loadDocumentForChange(em, request, found.documentId);
      const change = await em.findOneOrFail(DocumentRevisionChange, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (change.state !== DocumentChangeState.PENDING) throw changeDecided(change.state);
      return this.settle(em, document, [change], decision, actorId);
    });
  }

  /** Accepts or rejects every pending change of one revision (all or none). */
  async decideRevision(
    request: RequestContext,
    input: { id: string; revision: number },
    decision: Decision,
  ): Promise<{ document: Document; changes: DocumentRevisionChange[] }> {
    const valid = validateInput(revisionChangesInput, input, DocumentErrorCode.InvalidInput);
    const actorId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      const document = await this.loadDocumentForChange(em, request, valid.id, ['input', 'id']);
      const revision = await em.findOneBy(DocumentRevision, { documentId: document.id, number: valid.revision });
      if (!revision) throw revisionNotFound();
      const pending = await em.find(DocumentRevisionChange, {
        where: { revisionId: revision.id, state: DocumentChangeState.PENDING },
        order: { position: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      return this.settle(em, document, pending, decision, actorId);
    });
  }

  private async loadDocumentForChange(em: EntityManager, request: RequestContext, documentId: string, field?: (string | number)[]): Promise<Document> {
    try {
      return await this.documents.access.loadForUpdate(em, request, 'write', documentId, field);
    } catch (error) {
      // A change of a document the caller cannot see does not exist for them either.
      if (!field && error instanceof UserInputError && error.errors[0]?.code === DocumentErrorCode.NotFound) throw changeNotFound();
      throw error;
    }
  }

  private async settle(em: EntityManager, document: Document, changes: DocumentRevisionChange[], decision: Decision, actorId: string) {
    if (changes.length && isLocked(document.status)) throw documentLocked(document.status, ['input', 'id']);
    let content = document.content;
    for (const change of changes) {
      if (change.kind === DocumentChangeKind.FIELD) {
        if (decision === 'reject') {
          if (fieldValue(content, change.fieldName!) !== change.newValue)
            throw changeConflict(localizedText(documentErrorTexts.fieldChangedAgain, { field: change.fieldName }));
          content = applyFieldValues(content, [{ field: change.fieldName!, value: change.oldValue }]).html;
        }
      } else {
        const settled = decideMark(content, change.markId!, decision);
        if (!settled.found) throw changeConflict(documentErrorTexts.markGone);
        content = settled.html;
      }
      Object.assign(change, {
        state: decision === 'accept' ? DocumentChangeState.ACCEPTED : DocumentChangeState.REJECTED,
        decidedBy: actorId,
        decidedAt: new Date(),
      });
    }
    if (!changes.length) return { document, changes };
    await em.save(changes);
    if (content !== document.content) {
      document.content = content;
      await em.save(document);
    }
    const revisions = await em.findBy(DocumentRevision, { id: changes[0]!.revisionId });
    await this.emit(em, document, decision === 'accept' ? 'document.change_accepted' : 'document.change_rejected', {
      revision: revisions[0]?.number ?? 0,
      changeIds: changes.map((change) => change.globalId),
      fields: [...new Set(changes.map((change) => change.fieldName).filter((name): name is string => name !== null))],
    });
    return { document, changes };
  }

  /** A document's revisions, newest first (the caller reads the document: its field checked that). */
  revisions(request: RequestContext, document: Document, args: ConnectionArgs): Promise<Connection<DocumentRevision>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(DocumentRevision, 'revision').where('revision.document_id = :id', { id: document.id }),
      sort: [
        { name: 'number', path: 'revision.number', direction: 'DESC', sqlType: 'int' },
        { name: 'id', path: 'revision.id', direction: 'DESC', sqlType: 'uuid' },
      ],
      args,
    });
  }

  /** How many revisions each document has (0 before the first edit), one query per request. */
  revisionCount(loaders: LoaderRegistry, request: RequestContext, documentId: string): Promise<number> {
    return loaders
      .get<string, number>('documents.revisionCount', async (ids) => {
        const rows = await this.db.transaction(request, (em) =>
          em
            .createQueryBuilder(DocumentRevision, 'revision')
            .select('revision.document_id', 'documentId')
            .addSelect('count(*)::int', 'count')
            .where('revision.document_id IN (:...ids)', { ids })
            .groupBy('revision.document_id')
            .getRawMany<{ documentId: string; count: number }>(),
        );
        return groupToKeys(ids, rows, (row) => row.documentId).map((group) => group[0]?.count ?? 0);
      })
      .load(documentId);
  }

  /** Changes of a revision, in order. */
  changesOf(loaders: LoaderRegistry, request: RequestContext, revisionId: string): Promise<DocumentRevisionChange[]> {
    return loaders
      .get<string, DocumentRevisionChange[]>('documents.revisionChanges', async (ids) => {
        const rows = await this.db.transaction(request, (em) =>
          em.createQueryBuilder(DocumentRevisionChange, 'change').where('change.revision_id IN (:...ids)', { ids }).orderBy('change.position', 'ASC').getMany(),
        );
        return groupToKeys(ids, rows, (row) => row.revisionId);
      })
      .load(revisionId);
  }

  /**
   * The redline as HTML. CUMULATIVE: the current content with every field edit since the original
   * that was not rejected (each field from its original to its current value) and the pending
   * free-text marks. REVISION: that revision's content with its own field edits. Null when the
   * revision does not exist.
   */
  async redline(
    request: RequestContext,
    document: Document,
    options: { mode: RedlineMode; revision?: number | null; includeOldText: boolean },
  ): Promise<string | null> {
    return this.db.transaction(request, async (em) => {
      let html = document.content;
      const changes = em
        .createQueryBuilder(DocumentRevisionChange, 'change')
        .innerJoin(DocumentRevision, 'revision', 'revision.id = change.revision_id')
        .where('change.document_id = :id', { id: document.id })
        .andWhere('change.kind = :kind', { kind: DocumentChangeKind.FIELD })
        .orderBy('revision.number', 'ASC')
        .addOrderBy('change.position', 'ASC');
      if (options.mode === RedlineMode.REVISION) {
        const revision = await em.findOneBy(DocumentRevision, { documentId: document.id, number: options.revision ?? -1 });
        if (!revision) return null;
        html = revision.content;
        changes.andWhere('change.revision_id = :revisionId', { revisionId: revision.id });
      } else {
        changes.andWhere('change.state <> :rejected', { rejected: DocumentChangeState.REJECTED });
      }
      const rows = await changes.getMany();
      return renderRedline(
        html,
        rows.map((row) => ({ id: row.globalId, field: row.fieldName!, oldValue: row.oldValue, newValue: row.newValue })),
        { includeOldText: options.includeOldText },
      );
    });
  }

  /** The fields that differ between two revisions (`to` null: the current content); null when one does not exist. */
  async compare(request: RequestContext, document: Document, from: number, to: number | null): Promise<FieldDifference[] | null> {
    return this.db.transaction(request, async (em) => {
      const contentOf = async (number: number | null) =>
        number === null ? document.content : ((await em.findOneBy(DocumentRevision, { documentId: document.id, number }))?.content ?? null);
      const [fromContent, toContent] = [await contentOf(from), await contentOf(to)];
      return fromContent === null || toContent === null ? null : compareFields(fromContent, toContent);
    });
  }

  private emit(em: EntityManager, document: Document, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, {
      type,
      orgId: document.orgId,
      subject: { type: 'Document', id: document.id },
      data: { ...data, title: document.title, ownerId: document.ownerId },
    });
  }
}

function cleanContent(html: string): string {
  try {
    return sanitizeContent(html);
  } catch (error) {
    if (error instanceof ContentTooLargeError) throw documentInvalidContent();
    throw error;
  }
}
