import { globalIdOf, groupToKeys, parseGlobalId, toGlobalId, uuidv7, validateInput, type Database, type RequestContext, zodMessage } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Clause } from '../clause/clause.entity.js';
import { clauseBody, type ClauseService } from '../clause/clause.service.js';
import { MAX_CONTENT_LENGTH } from '../document/content-html.js';
import { isLocked } from '../document/document-status.js';
import { Document, DocumentType } from '../document/document.entity.js';
import { DocumentErrorCode, documentLocked, documentNotFound } from '../document/document.errors.js';
import { clauseNotFound } from '../clause/clause.errors.js';
import type { DocumentService } from '../document/document.service.js';
import { clauseSectionIds, insertClauseSection, moveClauseSection, removeClauseSection, setClauseSectionBody, type ClauseSection } from './clause-sections.js';
import { DocumentClause } from './document-clause.entity.js';
import { documentClauseAlreadyInserted, documentClauseNotInserted, documentContentTooLarge, documentNotATemplate } from './document-clause.errors.js';
import type {
  DocumentClauseInput,
  DocumentClauseInsertInput,
  DocumentClauseMoveInput,
  DocumentClauseOverrideInput,
  DocumentCreateFromTemplateInput,
} from './document-clause.inputs.js';
import { documentErrorTexts } from '../messages.js';

const target = { id: globalIdOf('Document'), clauseId: globalIdOf('Clause') };
const position = z.number().int().min(0, zodMessage(documentErrorTexts.positionMin));
const insertInput = z.object({ ...target, position: position.nullish() });
const moveInput = z.object({ ...target, position });
const overrideInput = z.object({ ...target, body: clauseBody.nullable() });
const clauseInput = z.object(target);
const templateInput = z.object({ templateId: globalIdOf('Document') });

/** A row as loaded: the used version's body and the clause's current version with it. */
interface LoadedRow {
  id: string;
  org_id: string;
  document_id: string;
  clause_id: string;
  version: number;
  position: number;
  override_body: string | null;
  created_at: Date;
  updated_at: Date;
  version_body: string;
  latest_version: number;
}

/** The section of a clause in a document's content. */
export const sectionOf = (clause: Clause, version: number, body: string): ClauseSection => ({
  clauseId: toGlobalId('Clause', clause.id),
  title: clause.title,
  version,
  body,
});

/** The rows whose section is in the content, in content order (what `Document.clauses` shows, also before a change syncs the rows). */
export function inContentOrder(content: string, rows: DocumentClause[]): DocumentClause[] {
  const order = clauseSectionIds(content).map((id) => parseGlobalId(id)?.uuid);
  return rows.filter((row) => order.includes(row.clauseId)).sort((a, b) => order.indexOf(a.clauseId) - order.indexOf(b.clauseId));
}

/**
 * The clauses inserted in documents. Each is a `document_clauses` row and a section of the
 * document's content (`clause-sections.ts`); every change writes both in one transaction, with the
 * document locked, so they never disagree. The content is the truth of the order: a section a
 * content edit removed takes its row with it at the next change (`sync`), and positions follow the
 * sections. A SIGNED, EXPIRED or VOID document's clauses do not change (DOCUMENT_LOCKED).
 */
