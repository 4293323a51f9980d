import {
  AggregateAccess,
  forbidden,
  fromGlobalId,
  globalIdOf,
  OrderDirection,
  paginate,
  principalUserId,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type RequestContext,
  type SortKey,
  zodMessage,
} from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { FileAccessRule } from '../file/file-access.js';
import { sanitizeFileName } from '../file/file-names.js';
import { Folder } from './folder.entity.js';
import { folderCycle, FolderErrorCode, folderNameTaken, folderNotFound } from './folder.errors.js';
import type { FoldersArgs } from './folder.inputs.js';
import { fileErrorTexts } from '../messages.js';

const name = z
  .string()
  .transform(sanitizeFileName)
  .pipe(z.string().min(1, zodMessage(fileErrorTexts.folderNameRequired)));
const parentId = globalIdOf('Folder').nullish();
const createInput = z.object({ name, parentId });
const renameInput = z.object({ id: globalIdOf('Folder'), name });
const moveInput = z.object({ id: globalIdOf('Folder'), parentId });
const idInput = z.object({ id: globalIdOf('Folder') });

const byName: SortKey[] = [
  { name: 'name', path: 'folder.name', sqlType: 'text', direction: OrderDirection.ASC },
  { name: 'id', path: 'folder.id', sqlType: 'uuid', direction: OrderDirection.ASC },
];

/** The folders of a subtree, the folder first: `live` follows only folders out of the trash. */
const subtreeSql = (live: boolean) => `WITH RECURSIVE tree AS (
    SELECT id FROM files.folders WHERE id = ANY($1)
    UNION
    SELECT f.id FROM files.folders f JOIN tree ON f.parent_id = tree.id${live ? ' WHERE f.deleted_at IS NULL' : ''}
  ) SELECT id FROM tree`;

/** What `folder.deleted` and `folder.restored` report of a subtree going to or coming back from the trash. */
export interface TreeChange {
  folderIds: string[];
  files: number;
  aboutIds: string[];
}

/**
 * Folders of the caller's organization. A tree of folders belongs to the creator of its top-level
 * folder (`ownerId`): that person and the organization's owners and admins read it and change it
 * (create in it, rename, move, delete, restore), provided they may write files (members, admins,
 * owners; not guests). Moving a folder into another tree gives it (and everything under it) that
 * tree's owner. Every change takes the organization's folder lock, so concurrent moves cannot make
 * a cycle and names stay unique per parent.
 */
