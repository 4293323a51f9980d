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
import { File } from './file.entity.js';
import { FileErrorCode, fileNotFound } from './file.errors.js';
import type { FileCreateInput, FileFilter, FileUpdateInput, FilesArgs } from './file.inputs.js';

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');
const description = z.string().max(10_000, 'Description must be at most 10,000 characters').nullable();
const createInput = z.object({ name, description: description.optional() });
const updateInput = z.object({ id: globalIdOf('File'), name: name.optional(), description: description.optional() });
const idInput = z.object({ id: globalIdOf('File') });

/** The fields its events carry before and after a change. */
const TRACKED = TrackedFields.of(File, ['name', 'description']);

const filterSpec: FilterSpec = {
  id: { path: 'file.id', kind: 'id', idType: 'File' },
  name: { path: 'file.name', kind: 'string' },
  createdBy: { path: 'file.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'file.createdAt', kind: 'datetime' },
  updatedAt: { path: 'file.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'file.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'file.updatedAt', sqlType: 'timestamptz' },
  name: { path: 'file.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'file.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/**
 * Files of the caller's organization: rules, permission checks, transactions, events and
 * queries. Members read and change every file; guests only those shared with them (or their
 * teams). Deleting moves a file to the trash; every change emits its event.
 */
export class FileService {
  readonly access: AggregateAccess<File>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'File', entity: File, table: 'files.files', notFound: fileNotFound });
  }

  async list(request: RequestContext, args: FilesArgs): Promise<Connection<File>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'file', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: FileCreateInput): Promise<File> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'File');
    const valid = validateInput(createInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'fileCreate',
        input: valid,
        create: async () => {
          const file = await em.save(em.create(File, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null, createdBy: actorId }));
          await this.emit(em, file, 'file.created', { after: TRACKED.snapshot(file) });
          return file;
        },
        load: (id) => em.findOneBy(File, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: FileUpdateInput): Promise<File> {
    const { id, ...changes } = validateInput(updateInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const file = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(file);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(file, { [key]: value });
      }
      const saved = await em.save(file);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'file.updated', change);
      return saved;
    });
  }

  /** Moves a file to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, FileErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const file = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(File, { id });
      await this.emit(em, file, 'file.deleted', { title: file.name });
    });
    return input.id;
  }

  /** Brings a file back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<File> {
    const { id } = validateInput(idInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(File).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw fileNotFound();
      const file = await em.findOneByOrFail(File, { id });
      await this.emit(em, file, 'file.restored', {});
      return file;
    });
  }

  private emit(em: EntityManager, file: File, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: file.orgId, subject: { type: 'File', id: file.id }, data });
  }

  private query(em: EntityManager, filter: FileFilter | null | undefined) {
    const query = em.createQueryBuilder(File, 'file');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
