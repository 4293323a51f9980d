import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { consumersOf, matchesEventPattern, type EventConsumers } from '../events/consumers.js';
import { appendEvent, type DomainEvent } from '../events/outbox.js';
import { toGlobalId } from '../ids/global-id.js';
import { uuidv7 } from '../ids/uuid.js';
import { sqlIdentifier } from '../db/roles.js';

/**
 * What a module declares searchable (`searchable` in `defineSubgraph`): one entry per Node type.
 * The kernel keeps the search index fed from the owning module's own transactions: whenever the
 * module emits one of `events` about an object of `type`, it reads the object's row as it is now
 * and writes a `search.document_changed` (or, the row gone, `search.document_removed`) event into
 * the same outbox. The search subgraph consumes those. Modules write no search code.
 */
export interface SearchableSpec {
  /** The Node type (its global ids' type name), e.g. `Task`. */
  readonly type: string;
  /** Its table in the module's schema, with `id`, `org_id` and `deleted_at`. */
  readonly table: string;
  /** The title: a column, or an SQL expression over the row's columns (e.g. `concat_ws(' ', first_name, last_name)`). */
  readonly title: string;
  /** The body: columns or SQL expressions, joined with blank lines (null ones left out). */
  readonly body?: readonly string[];
  /** The module's events (types or `prefix.*`) that may change it; only those whose subject is of `type` count. */
  readonly events: readonly string[];
}

/** Kernel-defined events: any module with `searchable` types emits them, only the search subgraph consumes them. */
export const SEARCH_DOCUMENT_CHANGED = 'search.document_changed';
export const SEARCH_DOCUMENT_REMOVED = 'search.document_removed';
export const SEARCH_DOCUMENT_EVENTS = [SEARCH_DOCUMENT_CHANGED, SEARCH_DOCUMENT_REMOVED] as const;
/** The job of a module with searchable types that re-emits every document of one organization. */
export const SEARCH_REBUILD_JOB = 'search.rebuild';
export const searchRebuildPayload = z.object({ orgId: z.uuid() });

/** Limits of what one document carries (the index truncates nothing else). */
export const SEARCH_TITLE_MAX = 500;
export const SEARCH_BODY_MAX = 100_000;

/** The data of the document events, as the search subgraph receives them. */
export const searchDocumentEvents = {
  [SEARCH_DOCUMENT_CHANGED]: z.object({
    /** Global id of the object. */
    id: z.string().min(1),
    type: z.string().min(1),
    module: z.string().min(1),
    title: z.string(),
    body: z.string(),
    /** In the trash: kept in the index, never found, until restored or purged. */
    deleted: z.boolean(),
    /** Orders the documents of one object: the uuidv7 of this event, written after the row changed (under its lock). */
    version: z.uuid(),
  }),
  [SEARCH_DOCUMENT_REMOVED]: z.object({ id: z.string().min(1), type: z.string().min(1), module: z.string().min(1), version: z.uuid() }),
};
export type SearchDocumentChanged = z.infer<(typeof searchDocumentEvents)[typeof SEARCH_DOCUMENT_CHANGED]>;
export type SearchDocumentRemoved = z.infer<(typeof searchDocumentEvents)[typeof SEARCH_DOCUMENT_REMOVED]>;

/** Whether the cell routes documents to a consumer: a cell without search writes no document events. */
export const cellIndexesSearch = (consumers: EventConsumers | undefined): boolean => !!consumers && consumersOf(consumers, SEARCH_DOCUMENT_CHANGED).length > 0;

interface DocumentRow {
  id: string;
  org_id: string;
  title: string | null;
  body: string | null;
  deleted: boolean;
}

const REBUILD_BATCH = 500;

/** Writes a module's search documents into its outbox (see SearchableSpec). */
export class SearchDocuments {
  constructor(
    private readonly schema: string,
    readonly specs: readonly SearchableSpec[],
  ) {}

  /** The spec an emitted event concerns, if any. */
  specOf(event: DomainEvent): SearchableSpec | undefined {
    if (!event.orgId || !event.subject || event.type.startsWith('search.')) return undefined;
    return this.specs.find((spec) => spec.type === event.subject!.type && spec.events.some((pattern) => matchesEventPattern(pattern, event.type)));
  }

  /** After `event` was appended in the transaction of `em`: the object's document as it is now. */
  async afterEvent(em: EntityManager, event: DomainEvent): Promise<void> {
    const spec = this.specOf(event);
    if (!spec) return;
    const [row] = await this.rows(em, spec, 'id = $1', [event.subject!.id]);
    await this.write(em, spec, event.orgId!, event.subject!.id, row);
  }

  /**
   * Re-emits the document of every row of one organization (its trashed rows included), in
   * batches of its own transactions; idempotent (each carries a newer version). Returns the count.
   */
  async rebuild(transaction: <T>(work: (em: EntityManager) => Promise<T>) => Promise<T>, orgId: string): Promise<number> {
    let count = 0;
    for (const spec of this.specs) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await transaction(async (em) => {
          const batch = await this.rows(em, spec, 'org_id = $1 AND id > $2 ORDER BY id LIMIT $3', [orgId, after, REBUILD_BATCH]);
          for (const row of batch) await this.write(em, spec, orgId, row.id, row);
          return batch;
        });
        count += rows.length;
        if (rows.length < REBUILD_BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
    }
    return count;
  }

  private rows(em: EntityManager, spec: SearchableSpec, where: string, params: unknown[]): Promise<DocumentRow[]> {
    const body = spec.body?.length ? `concat_ws(E'\\n\\n', ${spec.body.map((expression) => `(${expression})::text`).join(', ')})` : `''`;
    return em.query(
      `SELECT id, org_id, (${spec.title})::text AS title, ${body} AS body, deleted_at IS NOT NULL AS deleted
       FROM ${sqlIdentifier(this.schema)}.${sqlIdentifier(spec.table)} WHERE ${where}`,
      params,
    ) as Promise<DocumentRow[]>;
  }

  private async write(em: EntityManager, spec: SearchableSpec, orgId: string, id: string, row: DocumentRow | undefined): Promise<void> {
    const version = uuidv7();
    const key = { id: toGlobalId(spec.type, id), type: spec.type, module: this.schema, version };
    // The event's own id is the version: appended now, after the row changed and under its lock.
    // Subject null: a document is not a change of the object (lists of an object's events leave it out).
    const event = row
      ? {
          type: SEARCH_DOCUMENT_CHANGED,
          data: { ...key, title: (row.title ?? '').slice(0, SEARCH_TITLE_MAX), body: (row.body ?? '').slice(0, SEARCH_BODY_MAX), deleted: row.deleted },
        }
      : { type: SEARCH_DOCUMENT_REMOVED, data: key };
    await appendEvent(em, this.schema, { ...event, orgId, actorId: null, subject: null }, version);
  }
}