export class DocumentClauseService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentService,
    private readonly clauses: ClauseService,
  ) {}

  /** Each document's clauses in order (the caller reads the documents: their fields checked that), in one statement. */
  async ofDocuments(request: RequestContext, documentIds: readonly string[]): Promise<DocumentClause[][]> {
    const rows = await this.db.transaction(request, (em) => this.load(em, documentIds));
    return groupToKeys(documentIds, rows, (row) => row.documentId);
  }

  async insert(request: RequestContext, input: DocumentClauseInsertInput): Promise<Document> {
    const valid = validateInput(insertInput, input, DocumentErrorCode.InvalidInput);
    return this.edit(request, valid.id, async (em, document, rows) => {
      const clause = await this.readableClause(em, request, valid.clauseId);
      if (rows.some((row) => row.clauseId === clause.id)) throw documentClauseAlreadyInserted();
      const at = Math.min(valid.position ?? rows.length, rows.length);
      document.content = insertClauseSection(document.content, sectionOf(clause, clause.version, clause.body), at);
      const row = em.create(DocumentClause, {
        id: uuidv7(),
        orgId: document.orgId,
        documentId: document.id,
        clauseId: clause.id,
        version: clause.version,
        position: at,
        overrideBody: null,
      });
      await em.insert(DocumentClause, row);
      rows.splice(at, 0, row);
      await this.writePositions(em, rows);
      return { type: 'document.clause_inserted', data: { clauseId: clause.id, clauseTitle: clause.title, version: clause.version, position: at } };
    });
  }

  async move(request: RequestContext, input: DocumentClauseMoveInput): Promise<Document> {
    const valid = validateInput(moveInput, input, DocumentErrorCode.InvalidInput);
    return this.edit(request, valid.id, async (em, document, rows) => {
      const row = this.inserted(rows, valid.clauseId);
      const from = rows.indexOf(row);
      const to = Math.min(valid.position, rows.length - 1);
      document.content = moveClauseSection(document.content, toGlobalId('Clause', row.clauseId), to);
      rows.splice(from, 1);
      rows.splice(to, 0, row);
      await this.writePositions(em, rows);
      return { type: 'document.clause_moved', data: { clauseId: row.clauseId, from, to } };
    });
  }

  /** The document's own text for a clause, or (body null) the version's text again. */
  async override(request: RequestContext, input: DocumentClauseOverrideInput): Promise<Document> {
    const valid = validateInput(overrideInput, { ...input, body: input.body ?? null }, DocumentErrorCode.InvalidInput);
    return this.edit(request, valid.id, async (em, document, rows) => {
      const row = this.inserted(rows, valid.clauseId);
      document.content = setClauseSectionBody(document.content, toGlobalId('Clause', row.clauseId), valid.body ?? row.versionBody ?? '');
      await em.update(DocumentClause, { id: row.id }, { overrideBody: valid.body, updatedAt: new Date() });
      return { type: 'document.clause_overridden', data: { clauseId: row.clauseId, overridden: valid.body !== null } };
    });
  }

  /** The clause's latest version in the document (its override, if any, is dropped). */
  async refresh(request: RequestContext, input: DocumentClauseInput): Promise<Document> {
    const valid = validateInput(clauseInput, input, DocumentErrorCode.InvalidInput);
    return this.edit(request, valid.id, async (em, document, rows) => {
      const row = this.inserted(rows, valid.clauseId);
      const clause = await this.readableClause(em, request, valid.clauseId);
      document.content = setClauseSectionBody(document.content, toGlobalId('Clause', clause.id), clause.body, { version: clause.version, title: clause.title });
      await em.update(DocumentClause, { id: row.id }, { version: clause.version, overrideBody: null, updatedAt: new Date() });
      return { type: 'document.clause_refreshed', data: { clauseId: clause.id, from: row.version, to: clause.version } };
    });
  }

  async remove(request: RequestContext, input: DocumentClauseInput): Promise<Document> {
    const valid = validateInput(clauseInput, input, DocumentErrorCode.InvalidInput);
    return this.edit(request, valid.id, async (em, document, rows) => {
      const row = this.inserted(rows, valid.clauseId);
      document.content = removeClauseSection(document.content, toGlobalId('Clause', row.clauseId));
      await em.delete(DocumentClause, { id: row.id });
      await this.writePositions(
        em,
        rows.filter((other) => other !== row),
      );
      return { type: 'document.clause_removed', data: { clauseId: row.clauseId } };
    });
  }

  /**
   * A new DRAFT document from a template (DocumentService.create: its rules, idempotency and
   * `document.created`), its content the template's with its clauses and the default ones; it
   * records the template. DOCUMENT_NOT_FOUND / DOCUMENT_NOT_A_TEMPLATE at `templateId`.
   */
  async createFromTemplate(request: RequestContext, input: DocumentCreateFromTemplateInput): Promise<Document> {
    const { templateId } = validateInput(templateInput, { templateId: input.templateId }, DocumentErrorCode.InvalidInput);
    const { templateId: _template, type, ...fields } = input;
    return this.documents.create(
      request,
      { ...fields, type: type ?? DocumentType.CONTRACT },
      {
        operation: 'documentCreateFromTemplate',
        input: { templateId },
        fill: async (em, document) => {
          await this.documents.access.requireExisting(request, 'read', templateId, ['input', 'templateId'], em);
          const template = await em.findOneBy(Document, { id: templateId });
          if (!template) throw documentNotFound(['input', 'templateId']);
          if (template.type !== DocumentType.TEMPLATE) throw documentNotATemplate();
          document.content = await this.seedFromTemplate(em, request, document, template);
          document.metadata = template.metadata;
          document.templateId = template.id;
        },
      },
    );
  }

  /**
   * Inserts a new document's clauses (in `em`, the create's transaction): those of its template, as
   * they are there (version and override), then every clause included by default the caller reads
   * and the template lacks, by category and title. Returns the content with their sections.
   */
  async seedFromTemplate(em: EntityManager, request: RequestContext, document: Document, template: Document): Promise<string> {
    const inTemplate = clauseSectionIds(template.content);
    const templateRows = (await this.load(em, [template.id])).filter((row) => inTemplate.includes(toGlobalId('Clause', row.clauseId)));
    templateRows.sort((a, b) => inTemplate.indexOf(toGlobalId('Clause', a.clauseId)) - inTemplate.indexOf(toGlobalId('Clause', b.clauseId)));
    const rows = templateRows.map((row) => ({ clauseId: row.clauseId, version: row.version, overrideBody: row.overrideBody }));
    let content = template.content;
    const present = new Set(rows.map((row) => row.clauseId));
    const candidates = (await em.find(Clause, { where: { includeByDefault: true }, order: { category: 'ASC', title: 'ASC', id: 'ASC' } })).filter(
      (clause) => !present.has(clause.id),
    );
    const readable = await this.clauses.access.readableOf(request, candidates);
    for (const clause of candidates.filter((_, index) => readable[index])) {
      content = insertClauseSection(content, sectionOf(clause, clause.version, clause.body), rows.length);
      rows.push({ clauseId: clause.id, version: clause.version, overrideBody: null });
    }
    if (rows.length) {
      await em.insert(
        DocumentClause,
        rows.map((row, index) => ({ id: uuidv7(), orgId: document.orgId, documentId: document.id, ...row, position: index })),
      );
    }
    if (content.length > MAX_CONTENT_LENGTH) throw documentContentTooLarge(['input', 'templateId']);
    return content;
  }

  /**
   * One change of a document's clauses: the document locked for writing (DOCUMENT_NOT_FOUND,
   * FORBIDDEN, DOCUMENT_LOCKED), its rows in content order, the change, the content saved and the
   * change's event — one transaction.
   */
  private edit(
    request: RequestContext,
    documentId: string,
    change: (em: EntityManager, document: Document, rows: DocumentClause[]) => Promise<{ type: string; data: Record<string, unknown> }>,
  ): Promise<Document> {
    return this.db.transaction(request, async (em) => {
      const document = await this.documents.access.loadForUpdate(em, request, 'write', documentId);
      if (isLocked(document.status)) throw documentLocked(document.status, ['input', 'id']);
      const rows = await this.sync(em, document);
      const event = await change(em, document, rows);
      if (document.content.length > MAX_CONTENT_LENGTH) throw documentContentTooLarge();
      const saved = await em.save(document);
      await this.db.emit(em, {
        type: event.type,
        orgId: saved.orgId,
        subject: { type: 'Document', id: saved.id },
        data: { ...event.data, title: saved.title },
      });
      return saved;
    });
  }

  /**
   * A document's rows as its content orders them: rows whose section is gone (a content edit
   * removed it) are deleted, positions follow the sections. In the caller's transaction.
   */
  async sync(em: EntityManager, document: Document): Promise<DocumentClause[]> {
    const rows = await this.load(em, [document.id]);
    const kept = inContentOrder(document.content, rows);
    const gone = rows.filter((row) => !kept.includes(row));
    if (gone.length)
      await em.delete(
        DocumentClause,
        gone.map((row) => row.id),
      );
    await this.writePositions(em, kept);
    return kept;
  }

  /** Positions 0, 1, 2… in the order of `rows` (one statement; the unique position is checked at commit). */
  private async writePositions(em: EntityManager, rows: DocumentClause[]): Promise<void> {
    const moved = rows.map((row, index) => ({ row, index })).filter(({ row, index }) => row.position !== index);
    if (!moved.length) return;
    await em.query(
      `UPDATE documents.document_clauses AS dc SET position = p.position, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS p(id, position) WHERE dc.id = p.id`,
      [moved.map(({ row }) => row.id), moved.map(({ index }) => index)],
    );
    for (const { row, index } of moved) row.position = index;
  }

  private inserted(rows: DocumentClause[], clauseId: string): DocumentClause {
    const row = rows.find((candidate) => candidate.clauseId === clauseId);
    if (!row) throw documentClauseNotInserted();
    return row;
  }

  /** A clause of the library the caller reads (CLAUSE_NOT_FOUND otherwise, also in the trash). */
  private async readableClause(em: EntityManager, request: RequestContext, clauseId: string): Promise<Clause> {
    await this.clauses.access.requireExisting(request, 'read', clauseId, ['input', 'clauseId'], em);
    // requireExisting also passes a clause in the trash (restore needs that); the library does not offer it.
    const clause = await em.findOneBy(Clause, { id: clauseId });
    if (!clause) throw clauseNotFound(['input', 'clauseId']);
    return clause;
  }

  private async load(em: EntityManager, documentIds: readonly string[]): Promise<DocumentClause[]> {
    const rows: LoadedRow[] = await em.query(
      `SELECT dc.id, dc.org_id, dc.document_id, dc.clause_id, dc.version, dc.position, dc.override_body, dc.created_at, dc.updated_at,
              v.body AS version_body, c.version AS latest_version
       FROM documents.document_clauses dc
       JOIN documents.clauses c ON c.id = dc.clause_id
       JOIN documents.clause_versions v ON v.clause_id = dc.clause_id AND v.number = dc.version
       WHERE dc.document_id = ANY($1::uuid[])
       ORDER BY dc.document_id, dc.position`,
      [documentIds],
    );
    return rows.map((row) =>
      Object.assign(new DocumentClause(), {
        id: row.id,
        orgId: row.org_id,
        documentId: row.document_id,
        clauseId: row.clause_id,
        version: row.version,
        position: row.position,
        overrideBody: row.override_body,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        versionBody: row.version_body,
        latestVersion: row.latest_version,
      }),
    );
  }
}
