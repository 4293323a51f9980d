import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Note } from './note.entity.js';
import { NoteErrorCode, noteNotFound } from './note.errors.js';
import type { NoteCreateInput, NoteFilter, NoteUpdateInput, NotesArgs } from './note.inputs.js';

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');
const description = z.string().max(10_000, 'Description must be at most 10,000 characters').nullable();
const createInput = z.object({ name, description: description.optional() });
const updateInput = z.object({ id: globalIdOf('Note'), name: name.optional(), description: description.optional() });
const idInput = z.object({ id: globalIdOf('Note') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(Note, ['name', 'description']);

const filterSpec: FilterSpec = {
  id: { path: 'note.id', kind: 'id', idType: 'Note' },
  name: { path: 'note.name', kind: 'string' },
  createdBy: { path: 'note.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'note.createdAt', kind: 'datetime' },
  updatedAt: { path: 'note.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'note.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'note.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'note.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'note.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/**
 * Notes of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every note; guests only those shared with them (or their
 * teams). Deleting moves a note to the trash; every change emits its event.
 */
export class NoteService {
  readonly access: AggregateAccess<Note>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Note', entity: Note, table: 'notes.notes', notFound: noteNotFound });
  }

  async list(request: RequestContext, args: NotesArgs): Promise<Connection<Note>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'note', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: NoteCreateInput): Promise<Note> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Note');
    const valid = validateInput(createInput, input, NoteErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'noteCreate',
        input: valid,
        create: async () => {
          const note = await em.save(em.create(Note, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null, createdBy: actorId }));
          await this.emit(em, note, 'note.created', { after: TRACKED.snapshot(note) });
          return note;
        },
        load: (id) => em.findOneBy(Note, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: NoteUpdateInput): Promise<Note> {
    const { id, ...changes } = validateInput(updateInput, input, NoteErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const note = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(note);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(note, { [key]: value });
      }
      const saved = await em.save(note);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'note.updated', change);
      return saved;
    });
  }

  /** Moves a note to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, NoteErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const note = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Note, { id });
      await this.emit(em, note, 'note.deleted', { title: note.name });
    });
    return input.id;
  }

  /** Brings a note back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<Note> {
    const { id } = validateInput(idInput, input, NoteErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Note).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw noteNotFound();
      const note = await em.findOneByOrFail(Note, { id });
      await this.emit(em, note, 'note.restored', {});
      return note;
    });
  }

  private emit(em: EntityManager, note: Note, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: note.orgId, subject: { type: 'Note', id: note.id }, data });
  }

  private query(em: EntityManager, filter: NoteFilter | null | undefined) {
    const query = em.createQueryBuilder(Note, 'note');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