export class FolderService {
  readonly access: AggregateAccess<Folder>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly rule: FileAccessRule,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Folder',
      entity: Folder,
      table: 'files.folders',
      notFound: folderNotFound,
      readableOf: (request, rows) => this.readableOf(request, rows),
    });
  }

  /** A folder is read by the owner of its tree and the organization's owners and admins. */
  async readableOf(request: RequestContext, rows: readonly { ownerId: string }[]): Promise<boolean[]> {
    const userId = principalUserId(request.principal);
    const admin = rows.some((row) => row.ownerId !== userId) ? await this.rule.isAdmin(request) : false;
    return rows.map((row) => admin || row.ownerId === userId);
  }

  /**
   * The folder (out of the trash) if the caller reads it, else FOLDER_NOT_FOUND naming `field`. In the
   * caller's transaction (`em`) the row is locked FOR SHARE: a concurrent folderDelete waits for the
   * file or folder being put into it, then takes it to the trash too.
   */
  async requireReadable(request: RequestContext, id: string, field: (string | number)[], em?: EntityManager): Promise<Folder> {
    const folder = em
      ? await em.findOne(Folder, { where: { id }, lock: { mode: 'pessimistic_read' } })
      : await this.db.transaction(request, (own) => own.findOneBy(Folder, { id }));
    if (!folder || !(await this.readableOf(request, [folder]))[0]) throw folderNotFound(field);
    return folder;
  }

  /** The caller's folders in `parentId` (or a top level), by name. */
  async list(request: RequestContext, args: FoldersArgs): Promise<Connection<Folder>> {
    requireOrgId(request);
    let where: (query: ReturnType<EntityManager['createQueryBuilder']>) => void;
    if (args.parentId) {
      const parent = await this.requireReadable(request, fromGlobalId('Folder', args.parentId, 'parentId'), ['parentId']);
      where = (query) => query.andWhere('folder.parentId = :parentId', { parentId: parent.id });
    } else {
      const me = requireUserId(request);
      const ownerId = args.ownerId ? fromGlobalId('User', args.ownerId, 'ownerId') : me;
      if (ownerId !== me && !(await this.rule.isAdmin(request))) throw forbidden(fileErrorTexts.othersFoldersAdminsOnly);
      where = (query) => query.andWhere('folder.parentId IS NULL AND folder.ownerId = :ownerId', { ownerId });
    }
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(Folder, 'folder');
        where(query);
        return query;
      },
      sort: byName,
      args,
    });
  }

  /** The children of readable folders, for `Folder.folders` (the caller read the parent). */
  children(request: RequestContext, folder: Folder, args: FoldersArgs): Promise<Connection<Folder>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(Folder, 'folder').andWhere('folder.parentId = :parentId', { parentId: folder.id }),
      sort: byName,
      args,
    });
  }

  /** For each folder id, its ancestors from the top level down (one statement for a batch). */
  async ancestors(request: RequestContext, ids: readonly string[]): Promise<Folder[][]> {
    return this.db.transaction(request, async (em) => {
      const chain: { start: string; id: string; depth: number }[] = await em.query(
        `WITH RECURSIVE up(start, id, depth) AS (
           SELECT f.id, f.parent_id, 1 FROM files.folders f WHERE f.id = ANY($1) AND f.parent_id IS NOT NULL
           UNION ALL
           SELECT up.start, f.parent_id, up.depth + 1 FROM up JOIN files.folders f ON f.id = up.id WHERE f.parent_id IS NOT NULL AND up.depth < 1000
         ) SELECT start, id, depth FROM up`,
        [[...ids]],
      );
      const folders = chain.length ? await em.find(Folder, { where: { id: In([...new Set(chain.map((row) => row.id))]) }, withDeleted: true }) : [];
      const byId = new Map(folders.map((folder) => [folder.id, folder]));
      return ids.map((id) =>
        chain
          .filter((row) => row.start === id)
          .sort((a, b) => b.depth - a.depth)
          .flatMap((row) => (byId.has(row.id) ? [byId.get(row.id)!] : [])),
      );
    });
  }

  async create(request: RequestContext, input: { name: string; parentId?: string | null }): Promise<Folder> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    await this.authz.require(request, 'write', 'File');
    const valid = validateInput(createInput, input, FolderErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.lockTrees(em, orgId);
      const parent = valid.parentId ? await this.requireReadable(request, valid.parentId, ['input', 'parentId'], em) : null;
      const ownerId = parent?.ownerId ?? userId;
      await this.requireNameFree(em, ownerId, parent?.id ?? null, valid.name, null);
      const folder = await em.save(
        em.create(Folder, { id: uuidv7(), orgId, name: valid.name, parentId: parent?.id ?? null, ownerId, createdBy: userId, trashedWith: null }),
      );
      await this.emit(em, folder, 'folder.created', { name: folder.name, parentId: folder.parentId });
      return folder;
    });
  }

  async rename(request: RequestContext, input: { id: string; name: string }): Promise<Folder> {
    const valid = validateInput(renameInput, input, FolderErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const folder = await this.loadToChange(em, request, valid.id);
      if (folder.name === valid.name) return folder;
      await this.requireNameFree(em, folder.ownerId, folder.parentId, valid.name, folder.id);
      const before = folder.name;
      folder.name = valid.name;
      const saved = await em.save(folder);
      await this.emit(em, saved, 'folder.renamed', { parentId: saved.parentId, before: { name: before }, after: { name: saved.name } });
      return saved;
    });
  }

  /** Moves a folder (and what is in it) into another folder the caller reads, or to the top level. */
  async move(request: RequestContext, input: { id: string; parentId?: string | null }): Promise<Folder> {
    const valid = validateInput(moveInput, input, FolderErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const folder = await this.loadToChange(em, request, valid.id);
      const target = valid.parentId ? await this.requireReadable(request, valid.parentId, ['input', 'parentId'], em) : null;
      const targetId = target?.id ?? null;
      if (targetId === folder.parentId) return folder;
      if (target && (await this.subtree(em, [folder.id], true)).includes(target.id)) throw folderCycle();
      const ownerId = target?.ownerId ?? folder.ownerId;
      await this.requireNameFree(em, ownerId, targetId, folder.name, folder.id, ['input', 'parentId']);
      const before = folder.parentId;
      if (ownerId !== folder.ownerId) {
        // Another tree: everything under it (in the trash too) now belongs to that tree's owner.
        await em.query('UPDATE files.folders SET owner_id = $2 WHERE id = ANY($1)', [await this.subtree(em, [folder.id], false), ownerId]);
      }
      await em.query('UPDATE files.folders SET parent_id = $2, updated_at = now() WHERE id = $1', [folder.id, targetId]);
      const saved = (await em.findOneBy(Folder, { id: folder.id }))!;
      await this.emit(em, saved, 'folder.moved', { name: saved.name, before: { parentId: before }, after: { parentId: targetId } });
      return saved;
    });
  }

  /**
   * Moves a folder to the trash with everything in it (folders and files, at any depth), as Google
   * Drive and Dropbox do: one item in the trash; restoring it brings back what went with it.
   */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, FolderErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const folder = await this.loadToChange(em, request, id);
      const folderIds = await this.subtree(em, [folder.id], true);
      await em.query('UPDATE files.folders SET deleted_at = now(), trashed_with = $2 WHERE id = ANY($1)', [folderIds, folder.id]);
      const [files]: [{ about_id: string | null }[], number] = await em.query(
        'UPDATE files.files SET deleted_at = now(), trashed_with = $2 WHERE folder_id = ANY($1) AND deleted_at IS NULL RETURNING about_id',
        [folderIds, folder.id],
      );
      await this.emit(em, folder, 'folder.deleted', { title: folder.name, parentId: folder.parentId, ...treeChange(folderIds, files) });
    });
    return input.id;
  }

  /**
   * Brings a folder back from the trash with the folders and files that went with it. It returns to
   * its parent, or to the top level when that parent is in the trash or gone.
   */
  async restore(request: RequestContext, input: { id: string }): Promise<Folder> {
    const { id } = validateInput(idInput, input, FolderErrorCode.InvalidInput);
    await this.authz.require(request, 'write', 'File');
    return this.db.transaction(request, async (em) => {
      await this.lockTrees(em, requireOrgId(request));
      const folder = await em.findOne(Folder, { where: { id }, withDeleted: true, lock: { mode: 'pessimistic_write' } });
      if (!folder?.deletedAt || !(await this.readableOf(request, [folder]))[0]) throw folderNotFound();
      const root = folder.trashedWith ?? folder.id;
      const parentId = folder.parentId && (await em.findOneBy(Folder, { id: folder.parentId })) ? folder.parentId : null;
      await this.requireNameFree(em, folder.ownerId, parentId, folder.name, folder.id, ['input', 'id']);
      // What went to the trash with it, under it (not what was deleted on its own before).
      const went: { id: string }[] = await em.query(
        `WITH RECURSIVE tree AS (
           SELECT id FROM files.folders WHERE id = $1
           UNION
           SELECT f.id FROM files.folders f JOIN tree ON f.parent_id = tree.id WHERE f.trashed_with = $2
         ) SELECT id FROM tree`,
        [folder.id, root],
      );
      const folderIds = went.map((row) => row.id);
      await em.query('UPDATE files.folders SET deleted_at = NULL, trashed_with = NULL WHERE id = ANY($1)', [folderIds]);
      await em.query('UPDATE files.folders SET parent_id = $2, updated_at = now() WHERE id = $1', [folder.id, parentId]);
      const [files]: [{ about_id: string | null }[], number] = await em.query(
        'UPDATE files.files SET deleted_at = NULL, trashed_with = NULL WHERE trashed_with = $2 AND folder_id = ANY($1) RETURNING about_id',
        [folderIds, root],
      );
      const saved = (await em.findOneBy(Folder, { id: folder.id }))!;
      await this.emit(em, saved, 'folder.restored', { parentId, ...treeChange(folderIds, files) });
      return saved;
    });
  }

  /** The folder, locked, for a change by whoever reads it and may write files; FOLDER_NOT_FOUND otherwise. */
  private async loadToChange(em: EntityManager, request: RequestContext, id: string): Promise<Folder> {
    await this.authz.require(request, 'write', 'File');
    await this.lockTrees(em, requireOrgId(request));
    const folder = await em.findOne(Folder, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!folder || !(await this.readableOf(request, [folder]))[0]) throw folderNotFound();
    return folder;
  }

  /** One change to an organization's folders at a time: no cycle from concurrent moves, no duplicate name. */
  private async lockTrees(em: EntityManager, orgId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`files.folders:${orgId}`]);
  }

  private async subtree(em: EntityManager, ids: string[], live: boolean): Promise<string[]> {
    return ((await em.query(subtreeSql(live), [ids])) as { id: string }[]).map((row) => row.id);
  }

  /** FOLDER_NAME_TAKEN when another folder out of the trash has this name (whatever the case) in `parentId` (at the top level: of `ownerId`). */
  private async requireNameFree(
    em: EntityManager,
    ownerId: string,
    parentId: string | null,
    name: string,
    except: string | null,
    field: (string | number)[] = ['input', 'name'],
  ): Promise<void> {
    const siblings = await em
      .createQueryBuilder(Folder, 'folder')
      .where(parentId ? 'folder.parentId = :parentId' : 'folder.parentId IS NULL AND folder.ownerId = :ownerId', { parentId, ownerId })
      .andWhere('lower(folder.name) = lower(:name)', { name })
      .andWhere(except ? 'folder.id <> :except' : 'TRUE', { except })
      .getCount();
    if (siblings) throw folderNameTaken(name, field);
  }

  private emit(em: EntityManager, folder: Folder, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: folder.orgId, subject: { type: 'Folder', id: folder.id }, data });
  }
}

function treeChange(folderIds: string[], files: { about_id: string | null }[]): TreeChange {
  return { folderIds, files: files.length, aboutIds: [...new Set(files.flatMap((file) => (file.about_id ? [file.about_id] : [])))] };
}
